import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customerPortfolio } from "./customerPortfolio.js";

const DAY = 86_400_000;
const AS_OF = Date.UTC(2024, 11, 31);
// a window of 12 months back from 2024-12-31 is 366 days (2024 is a leap year): s = 2023-12-31, start = 2022-12-31
const S = Date.UTC(2023, 11, 31);
const START = Date.UTC(2022, 11, 31);

const tx = fc.record({
  customerId: fc.constantFrom("a", "b", "c", "d", "__proto__"),
  t: fc.integer({ min: START - 30 * DAY, max: AS_OF + 30 * DAY }),
  amount: fc.integer({ min: -50, max: 200 }),
});

describe("customerPortfolio properties", () => {
  it("matches a brute-force recount, lists each buyer once and never emits NaN or Infinity", () => {
    fc.assert(
      fc.property(fc.array(tx, { maxLength: 60 }), (rows) => {
        const log = rows.map((r) => ({ customerId: r.customerId, date: new Date(r.t), amount: r.amount }));
        const result = customerPortfolio(Object.freeze(log), { asOf: new Date(AS_OF) });
        const last = new Map<string, number>();
        const earlier = new Map<string, number>();
        for (const r of rows) {
          if (r.amount <= 0) continue;
          if (r.t > S && r.t <= AS_OF) last.set(r.customerId, (last.get(r.customerId) ?? 0) + r.amount);
          else if (r.t > START && r.t <= S)
            earlier.set(r.customerId, (earlier.get(r.customerId) ?? 0) + r.amount);
        }
        const ids = new Set([...last.keys(), ...earlier.keys()]);
        expect(result.map((r) => r.id).sort()).toEqual([...ids].sort());
        for (const r of result) {
          const R = last.get(r.id) ?? 0;
          const Q = earlier.get(r.id) ?? 0;
          expect(r.lastRevenue).toBe(R);
          expect(r.earlierRevenue).toBe(Q);
          expect(r.growth === null).toBe(Q === 0);
          if (Q > 0) expect(Math.abs(r.growth! - (R - Q) / Q)).toBeLessThanOrEqual(1e-12);
          expect(Number.isFinite(r.relativeShare) && r.relativeShare >= 0).toBe(true);
          if (Q === 0) expect(["star", "questionMark"]).toContain(r.quadrant);
        }
        for (let i = 1; i < result.length; i++) {
          expect(result[i - 1]!.lastRevenue).toBeGreaterThanOrEqual(result[i]!.lastRevenue);
        }
      }),
      { numRuns: 300 },
    );
  });
});
