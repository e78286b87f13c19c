/**
 * IdIndex (idIndex.ts): numbers a list's ids by position, names the repeats, finds them
 * again and finds nothing it was not given — checked against a Map.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdIndex } from "./idIndex.js";

/** The numbers `getAll` gives for `keys`. */
const numbersOf = (index: IdIndex, keys: readonly string[]) => {
  const out = new Int32Array(keys.length);
  index.getAll(keys, out);
  return [...out];
};

describe("IdIndex", () => {
  it("ofList numbers a list by position and names the repeats", () => {
    // "b" at 0, "a" at 1, "b" again at 2 (a repeat of 0), "c" at 3, "a" again at 4.
    expect(IdIndex.ofList(["b", "a", "b", "c", "a"]).repeats).toEqual([2, 4]);
    const { index, repeats } = IdIndex.ofList(["b", "a", "__proto__"]);
    expect(repeats).toEqual([]);
    expect(index.ids).toEqual(["b", "a", "__proto__"]);
    expect(numbersOf(index, ["a", "__proto__", "c", "", "b"])).toEqual([1, 2, -1, -1, 0]);
  });

  it("tells apart two ids whose 32-bit hashes are equal", () => {
    // "k4uzx" and "kf2ad" hash alike (found by a search over 3 million ids)
    expect(numbersOf(IdIndex.ofList(["k4uzx"]).index, ["kf2ad", "k4uzx"])).toEqual([-1, 0]);
    const both = IdIndex.ofList(["k4uzx", "kf2ad"]);
    expect(both.repeats).toEqual([]);
    expect(numbersOf(both.index, ["kf2ad", "k4uzx"])).toEqual([1, 0]);
  });

  it("ofList and getAll agree with a Map on ids that collide, share prefixes and use any code unit", () => {
    const id = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer({ min: 0, max: 400 }).map((k) => `C${String(k).padStart(8, "0")}`),
      fc.constantFrom("k4uzx", "kf2ad", "\ud83d", "\ude00", "\u0000", "a\u0000", "é", "e\u0301"),
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
          expect(numbersOf(index, keys)).toEqual(keys.map((x) => firstAt.get(x) ?? -1));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("finds every id of a list of 10,000 (a table at most half full, many blocks of 64)", () => {
    const ids = Array.from({ length: 10_000 }, (_, k) => `id${k}`);
    const { index, repeats } = IdIndex.ofList(ids);
    expect(repeats).toEqual([]);
    // 10,500 keys, the 500 absent ones first: id10499 .. id0
    const keys = Array.from({ length: 10_500 }, (_, k) => `id${10_499 - k}`);
    expect(numbersOf(index, keys)).toEqual(keys.map((_, k) => (10_499 - k < 10_000 ? 10_499 - k : -1)));
  });
});
