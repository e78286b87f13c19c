/**
 * The prefix keys of ids (idKeys.ts): where they tell two ids apart, they order them as
 * plain string comparison does; they tell apart ids that differ within 12 units after the
 * common prefix; and they give way (-1, or equal keys) everywhere else.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { idKeys, idKeysOf, idRanksOf, orderByIdKeys, registerIdKeys } from "./idKeys.js";

/** -1, 0 or 1 as the keys order ids `a` and `b`; `undefined` where they cannot tell. */
function keyOrder(keys: Float64Array, a: number, b: number): number | undefined {
  const fa = keys[2 * a]!;
  const fb = keys[2 * b]!;
  if (fa < 0 || fb < 0) return undefined;
  if (fa !== fb) return fa < fb ? -1 : 1;
  const sa = keys[2 * a + 1]!;
  const sb = keys[2 * b + 1]!;
  return sa === sb ? undefined : sa < sb ? -1 : 1;
}

const stringOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("idKeys", () => {
  it("encodes 12 units after the common prefix, 8 bits each, unit + 1 (0 past the end)", () => {
    // common prefix "C000" (4 units); "C0001" continues with "1" only
    const keys = idKeys(["C00025031", "C00026857", "C0001"]);
    // "25031" -> units 50 53 48 51 49 -> digits 51 54 49 52 50, then 0
    const first = (d: number[]) => d.reduce((k, x) => k * 256 + x, 0);
    expect(keys[0]).toBe(first([51, 54, 49, 52, 50, 0]));
    expect(keys[1]).toBe(0);
    expect(keys[2]).toBe(first([51, 55, 57, 54, 56, 0])); // "26857"
    expect(keys[4]).toBe(first([50, 0, 0, 0, 0, 0])); // "1"
    // 12 units: the second key holds units 7-12 after the prefix
    const long = idKeys(["x-abcdefghijklmn", "y"]); // no common prefix
    expect(long[0]).toBe(first([..."x-abcd"].map((c) => c.charCodeAt(0) + 1)));
    expect(long[1]).toBe(first([..."efghij"].map((c) => c.charCodeAt(0) + 1)));
  });

  it("gives -1 to an id with a unit of 255 or more among the 12, and nothing to a later one", () => {
    const keys = idKeys(["aÿ", "a\u00fe", "a\u{1F600}", "abcdefghijklm\u4e2d"]);
    expect(keys[0]).toBe(-1); // ÿ is 255
    expect(keys[2]).toBeGreaterThan(0); // þ is 254
    expect(keys[4]).toBe(-1); // a surrogate pair
    expect(keys[6]).toBeGreaterThan(0); // 中 is the 14th unit, past the 12
  });

  it("handles one id, an empty array, and an id that is the common prefix itself", () => {
    expect(Array.from(idKeys(["only"]))).toEqual([0, 0]); // the whole id is the common prefix
    expect(idKeys([]).length).toBe(0);
    const keys = idKeys(["ab", "abc"]);
    expect(keyOrder(keys, 0, 1)).toBe(-1); // "ab" < "abc"
  });

  it("orders like plain string comparison wherever the keys tell ids apart", () => {
    const unit = fc.oneof(
      fc.constantFrom("0", "1", "9", "A", "Z", "a", "z", "-", " ", "~"),
      fc.constantFrom("\u00fe", "\u00ff", "\u0100", "\u4e2d", "\ud83d", "\ude00", "\u0000"),
    );
    const tail = fc.array(unit, { maxLength: 16 }).map((units) => units.join(""));
    const idSets = fc.tuple(
      fc.constantFrom("", "C000", "customer-000000"),
      fc.array(tail, { minLength: 1, maxLength: 40 }),
    );
    fc.assert(
      fc.property(idSets, ([prefix, tails]) => {
        const ids = [...new Set(tails.map((t) => prefix + t))];
        const keys = idKeys(ids);
        for (let a = 0; a < ids.length; a++) {
          for (let b = 0; b < ids.length; b++) {
            const byKeys = keyOrder(keys, a, b);
            if (byKeys !== undefined) expect(byKeys).toBe(stringOrder(ids[a]!, ids[b]!));
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("tells apart ids of units below 255 that differ within 12 units after the common prefix", () => {
    const tail = fc.array(fc.integer({ min: 0, max: 254 }), { minLength: 0, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(tail, { minLength: 2, maxLength: 30 }), (tails) => {
        const ids = [...new Set(tails.map((t) => `id:${String.fromCharCode(...t)}`))];
        const keys = idKeys(ids);
        for (let a = 0; a < ids.length; a++) {
          for (let b = 0; b < ids.length; b++) {
            if (a !== b) expect(keyOrder(keys, a, b)).toBe(stringOrder(ids[a]!, ids[b]!));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the keys of a registered array, by identity", () => {
    const ids = ["b", "a"];
    expect(idKeysOf(ids)).toBeUndefined();
    expect(registerIdKeys(ids)).toBe(ids);
    expect(Array.from(idKeysOf(ids)!)).toEqual(Array.from(idKeys(ids)));
    expect(idKeysOf(["b", "a"])).toBeUndefined();
  });
});

describe("idRanksOf", () => {
  it("keeps a registered array's id order both ways", () => {
    // b, c, a: string order a (2), b (0), c (1); ranks b 1, c 2, a 0
    const ids = registerIdKeys(["b", "c", "a"]);
    expect(Array.from(idRanksOf(ids)!.order)).toEqual([2, 0, 1]);
    expect(Array.from(idRanksOf(ids)!.rank)).toEqual([1, 2, 0]);
    // "C1" < "C10" < "C2" < "C3" < "D" (string order, not numeric)
    const more = registerIdKeys(["C2", "C10", "D", "C1", "C3"]);
    expect(Array.from(idRanksOf(more)!.order)).toEqual([3, 1, 0, 4, 2]);
    expect(Array.from(idRanksOf(more)!.rank)).toEqual([2, 1, 4, 0, 3]);
  });

  it("works the order out afresh when an array is registered again", () => {
    const ids = registerIdKeys(["a", "b", "c"]);
    ids[1] = "z";
    registerIdKeys(ids);
    // a, c, z: the ids now at 0, 2, 1
    expect(Array.from(idRanksOf(ids)!.order)).toEqual([0, 2, 1]);
  });

  it("has none for an array not registered, or one whose keys cannot order it", () => {
    expect(idRanksOf(["b", "a"])).toBeUndefined();
    expect(idRanksOf(registerIdKeys(["a", "b\u00ff", "c"]))).toBeUndefined();
    expect(idRanksOf(registerIdKeys([]))!.order.length).toBe(0);
  });
});

describe("orderByIdKeys", () => {
  /** The positions of `items`, sorted by their ids with plain string comparison. */
  const byStrings = (ids: readonly string[], items: readonly number[]) =>
    items.map((_, k) => k).sort((x, y) => stringOrder(ids[items[x]!]!, ids[items[y]!]!));

  it("orders a subset of a registered array's ids as string comparison does", () => {
    // "C1" < "C10" < "C2": string order, not numeric; items in any order
    const ids = registerIdKeys(["C2", "C10", "C1", "C3", "D"]);
    expect(Array.from(orderByIdKeys(ids, Int32Array.from([0, 1, 2, 4]))!)).toEqual([2, 1, 0, 3]);
    expect(Array.from(orderByIdKeys(ids, Int32Array.from([4, 3]))!)).toEqual([1, 0]);
    expect(orderByIdKeys(ids, new Int32Array(0))!.length).toBe(0);
  });

  it("gives way when no keys are registered or an id has a unit of 255 or more among the keyed units", () => {
    expect(orderByIdKeys(["b", "a"], Int32Array.from([0, 1]))).toBeUndefined();
    const ids = registerIdKeys(["a", "b\u00ff", "c"]);
    expect(orderByIdKeys(ids, Int32Array.from([0, 1, 2]))).toBeUndefined();
    // without the item whose first key is -1, the keys serve
    expect(Array.from(orderByIdKeys(ids, Int32Array.from([2, 0]))!)).toEqual([1, 0]);
  });

  it("orders ids alike in their first 6 units by the next 6, then by string", () => {
    // common prefix "x"; "abcdef" shared by four ids; two differ only after 12 units
    const ids = registerIdKeys(["xabcdefz", "xabcdefb", "xabcdefghijklm2", "xabcdefghijklm1", "xa", "xb"]);
    const items = Int32Array.from([0, 1, 2, 3, 4, 5]);
    expect(Array.from(orderByIdKeys(ids, items)!)).toEqual(byStrings(ids, [0, 1, 2, 3, 4, 5]));
    // by hand: xa, xabcdefb, xabcdefghijklm1, xabcdefghijklm2, xabcdefz, xb
    expect(Array.from(orderByIdKeys(ids, items)!)).toEqual([4, 1, 3, 2, 0, 5]);
  });

  it("matches a string sort on random ids, subsets and sizes past one digit's 4,096 values", () => {
    const unit = fc.oneof(
      fc.constantFrom("0", "1", "9", "A", "a", "z", "-", "\u0000", "\u00fe"),
      fc.integer({ min: 0, max: 254 }).map((u) => String.fromCharCode(u)),
    );
    const tail = fc.array(unit, { maxLength: 14 }).map((units) => units.join(""));
    const cases = fc.tuple(
      fc.constantFrom("", "C000", "customer-"),
      fc.array(tail, { minLength: 1, maxLength: 300 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    );
    fc.assert(
      fc.property(cases, ([prefix, tails, seed]) => {
        const ids = registerIdKeys([...new Set(tails.map((t) => prefix + t))]);
        // a subset of the ids, in a shuffled order
        const items = ids.map((_, i) => i).filter((i) => (i * 7919 + seed) % 3 !== 0);
        items.sort((x, y) => ((x * 2654435761 + seed) % 1000) - ((y * 2654435761 + seed) % 1000) || x - y);
        const got = orderByIdKeys(ids, Int32Array.from(items));
        expect(got).toBeDefined();
        expect(Array.from(got!)).toEqual(byStrings(ids, items));
      }),
      { numRuns: 300 },
    );
    // 20,000 ids of 8 random letters: every 12-bit digit pass runs
    let state = 12345;
    const letter = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return String.fromCharCode(97 + (state % 26));
    };
    const many = registerIdKeys([
      ...new Set(Array.from({ length: 20_000 }, () => Array.from({ length: 8 }, letter).join(""))),
    ]);
    const all = Int32Array.from(many.keys());
    expect(Array.from(orderByIdKeys(many, all)!)).toEqual(byStrings(many, Array.from(all)));
  });
});
