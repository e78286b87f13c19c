/**
 * A score of 2.7e154 gave a standard error of Infinity: the squared influences of the
 * mean overflow. Scores are bounded like customer values (|D| <= 1e100), so every sum
 * of squares stays finite; a larger score is an INVALID_RECORD naming where it is.
 */
import { describe, expect, it } from "vitest";
import { CustomerValueError, satisfactionTrap, valueWeightedSatisfaction } from "../../src/index.js";

describe("scores of huge magnitude", () => {
  it("refuses a score above 1e100 in magnitude, with its path", () => {
    const responses = [
      { customerId: "__proto__", scores: { quality: 1 } },
      { customerId: "Z", scores: { quality: 2.6815615859885194e154 } },
    ];
    const values = new Map([
      ["__proto__", 1],
      ["Z", 1],
    ]);
    let caught: unknown;
    try {
      valueWeightedSatisfaction(responses, values);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CustomerValueError);
    expect((caught as CustomerValueError).code).toBe("INVALID_RECORD");
    expect((caught as CustomerValueError).issues.map((i) => i.path)).toEqual([
      'responses[1].scores["quality"]',
    ]);
    // The same check reads both waves of the trap: here the second.
    expect(() => satisfactionTrap(responses.slice(0, 1), responses, values)).toThrow(/1e100 in magnitude/);
  });

  it("keeps scores of ±1e100 finite: mean 0, standard error 1e100", () => {
    // u_i = (D_i - 0) / 2 = ±5e99; Var = 2/1 · (2 · 2.5e199) = 1e200; SE = 1e100 (weighted alike: K equal).
    const r = valueWeightedSatisfaction(
      [
        { customerId: "a", scores: { quality: 1e100 } },
        { customerId: "b", scores: { quality: -1e100 } },
      ],
      { a: 1, b: 1 },
    );
    const q = r.indicators.quality!;
    expect(q.unweighted).toBe(0);
    expect(q.weighted).toBe(0);
    expect(q.unweightedStandardError! / 1e100).toBeCloseTo(1, 12);
    expect(q.weightedStandardError! / 1e100).toBeCloseTo(1, 12);
    expect(r.index.weightedStandardError! / 1e100).toBeCloseTo(1, 12);
  });
});
