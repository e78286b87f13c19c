import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { abcClassify } from "./abcClassify.js";
import { concentrationSummary } from "./concentrationSummary.js";
import { gini } from "./gini.js";
import { keyCustomers } from "./keyCustomers.js";
import { lorenzCurve } from "./lorenzCurve.js";
import { paretoSplit } from "./paretoSplit.js";
import { whaleCurve } from "./whaleCurve.js";

const runs = { numRuns: 300 };

/** Non-negative values with a positive total: integers (many ties) or doubles. */
const values = fc
  .oneof(
    fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 60 }),
    fc.array(fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }), {
      minLength: 1,
      maxLength: 60,
    }),
  )
  .filter((xs) => xs.some((x) => x > 0));

const items = values.map((xs) => xs.map((v, i) => Object.freeze({ id: `id${(i * 7919) % 1000}-${i}`, v })));
const share = fc.double({ min: 0.001, max: 1, noNaN: true });

describe("with the engine's radix sort", () => {
  describe("pareto properties", () => {
    it("paretoSplit: head and tail partition the input, every customer exactly once, in rank order", () => {
      fc.assert(
        fc.property(items, share, fc.boolean(), (xs, s, byValue) => {
          const r = paretoSplit(xs, byValue ? { value: "v", valueShare: s } : { value: "v", headShare: s });
          const all = [...r.head, ...r.tail];
          expect(all.length).toBe(xs.length);
          expect(new Set(all).size).toBe(xs.length);
          for (const x of xs) expect(all).toContain(x);
          expect(r.headCount).toBe(r.head.length);
          expect(r.headCount).toBeGreaterThanOrEqual(1);
          for (let i = 1; i < all.length; i++) {
            const a = all[i - 1]!;
            const b = all[i]!;
            expect(a.v > b.v || (a.v === b.v && a.id < b.id)).toBe(true);
          }
          expect(r.cutoffValue).toBe(r.head.at(-1)!.v);
          expect(r.headValueShare).toBeGreaterThanOrEqual(0);
          expect(r.headValueShare).toBeLessThanOrEqual(1);
          if (!byValue) {
            // smallest k >= s * n (up to the documented 1e-9 relative tolerance)
            expect(r.headCount).toBeGreaterThanOrEqual(s * xs.length * (1 - 1e-9));
            expect(r.headCount - 1).toBeLessThan(s * xs.length);
          } else {
            // reaches the share, and one customer fewer would not
            expect(r.headValue).toBeGreaterThanOrEqual(s * r.totalValue * (1 - 1e-9));
            const fewer = r.headValue - r.cutoffValue;
            if (r.headCount > 1) expect(fewer).toBeLessThan(s * r.totalValue);
          }
        }),
        runs,
      );
    });

    it("lorenzCurve: n + 1 monotone points from (0, 0) to (1, 1), on or below the diagonal", () => {
      fc.assert(
        fc.property(values, (xs) => {
          const points = lorenzCurve(xs);
          expect(points.length).toBe(xs.length + 1);
          expect(points[0]).toEqual({ customerShare: 0, valueShare: 0 });
          expect(points.at(-1)).toEqual({ customerShare: 1, valueShare: 1 });
          for (let k = 1; k < points.length; k++) {
            expect(points[k]!.customerShare).toBeGreaterThan(points[k - 1]!.customerShare);
            expect(points[k]!.valueShare).toBeGreaterThanOrEqual(points[k - 1]!.valueShare);
            expect(points[k]!.valueShare).toBeLessThanOrEqual(points[k]!.customerShare + 1e-12);
          }
        }),
        runs,
      );
    });

    it("gini: uncorrected in [0, 1 - 1/n] (so in [0, 1)), corrected = uncorrected * n / (n - 1)", () => {
      fc.assert(
        fc.property(values, (xs) => {
          const g = gini(xs);
          expect(g).toBeGreaterThanOrEqual(0);
          expect(g).toBeLessThan(1);
          expect(g).toBeLessThanOrEqual(1 - 1 / xs.length + 1e-12);
          if (xs.length > 1) {
            const c = gini(xs, { corrected: true });
            expect(Math.abs(c - (g * xs.length) / (xs.length - 1))).toBeLessThanOrEqual(1e-12);
          }
          // scale invariance
          expect(Math.abs(gini(xs.map((x) => x * 3)) - g)).toBeLessThanOrEqual(1e-9);
        }),
        runs,
      );
    });

    it("gini: exactly 0 for equal values, >= 0 for values a few units in the last place apart", () => {
      // The ineq formula, 2 sum k x / (n sum x) - (n + 1) / n, subtracts two nearly equal
      // numbers here and goes below 0 in about one case in eight unless clamped.
      const value = fc.double({ min: 1e-300, max: 1e300, noNaN: true, noDefaultInfinity: true });
      const steps = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 300 });
      fc.assert(
        fc.property(value, steps, fc.boolean(), (x, ks, equal) => {
          const xs = ks.map((k) => (equal ? x : x * (1 + k * 2 ** -52)));
          const g = gini(xs);
          if (equal || ks.every((k) => k === ks[0])) expect(Object.is(g, 0)).toBe(true);
          else expect(g).toBeGreaterThanOrEqual(0);
        }),
        runs,
      );
    });

    it("abcClassify: classes are ordered by rank, counts add up, shares rise to 1", () => {
      fc.assert(
        fc.property(items, (xs) => {
          const r = abcClassify(xs, { value: "v" });
          expect(r.items.length).toBe(xs.length);
          expect(r.counts.A + r.counts.B + r.counts.C).toBe(xs.length);
          expect(r.items[0]!.class).toBe("A");
          for (let i = 1; i < r.items.length; i++) {
            expect(r.items[i]!.rank).toBe(i + 1);
            expect(r.items[i]!.class >= r.items[i - 1]!.class).toBe(true);
            expect(r.items[i]!.cumulativeShare).toBeGreaterThanOrEqual(
              r.items[i - 1]!.cumulativeShare - 1e-12,
            );
          }
          expect(Math.abs(r.items.at(-1)!.cumulativeShare - 1)).toBeLessThanOrEqual(1e-12);
        }),
        runs,
      );
    });

    it("whaleCurve: peak is the maximum, >= both ends; ends at the total profit", () => {
      const profits = fc.array(fc.integer({ min: -50, max: 100 }), { minLength: 1, maxLength: 50 });
      fc.assert(
        fc.property(profits, (ps) => {
          const r = whaleCurve(
            ps.map((p, i) => ({ id: `c${i}`, p })),
            { profit: "p" },
          );
          const cum = r.points.map((p) => p.cumulativeProfit);
          expect(cum.at(-1)).toBe(ps.reduce((a, b) => a + b, 0));
          expect(r.peak.profit).toBe(Math.max(...cum));
          expect(r.peak.profit).toBeGreaterThanOrEqual(Math.max(0, r.totalProfit));
          // ranked most to least profitable: increments never increase
          for (let k = 2; k < cum.length; k++)
            expect(cum[k]! - cum[k - 1]!).toBeLessThanOrEqual(cum[k - 1]! - cum[k - 2]!);
          if (r.totalProfit > 0) expect(r.peak.profitShare).toBeGreaterThanOrEqual(1);
          else expect(r.peak.profitShare).toBeNull();
        }),
        runs,
      );
    });

    it("concentrationSummary agrees with paretoSplit and gini; keyCustomers 'both' is within 'either'", () => {
      fc.assert(
        fc.property(items, share, (xs, s) => {
          const c = concentrationSummary(xs, { value: "v", headShare: s, valueShare: s });
          const byHead = paretoSplit(xs, { value: "v", headShare: s });
          const byValue = paretoSplit(xs, { value: "v", valueShare: s });
          expect(c.headCount).toBe(byHead.headCount);
          expect(c.headValueShare).toBe(byHead.headValueShare);
          expect(c.valueCount).toBe(byValue.headCount);
          expect(c.gini).toBe(gini(xs.map((x) => x.v)));
          const withProfit = xs.map((x, i) => ({ ...x, p: ((i * 37) % 11) - 3 }));
          const both = keyCustomers(withProfit, { sales: "v", profit: "p", headShare: s });
          const either = keyCustomers(withProfit, {
            sales: "v",
            profit: "p",
            headShare: s,
            combine: "either",
          });
          const weighted = keyCustomers(withProfit, {
            sales: "v",
            profit: "p",
            headShare: s,
            combine: "weighted",
          });
          for (const id of both.keyIds) expect(either.keyIds).toContain(id);
          expect(weighted.keyCount).toBe(weighted.headCount);
          expect(both.keyCount).toBeLessThanOrEqual(both.headCount);
        }),
        runs,
      );
    });
  });
});
