/**
 * Results that depend only on ratios must not change with the scale of their inputs:
 * indicator weights near the largest double, z-scores of values near the smallest.
 * Expected values by hand in the comments.
 */
import { describe, expect, it } from "vitest";
import { compositeValueScore, valueWeightedSatisfaction } from "customer-value";
import { expectCode } from "./helpers.js";

const responses = [
  { customerId: "a", scores: { q1: 3, q2: 4 } },
  { customerId: "b", scores: { q1: 4, q2: 5 } },
  { customerId: "c", scores: { q1: 2, q2: 3 } },
];
const values = new Map([
  ["a", 10],
  ["b", 30],
  ["c", 5],
]);

describe("scale-free results at extreme scales", () => {
  it("indicator weights of 1e308 each weigh as 1 each: plain index (3 + 4) / 2 = 3.5", () => {
    const huge = valueWeightedSatisfaction(responses, values, { indicatorWeights: { q1: 1e308, q2: 1e308 } });
    const unit = valueWeightedSatisfaction(responses, values, { indicatorWeights: { q1: 1, q2: 1 } });
    expect(huge.index.weights).toEqual({ q1: 0.5, q2: 0.5 });
    expect(huge.index.unweighted).toBeCloseTo(3.5, 12);
    expect(huge.index.weighted).toBe(unit.index.weighted);
  });

  it("z-scores of 1e-200, 2e-200, 3e-200 are -1, 0, 1 (mean 2e-200, sample sd 1e-200)", () => {
    const records = [1e-200, 2e-200, 3e-200].map((x, i) => ({ id: String(i), x }));
    const scores = compositeValueScore(records, {
      criteria: [{ field: "x", weight: 1, normalize: "zscore" }],
    });
    const byId = Object.fromEntries(scores.map((s) => [s.id, s.score]));
    expect(byId["0"]).toBeCloseTo(-1, 12);
    expect(byId["1"]).toBeCloseTo(0, 12);
    expect(byId["2"]).toBeCloseTo(1, 12);
  });

  it("bootstrap.replicates above 100,000 is INVALID_OPTION at once", () => {
    expectCode(
      () =>
        valueWeightedSatisfaction(responses, values, {
          interval: "bootstrap",
          bootstrap: { replicates: 1e10 },
        }),
      "INVALID_OPTION",
    );
  });
});
