import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareIds, distinctIdOrder, idOrder, indices, rankDescending, sortAscending } from "./rank.js";
import { sortKeys, sortWrittenKeys } from "./sortKeys.js";

/** Hostile ids: shared prefixes, long and short, astral and lone surrogates, 254+ units, digits. */
const hostileId = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.stringMatching(/^C0{0,8}[0-9]{1,3}$/),
  fc.constantFrom(
    "",
    "__proto__",
    "constructor",
    "a",
    "a\u00fe",
    "a\u00ff",
    "a\u0100",
    "a\u0100b",
    "a\u00ffz",
    "\ud83d\ude00",
    "\ud800",
    "𝟘𝟙",
  ),
);

const byString = (ids: readonly string[]) =>
  indices(ids.length).sort((x, y) => compareIds(ids[x]!, ids[y]!) || x - y);

describe("sortKeys: the radix sort against a stable comparison sort of BigInts", () => {
  it("sorts by the bits from fromBit up, stably", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), { maxLength: 3000 }),
        fc.integer({ min: 0, max: 4 }),
        (raw, extra) => {
          // Keys whose low `fromBit` bits hold the position (ascending), as every caller's do.
          const fromBit = (raw.length <= 1 ? 0 : 32 - Math.clz32(raw.length - 1)) + extra;
          const keys = BigUint64Array.from(
            raw,
            (k, i) => ((k >> BigInt(fromBit)) << BigInt(fromBit)) | BigInt(i),
          );
          const expected = Array.from(keys)
            .map((k, i) => [k >> BigInt(fromBit), i] as const)
            .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]))
            .map(([, i]) => keys[i]);
          expect(Array.from(sortKeys(keys, fromBit))).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("sortWrittenKeys: keys equal above fromBit keep the order written, whatever their low bits", () => {
  it("equals a stable comparison sort by the upper bits", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), { maxLength: 3000 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 8 }),
        (raw, extra, spread) => {
          // Few distinct upper parts (ties), arbitrary low bits (an item carried along).
          const fromBit = (raw.length <= 1 ? 0 : 32 - Math.clz32(raw.length - 1)) + extra;
          const keys = BigUint64Array.from(raw, (k) => {
            const upper = (k >> BigInt(fromBit)) % BigInt(spread);
            return (upper << BigInt(fromBit)) | (k & ((1n << BigInt(fromBit)) - 1n));
          });
          const expected = Array.from(keys)
            .map((k, i) => [k >> BigInt(fromBit), i] as const)
            .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]))
            .map(([, i]) => keys[i]);
          const words = sortWrittenKeys(keys.length, fromBit, (into) =>
            into.set(new Uint32Array(keys.buffer)),
          );
          expect(Array.from(new BigUint64Array(words.slice().buffer))).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("rankDescending, sortAscending and idOrder against their definitions", () => {
  const value = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, -0, 1, 2, 5e-324, -5e-324),
  );

  it("rankDescending: value descending, ties by id (with and without a known id order)", () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(hostileId, { maxLength: 200 })
          .chain((ids) =>
            fc.tuple(fc.constant(ids), fc.array(value, { minLength: ids.length, maxLength: ids.length })),
          ),
        ([ids, raw]) => {
          const values = Float64Array.from(raw);
          const expected = indices(ids.length).sort(
            (x, y) => values[y]! - values[x]! || compareIds(ids[x]!, ids[y]!),
          );
          expect(Array.from(rankDescending(values, ids))).toEqual(Array.from(expected));
          expect(Array.from(rankDescending(values, ids, idOrder(ids)))).toEqual(Array.from(expected));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("rankDescending: values a few units in the last place apart, many exact ties, both sorts", () => {
    // Equal above the key bits a position leaves, unequal below: the two stages must agree.
    const close = fc.integer({ min: 0, max: 6 }).map((k) => 1 + k * 2 ** -52);
    fc.assert(
      fc.property(
        fc
          .uniqueArray(hostileId, { minLength: 1, maxLength: 300 })
          .chain((ids) =>
            fc.tuple(fc.constant(ids), fc.array(close, { minLength: ids.length, maxLength: ids.length })),
          ),
        ([ids, raw]) => {
          const values = Float64Array.from(raw);
          const expected = indices(ids.length).sort(
            (x, y) => values[y]! - values[x]! || compareIds(ids[x]!, ids[y]!),
          );
          expect(Array.from(rankDescending(values, ids))).toEqual(Array.from(expected));
        },
      ),
      { numRuns: 100 },
    );
  });

  it("sortAscending equals Float64Array.prototype.sort (with -0 as 0)", () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 5000 }), (raw) => {
        const values = Float64Array.from(raw);
        const expected = Float64Array.from(raw, (v) => v + 0).sort();
        expect(sortAscending(values)).toEqual(expected);
        expect(values).toEqual(Float64Array.from(raw)); // not changed
        // Without negative values or -0 (the keys are the values' own bits)
        const nonNegative = Float64Array.from(raw, (v) => Math.abs(v));
        expect(sortAscending(nonNegative)).toEqual(nonNegative.slice().sort());
        expect(sortAscending(values)).toEqual(expected);
      }),
      { numRuns: 80 },
    );
  });

  it("idOrder equals plain string order, repeats by position", () => {
    fc.assert(
      fc.property(fc.array(hostileId, { maxLength: 300 }), (ids) => {
        expect(Array.from(idOrder(ids))).toEqual(Array.from(byString(ids)));
      }),
      { numRuns: 300 },
    );
    // Large enough for the 16-bit radix passes, ids sharing a long prefix.
    const ids = Array.from(
      { length: 20_000 },
      (_, i) => `CUST-${String((i * 7919) % 20_000).padStart(6, "0")}${i % 3 === 0 ? "\u0101" : ""}`,
    );
    expect(Array.from(idOrder(ids))).toEqual(Array.from(byString(ids)));
    // Ids whose packing a sample of them does not show: another prefix, a wider unit, a longer id
    for (const odd of ["D000123", "C00001x", "C0000123456789012345678", "C", ""]) {
      const digits = Array.from({ length: 5000 }, (_, i) => `C${String((i * 7919) % 5000).padStart(6, "0")}`);
      digits[4321] = odd;
      expect(Array.from(idOrder(digits))).toEqual(Array.from(byString(digits)));
    }
  });

  it("distinctIdOrder is idOrder when every id is distinct, else undefined", () => {
    fc.assert(
      fc.property(fc.array(hostileId, { maxLength: 300 }), (ids) => {
        const distinct = new Set(ids).size === ids.length;
        const order = distinctIdOrder(ids);
        expect(order === undefined ? undefined : Array.from(order)).toEqual(
          distinct ? Array.from(byString(ids)) : undefined,
        );
      }),
      { numRuns: 300 },
    );
    const ids = Array.from({ length: 20_000 }, (_, i) => `C${String(i).padStart(7, "0")}`);
    expect(distinctIdOrder(ids)).toBeDefined();
    ids[19_999] = "C0000007";
    expect(distinctIdOrder(ids)).toBeUndefined();
  });

  it("handles the smallest inputs", () => {
    expect(Array.from(idOrder([]))).toEqual([]);
    expect(Array.from(rankDescending(new Float64Array([1]), ["x"]))).toEqual([0]);
    expect(Array.from(idOrder(["b", "a\u0101", "a\u0100z", "a\u00ff", "a"]))).toEqual([4, 3, 2, 1, 0]);
  });
});
