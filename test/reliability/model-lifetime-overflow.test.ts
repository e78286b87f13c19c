/**
 * modelLifetimeValue gave a lifetime value of Infinity for a Gamma-Gamma scale v of
 * 1.7e153: the expected spend times the discounted purchases overflows. A customer's value
 * beyond 1.8e308 is now an INVALID_RECORD naming the customer, never Infinity.
 */
import { describe, expect, it } from "vitest";
import { bgNbdModel, gammaGammaModel, modelLifetimeValue } from "customer-value/models";
import { CustomerValueError } from "../../src/index.js";

describe("modelLifetimeValue beyond the largest double", () => {
  it("refuses the fuzz counterexample with a code, naming the customer", () => {
    const [r, alpha, a, b] = [0.23860043074510542, 0.04559827701957842, 0.01, 1.690675267923663e153];
    const call = () =>
      modelLifetimeValue([{ frequency: 4, recency: 1, T: 1, monetaryValue: 1 }], {
        transactionModel: bgNbdModel({ r, alpha, a, b }),
        spendModel: gammaGammaModel({ p: r, q: alpha, v: b }),
        timeUnit: "day",
        periodLength: 30,
        periods: 12,
        discountRate: 0.01,
      });
    expect(call).toThrow(CustomerValueError);
    expect(call).toThrow(/^modelLifetimeValue: customer \[0\]: its lifetime value is beyond/);
  });
});
