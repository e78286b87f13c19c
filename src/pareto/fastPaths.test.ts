/**
 * The paths through the engine: ItemColumns whose ids are a TransactionTable's customerIds
 * (known distinct, their id order kept), the ranking by 64-bit keys, and gini / lorenzCurve
 * on a Float64Array. Each must give the answer of the checked path and its errors, with
 * the engine's radix sort.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caught, codeOf } from "../../test/support/errors.js";
import { transactionTableFromColumns } from "../table/TransactionTable.js";
import { abcClassify } from "./abcClassify.js";
import { gini } from "./gini.js";
import { rankDescending as rankBy } from "../engine/rank.js";
import { lorenzCurve } from "./lorenzCurve.js";
import { paretoSplit } from "./paretoSplit.js";

/** A table whose customers appear in the order d, a, e, b, c (one row each). */
function tableOf(ids: string[]) {
  return transactionTableFromColumns({
    customerId: ids,
    date: ids.map(() => "2024-01-01"),
    amount: ids.map(() => 1),
  });
}

/** The ranking of `values`, ties by `ids`. */
const rankDescending = ({ ids, values }: { ids: readonly string[]; values: Float64Array }) =>
  rankBy(values, ids);

describe("with the engine's radix sort", () => {
  describe("ItemColumns with a TransactionTable's customerIds", () => {
    const table = tableOf(["d", "a", "e", "b", "c"]);

    it("splits like the checked path (ids in rank order, ties by id)", () => {
      // values per customer d, a, e, b, c; b and e tie at 30 -> b before e (id order)
      const values = new Float64Array([6, 50, 30, 30, 4]);
      // total 120; 0.2 * 5 = 1 -> head [a] (50); by value 0.8: 50 + 30 + 30 = 110 >= 96 at k = 3
      const r = paretoSplit({ ids: table.customerIds, values });
      expect(r.head).toEqual(["a"]);
      expect(r.tail).toEqual(["b", "e", "d", "c"]);
      expect(r.totalValue).toBe(120);
      expect(r.headValue).toBe(50);
      const v = paretoSplit({ ids: table.customerIds, values }, { valueShare: 0.8 });
      expect(v.head).toEqual(["a", "b", "e"]);
      expect(v.headValue).toBe(110);
      // the same with a plain copy of the ids (checked through their sorted order)
      expect(paretoSplit({ ids: [...table.customerIds], values }, { valueShare: 0.8 })).toEqual(v);
    });

    it("falls back to the full checks for negative, -0 and non-finite values", () => {
      const ids = table.customerIds;
      const neg = caught(() => paretoSplit({ ids, values: new Float64Array([6, -1, 30, 30, 4]) }));
      expect(neg.code).toBe("NEGATIVE_VALUE");
      expect(neg.message).toContain("values[1]");
      const bad = caught(() =>
        paretoSplit({ ids, values: new Float64Array([6, Number.NaN, 30, Infinity, 4]) }),
      );
      expect(bad.code).toBe("INVALID_RECORD");
      expect(bad.issues?.map((i) => i.path)).toEqual(["values[1]", "values[3]"]);
      // -0 counts as 0: d = -0 ranks with c = 0 by id (c before d)
      const z = paretoSplit({ ids, values: new Float64Array([-0, 50, 30, 20, 0]) });
      expect(z.tail).toEqual(["e", "b", "c", "d"]);
      expect(Object.is(z.totalValue, 100)).toBe(true);
    });

    it("a different array with the same ids is still checked for duplicates", () => {
      const ids = [...table.customerIds];
      ids[4] = "a";
      expect(codeOf(() => paretoSplit({ ids, values: new Float64Array(5).fill(1) }))).toBe("DUPLICATE_ID");
    });

    it("a frozen ids array is checked before it is trusted", () => {
      const dup = Object.freeze(["x", "y", "x"]);
      // twice: a failed check must not be remembered as a pass
      expect(codeOf(() => paretoSplit({ ids: dup, values: new Float64Array([1, 2, 3]) }))).toBe(
        "DUPLICATE_ID",
      );
      expect(codeOf(() => paretoSplit({ ids: dup, values: new Float64Array([1, 2, 3]) }))).toBe(
        "DUPLICATE_ID",
      );
      const ok = Object.freeze(["x", "y", "z"]);
      expect(paretoSplit({ ids: ok, values: new Float64Array([1, 3, 2]) }).head).toEqual(["y"]);
      expect(paretoSplit({ ids: ok, values: new Float64Array([3, 1, 2]) }).head).toEqual(["x"]);
    });
  });

  describe("rankDescending with 64-bit keys", () => {
    it("orders values closer than the key resolves, and exact ties by id", () => {
      // 1 + 2^-52 and 1 differ only in the last mantissa bit (below the key's value bits);
      // they must still come out by value, and the exact ties (1, 1) by id.
      const values = new Float64Array([1, 1 + 2 ** -52, 1, 3, 1 + 2 ** -51]);
      const ids = ["q", "p", "o", "z", "a"];
      const order = Array.from(rankDescending({ ids, values }));
      // 3 (z), 1 + 2^-51 (a), 1 + 2^-52 (p), then 1 twice: o before q
      expect(order.map((i) => ids[i])).toEqual(["z", "a", "p", "o", "q"]);
    });

    it("ranks negative values below zero, as whaleCurve needs", () => {
      const values = new Float64Array([-5, 0, 2.5, -0.5, 7]);
      const ids = ["a", "b", "c", "d", "e"];
      expect(Array.from(rankDescending({ ids, values })).map((i) => ids[i])).toEqual([
        "e",
        "c",
        "b",
        "d",
        "a",
      ]);
    });

    it("matches a comparator sort on 5,000 values with many ties", () => {
      // values in cents from a small set, so that ties are common; ids not in index order
      let seed = 7;
      const next = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      const n = 5000;
      const values = Float64Array.from({ length: n }, () => Math.round(next() * 200) / 4);
      const ids = Array.from({ length: n }, (_, i) => `C${(i * 7919) % 100003}`);
      const expected = Array.from({ length: n }, (_, i) => i).sort(
        (a, b) => values[b]! - values[a]! || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0),
      );
      expect(Array.from(rankDescending({ ids, values }))).toEqual(expected);
      // and abcClassify ranks the same way on the fast path (ids known unique)
      const table = tableOf(ids);
      const abc = abcClassify({ ids: table.customerIds, values });
      expect(abc.items.map((item) => item.id)).toEqual(expected.map((i) => ids[i]));
      // and paretoSplit lists the ids in that order (head cut off the ranked ids, rest the tail)
      const split = paretoSplit({ ids: table.customerIds, values });
      expect(split.head).toEqual(expected.slice(0, 1000).map((i) => ids[i]));
      expect(split.tail).toEqual(expected.slice(1000).map((i) => ids[i]));
      // quarters of a cent up to 50: every sum below 2^53 quarters is exact, in any order
      const quarters = values.reduce((s, v) => s + v * 4, 0);
      expect(split.totalValue).toBe(quarters / 4);
    });
  });

  describe("ties of a table's customerIds, ordered through the id order kept with the table", () => {
    /** Rank order by a comparator sort: value descending, ties by id ascending. */
    const reference = (ids: readonly string[], values: Float64Array) =>
      Array.from(values.keys()).sort(
        (a, b) => values[b]! - values[a]! || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0),
      );

    it("match a comparator sort on ids the keys decide, ids they cannot, and long runs", () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.tuple(
              // ids the first key decides ("x1", "x2"), the second ("abcdefgh1", "abcdefgh2"),
              // neither (same 12 units), or a unit of 255 or more: compared as strings
              fc.constantFrom("", "x", "abcdefgh", "customer-0000000", "\u00ff", "\u4e2d", "\ud83d\ude00"),
              fc.integer({ min: 0, max: 999 }),
            ),
            { minLength: 1, maxLength: 200, size: "max" },
          ),
          fc.integer({ min: 1, max: 6 }),
          fc.boolean(),
          (parts, distinct, close) => {
            const ids = [...new Set(parts.map(([head, k]) => `${head}${k}`))];
            // few distinct values: many ties, runs longer than 16; with `close`, values that
            // differ below the 64-bit key's resolution (the runs hold unequal values)
            const values = Float64Array.from(ids, (_, i) =>
              close ? 1 + ((i * 7) % distinct) * 2 ** -50 : (i * 7) % distinct,
            );
            const table = tableOf(ids);
            const order = Array.from(rankDescending({ ids: table.customerIds, values }));
            expect(order).toEqual(reference(ids, values));
          },
        ),
        { numRuns: 300 },
      );
    });

    it("match a comparator sort on 20,000 customers in runs of 1 to 20 ties", () => {
      // 20,000 customers, totals from 3,000 cents values: ~6.7 per value, runs of 1-20;
      // ids with a common prefix, not in index order
      const n = 20_000;
      const ids = Array.from({ length: n }, (_, i) => `C${String((i * 7919) % 100_003).padStart(8, "0")}`);
      const values = Float64Array.from({ length: n }, (_, i) => ((i * 104_729) % 3000) / 100);
      const table = tableOf(ids);
      expect(Array.from(rankDescending({ ids: table.customerIds, values }))).toEqual(reference(ids, values));
    });
  });

  describe("records, columns and a table's columns agree", () => {
    it("paretoSplit, abcClassify, gini and lorenzCurve give the same figures on every form", () => {
      // Values with exact ties, ties in all but the last bits, zeros and a wide range; ids in no order.
      const value = fc.oneof(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 5 }).map((k) => 1 + k * 2 ** -52),
        fc.double({ min: 0, max: 1e12, noNaN: true, noDefaultInfinity: true }),
      );
      fc.assert(
        fc.property(fc.array(value, { minLength: 1, maxLength: 120 }), fc.boolean(), (raw, byValue) => {
          fc.pre(raw.some((v) => v > 0));
          const ids = raw.map((_, i) => `c${(i * 7919) % 1009}-${i}`);
          const values = Float64Array.from(raw, (v) => v + 0);
          const options = byValue ? { valueShare: 0.8 } : { headShare: 0.3 };
          const records = raw.map((v, i) => ({ id: ids[i]!, v }));
          const fromRecords = paretoSplit(records, { value: "v", ...options });
          const forms = [
            { ids, values },
            { ids: tableOf(ids).customerIds, values },
            { ids, values: raw },
          ];
          for (const columns of forms) {
            const split = paretoSplit(columns, options);
            expect(split.head).toEqual(fromRecords.head.map((x) => x.id));
            expect(split.tail).toEqual(fromRecords.tail.map((x) => x.id));
            expect([split.headValue, split.totalValue]).toEqual([
              fromRecords.headValue,
              fromRecords.totalValue,
            ]);
            expect(abcClassify(columns).items.map((x) => [x.id, x.class, x.cumulativeShare])).toEqual(
              abcClassify(records, { value: "v" }).items.map((x) => [x.id, x.class, x.cumulativeShare]),
            );
            expect(gini(columns)).toBe(gini(raw));
            expect(lorenzCurve(columns)).toEqual(lorenzCurve(raw));
          }
          expect(gini(values)).toBe(gini(raw));
        }),
        { numRuns: 150 },
      );
    });
  });

  describe("gini and lorenzCurve on a Float64Array", () => {
    it("sort natively and give the formula's value", () => {
      // sorted 1, 2, 3, 4: G = 2 (1 + 4 + 9 + 16) / (4 * 10) - 5 / 4 = 60/40 - 1.25 = 0.25
      expect(gini(new Float64Array([3, 1, 4, 2]))).toBeCloseTo(0.25, 15);
      // -0 is 0: sorted 0, 0, 2 -> G = 2 (3 * 2) / (3 * 2) - 4 / 3 = 2 - 4/3 = 2/3
      expect(gini(new Float64Array([2, -0, 0]))).toBeCloseTo(2 / 3, 15);
      const points = lorenzCurve(new Float64Array([-0, 1, 3]));
      expect(points.at(-1)).toEqual({ customerShare: 1, valueShare: 1 });
      expect(points.every((p) => !Object.is(p.valueShare, -0))).toBe(true);
    });

    it("report what the checked path reports", () => {
      expect(codeOf(() => gini(new Float64Array([1, -2, 3])))).toBe("NEGATIVE_VALUE");
      const e = caught(() => gini(new Float64Array([1, Number.NaN, Infinity])));
      expect(e.code).toBe("INVALID_RECORD");
      expect(e.issues?.map((i) => i.path)).toEqual(["[1]", "[2]"]);
      expect(codeOf(() => gini(new Float64Array([0, -0, 0])))).toBe("ZERO_TOTAL");
      expect(codeOf(() => lorenzCurve(new Float64Array([-Infinity, 1])))).toBe("INVALID_RECORD");
    });
  });
});
