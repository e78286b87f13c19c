/**
 * valueWeightedSatisfaction gave effectiveN NaN for customer values of 1e-200: their
 * squares underflow to 0, so Kish's (sum K)^2 / sum K^2 was 0 / 0. The effective n does
 * not depend on the values' scale, so tiny values must give what values of 1 give.
 */
import { describe, expect, it } from "vitest";
import { valueWeightedSatisfaction } from "../../src/index.js";

describe("Kish's effective n of tiny and huge customer values", () => {
  it("is the same at any scale: 3 equal values give 3, values 1 and 3 give (1+3)^2 / (1+9) = 1.6", () => {
    const responses = ["a", "b", "c"].map((customerId, i) => ({ customerId, scores: { quality: 5 + i } }));
    // 1e-310 and 5e-324 are subnormal: the power-of-two scale that lifts them must stay finite.
    for (const scale of [1, 1e-200, 1e-300, 1e-310, 5e-324, 1e90]) {
      const equal = valueWeightedSatisfaction(responses, { a: scale, b: scale, c: scale });
      expect(equal.effectiveN).toBeCloseTo(3, 12);
      expect(equal.indicators.quality!.effectiveN).toBeCloseTo(3, 12);
      const unequal = valueWeightedSatisfaction(responses.slice(0, 2), { a: scale, b: 3 * scale });
      expect(unequal.effectiveN).toBeCloseTo(1.6, 12);
      expect(unequal.indicators.quality!.effectiveN).toBeCloseTo(1.6, 12);
    }
  });
});

describe("Kish's effective n of one indicator answered only by tiny values", () => {
  it("scales by the values of those who answered: one respondent gives 1, two equal give 2", () => {
    // price is answered only by E and F (value 5e-324 each, beside A's 2): (2K)^2 / 2K^2 = 2.
    const r = valueWeightedSatisfaction(
      [
        { customerId: "A", scores: { quality: 1 } },
        { customerId: "E", scores: { quality: 1, price: 1 } },
        { customerId: "F", scores: { price: 3 } },
      ],
      { A: 2, E: 5e-324, F: 5e-324 },
    );
    expect(r.indicators.price!.effectiveN).toBeCloseTo(2, 12);
    // quality: (2 + 5e-324)^2 / (4 + ...) = 1 to the last digit.
    expect(r.indicators.quality!.effectiveN).toBeCloseTo(1, 12);
  });
});
