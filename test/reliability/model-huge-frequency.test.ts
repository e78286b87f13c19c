/**
 * A summary row with frequency 8.7e49 (a whole number as a double) made fitParetoNbd run
 * forever: above 2^53 - 1, k + 1 === k, so a series over the purchases never ends. Model
 * inputs take frequencies up to 2^53 - 1 (INVALID_RECORD above, naming the row).
 */
import { describe, expect, it } from "vitest";
import { fitBgBb, fitBgNbd, fitParetoNbd } from "customer-value/models";
import { CustomerValueError } from "../../src/index.js";

const rows = (frequency: number) => [
  { frequency: 5, recency: 1, T: 12 },
  { frequency, recency: 1, T: 2 },
];

describe("purchase models and frequencies beyond 2^53 - 1", () => {
  it("refuses them as INVALID_RECORD, naming the row (the fuzz counterexample among them)", () => {
    for (const frequency of [8.740623802775109e49, 1e20, 2 ** 53]) {
      for (const fitModel of [fitParetoNbd, fitBgNbd]) {
        expect(() => fitModel(rows(frequency) as never)).toThrow(CustomerValueError);
        expect(() => fitModel(rows(frequency) as never)).toThrow(/\[1\]\.frequency/);
      }
      expect(() => fitBgBb([{ frequency, recency: 1, periods: 6 }] as never)).toThrow(CustomerValueError);
    }
  });

  it("still reads 2^53 - 1, and the fit ends (a result or a CustomerValueError)", () => {
    const started = performance.now();
    try {
      fitParetoNbd(rows(2 ** 53 - 1), { maxEvaluations: 500 });
    } catch (error) {
      expect(error).toBeInstanceOf(CustomerValueError);
    }
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
