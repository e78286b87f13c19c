/**
 * Reserved names in a survey: a header `__proto__` crashed the CLI's survey reader
 * (`.trim is not a function`: the row object's prototype was replaced), and indicators
 * named constructor, toString or valueOf, or holding U+2028, broke the satisfaction chart.
 */
import { describe, expect, it } from "vitest";
import { CustomerValueError, valueWeightedSatisfaction } from "customer-value";
import { renderSvg, satisfactionChart } from "customer-value/charts";
import { readCustomersCsv, readSurveyCsv } from "../../src/cli/readInputs.js";

function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return error;
  }
}

describe("the CLI's survey and customer readers", () => {
  it("a __proto__ column is refused with INVALID_RECORD naming it, never a raw TypeError", () => {
    const result = outcome(() => readSurveyCsv("customerId,__proto__,quality\nC1,5,7\nC2,3,8\n"));
    expect(result).toBeInstanceOf(CustomerValueError);
    expect((result as CustomerValueError).code).toBe("INVALID_RECORD");
    expect((result as CustomerValueError).message).toContain('"__proto__"');
  });

  it("indicators named constructor, toString, valueOf and hasOwnProperty are read as indicators", () => {
    const survey = readSurveyCsv(
      "customerId,constructor,toString,valueOf,hasOwnProperty\nC1,5,7,1,2\nC2,3,,4,6\n",
    );
    expect(survey).toEqual([
      { customerId: "C1", scores: { constructor: 5, toString: 7, valueOf: 1, hasOwnProperty: 2 } },
      { customerId: "C2", scores: { constructor: 3, toString: null, valueOf: 4, hasOwnProperty: 6 } },
    ]);
  });

  it("a duplicated indicator column is an error naming it, not one column silently read", () => {
    const result = outcome(() => readSurveyCsv("customerId,quality,quality\nC1,5,7\n"));
    expect(result).toBeInstanceOf(CustomerValueError);
    expect((result as CustomerValueError).message).toMatch(/"quality".*more than once/);
  });

  it("a customer list with a __proto__ or constructor column reads the known fields only", () => {
    const customers = readCustomersCsv("id,__proto__,constructor,value\nC1,x,y,10\n");
    expect(customers).toEqual([{ id: "C1", value: 10 }]);
    expect(Object.getPrototypeOf(customers[0])).toBe(Object.prototype);
  });
});

describe("the satisfaction chart with reserved and odd indicator names", () => {
  it.each(["constructor", "toString", "valueOf", "a\u2028b", "c\u2029d", "__defineGetter__"])(
    "%s renders",
    async (name) => {
      const survey = [
        { customerId: "a", scores: { [name]: 5, q: 4 } },
        { customerId: "b", scores: { [name]: 7, q: 6 } },
      ];
      const result = valueWeightedSatisfaction(survey, { a: 1, b: 3 });
      const svg = await renderSvg(satisfactionChart(result), { strict: true });
      expect(svg).toContain("<svg");
      // Both indicators are drawn: two groups of two bars each, plus the index.
      expect(svg.match(/role="graphics-symbol" aria-roledescription="bar"/g)?.length).toBe(6);
    },
  );
});
