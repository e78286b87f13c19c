import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bgNbdModel } from "./bgNbdModel.js";
import { paretoNbdModel } from "./paretoNbdModel.js";

const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const customer = fc
  .record({ frequency: fc.integer({ min: 0, max: 300 }), T: positive(0.5, 200), share: positive(0, 1) })
  .map(({ frequency, T, share }) => ({ frequency, T, recency: frequency === 0 ? 0 : share * T }));
const params = fc.record({
  r: positive(0.05, 5),
  alpha: positive(0.1, 50),
  s: positive(0.05, 5),
  beta: positive(0.1, 50),
});
const bgParams = fc.record({
  r: positive(0.05, 5),
  alpha: positive(0.1, 50),
  a: positive(0.05, 5),
  b: positive(0.05, 5),
});

describe("model invariants", () => {
  it("BG/NBD: P(alive) in [0, 1]; conditional purchases >= 0 and growing with t; LL finite", () => {
    fc.assert(
      fc.property(bgParams, customer, positive(0.1, 100), (p, c, t) => {
        const m = bgNbdModel(p);
        const alive = m.probabilityAlive(c);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
        const y1 = m.conditionalExpectedPurchases(t, c);
        const y2 = m.conditionalExpectedPurchases(2 * t, c);
        expect(y1).toBeGreaterThanOrEqual(0);
        expect(y2).toBeGreaterThanOrEqual(y1 * (1 - 1e-9));
        expect(Number.isFinite(m.logLikelihoodOf([c]))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("Pareto/NBD: P(alive) in [0, 1]; conditional purchases >= 0 and growing with t; LL finite", () => {
    fc.assert(
      fc.property(params, customer, positive(0.1, 100), (p, c, t) => {
        const m = paretoNbdModel(p);
        const alive = m.probabilityAlive(c);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
        const y1 = m.conditionalExpectedPurchases(t, c);
        expect(y1).toBeGreaterThanOrEqual(0);
        expect(m.conditionalExpectedPurchases(2 * t, c)).toBeGreaterThanOrEqual(y1 * (1 - 1e-9));
        expect(Number.isFinite(m.logLikelihoodOf([c]))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
