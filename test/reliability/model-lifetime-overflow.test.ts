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

describe("gammaGammaModel whose population mean passes the largest double", () => {
  it("refuses the parameters with INVALID_OPTION (the fuzz counterexample), not a mean of Infinity", () => {
    // p v / (q - 1) = 0.01 · 3.99e294 / 2.2e-16 ≈ 1.8e308 · 1000: beyond the largest double.
    const call = () => gammaGammaModel({ p: 0.01, q: 1.0000000000000002, v: 3.9916806190694396e294 });
    expect(call).toThrow(CustomerValueError);
    expect(call).toThrow(/population mean/);
  });
});
