/**
 * IdIndex (idIndex.ts): numbers ids in the order added, finds them again, refuses nothing
 * it should keep and finds nothing it was not given — checked against a Map.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdIndex } from "./idIndex.js";

describe("IdIndex", () => {
  it("numbers new ids 0, 1, 2 … and returns the number of a repeat", () => {
    const index = new IdIndex(4);
    expect(index.add("b")).toBe(-1);
    expect(index.add("a")).toBe(-1);
    expect(index.add("b")).toBe(0);
    expect(index.add("__proto__")).toBe(-1);
    expect(index.get("a")).toBe(1);
    expect(index.get("__proto__")).toBe(2);
    expect(index.get("c")).toBe(-1);
    expect(index.get("")).toBe(-1);
    expect(index.ids).toEqual(["b", "a", "__proto__"]);
  });

  it("agrees with a Map on ids that collide, share prefixes and use any code unit", () => {
    const id = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer({ min: 0, max: 5000 }).map((k) => `C${String(k).padStart(8, "0")}`),
      fc.constantFrom("\ud83d", "\ude00", "\u0000", "a\u0000", "é", "e\u0301"),
    );
    fc.assert(
      fc.property(
        fc.array(id, { maxLength: 400, size: "max" }),
        fc.array(id, { maxLength: 50 }),
        (added, probes) => {
          const index = new IdIndex(added.length);
          const map = new Map<string, number>();
          for (const x of added) {
            const before = map.get(x);
            expect(index.add(x)).toBe(before ?? -1);
            if (before === undefined) map.set(x, map.size);
          }
          for (const x of [...added, ...probes]) expect(index.get(x)).toBe(map.get(x) ?? -1);
          expect(index.ids).toEqual([...map.keys()]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("ofList numbers a list by position and names the repeats", () => {
    // "b" at 0, "a" at 1, "b" again at 2 (a repeat of 0), "c" at 3, "a" again at 4.
    const { index, repeats } = IdIndex.ofList(["b", "a", "b", "c", "a"]);
    expect(repeats).toEqual([2, 4]);
    const distinct = IdIndex.ofList(["b", "a", "__proto__", "k4uzx", "kf2ad"]);
    expect(distinct.repeats).toEqual([]);
    expect(distinct.index.ids).toEqual(["b", "a", "__proto__", "k4uzx", "kf2ad"]);
    expect(distinct.index.get("__proto__")).toBe(2);
    expect(distinct.index.get("kf2ad")).toBe(4); // hashes alike with "k4uzx" (see below)
    expect(distinct.index.get("c")).toBe(-1);
    expect(index.get("c")).toBe(3);
  });

  it("ofList and getAll agree with a Map, over several blocks of 64", () => {
    const id = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.integer({ min: 0, max: 400 }).map((k) => `C${String(k).padStart(8, "0")}`),
      fc.constantFrom("k4uzx", "kf2ad", "\ud83d", "\u0000", "é"),
    );
    fc.assert(
      fc.property(
        fc.array(id, { maxLength: 300, size: "max" }),
        fc.array(id, { maxLength: 200, size: "max" }),
        (list, probes) => {
          const firstAt = new Map<string, number>();
          const expectedRepeats: number[] = [];
          list.forEach((x, i) => {
            if (firstAt.has(x)) expectedRepeats.push(i);
            else firstAt.set(x, i);
          });
          const { index, repeats } = IdIndex.ofList([...list]);
          expect(repeats).toEqual(expectedRepeats);
          if (repeats.length > 0) return; // such an index is not to be used
          const keys = [...list, ...probes];
          const out = new Int32Array(keys.length);
          index.getAll(keys, out);
          expect([...out]).toEqual(keys.map((x) => firstAt.get(x) ?? -1));
        },
      ),
      { numRuns: 300 },
    );
    // Many distinct ids, so that several blocks run and the table holds hundreds.
    const ids = Array.from({ length: 1000 }, (_, k) => `id${k}`);
    const { index, repeats } = IdIndex.ofList(ids);
    expect(repeats).toEqual([]);
    const keys = Array.from({ length: 1500 }, (_, k) => `id${1499 - k}`); // 500 absent ones first
    const out = new Int32Array(keys.length);
    index.getAll(keys, out);
    expect([...out]).toEqual(keys.map((_, k) => (1499 - k < 1000 ? 1499 - k : -1)));
  });

  it("tells apart two ids whose 32-bit hashes are equal", () => {
    // "k4uzx" and "kf2ad" hash alike (found by a search over 3 million ids)
    const index = new IdIndex(2);
    expect(index.add("k4uzx")).toBe(-1);
    expect(index.get("kf2ad")).toBe(-1);
    expect(index.add("kf2ad")).toBe(-1);
    expect(index.get("kf2ad")).toBe(1);
    expect(index.get("k4uzx")).toBe(0);
  });

  it("works at its capacity (a table at most half full) and refuses more", () => {
    const n = 10_000;
    const index = new IdIndex(n);
    for (let k = 0; k < n; k++) expect(index.add(`id${k}`)).toBe(-1);
    for (let k = 0; k < n; k++) expect(index.get(`id${k}`)).toBe(k);
    expect(index.get(`id${n}`)).toBe(-1);
    // 10,000 ids: 32,768 slots, room for 16,384; a tiny index has 16 slots, room for 8
    const tiny = new IdIndex(0);
    for (let k = 0; k < 8; k++) tiny.add(String(k));
    expect(() => tiny.add("8")).toThrow(RangeError);
    expect(tiny.add("3")).toBe(3); // a repeat is still found
  });
});
