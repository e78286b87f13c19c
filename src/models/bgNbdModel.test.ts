import { describe, expect, it } from "vitest";
import { expectClose } from "../../test/reference/models/helpers.js";
import reference from "../../test/reference/models/reference.json" with { type: "json" };
import { bgNbdModel } from "./bgNbdModel.js";

// Expected values: test/reference/models/reference.py (mpmath, 40 digits, from the
// FHL 2005 formulas), committed as reference.json.
const [r, alpha, a, b] = reference.params.bgNbd as [number, number, number, number];
const model = bgNbdModel({ r, alpha, a, b });
const customers = reference.customers.map(([frequency, recency, T]) =>
  Object.freeze({ frequency: frequency!, recency: recency!, T: T! }),
);

describe("bgNbdModel", () => {
  it("log-likelihood of each customer matches mpmath to 1e-9 (x up to 1000)", () => {
    customers.forEach((c, i) => {
      expectClose(model.logLikelihoodOf([c]), reference.bgNbd[i]!.logLikelihood, 1e-9);
    });
  });

  it("P(alive) and conditional expected purchases match mpmath to 1e-9", () => {
    customers.forEach((c, i) => {
      const ref = reference.bgNbd[i]!;
      expectClose(model.probabilityAlive(c), ref.probabilityAlive, 1e-9);
      expectClose(model.conditionalExpectedPurchases(10, c), ref.conditionalExpectedPurchases10, 1e-9);
      expectClose(model.conditionalExpectedPurchases(52, c), ref.conditionalExpectedPurchases52, 1e-9);
    });
  });

  it("expected purchases of a new customer match mpmath to 1e-9", () => {
    reference.expectedPurchases.t.forEach((t, i) => {
      expectClose(model.expectedPurchases(t), reference.expectedPurchases.bgNbd[i]!, 1e-9);
    });
    expect(model.expectedPurchases(0)).toBe(0);
  });

  it("P(alive) is 1 without repeat purchases, by hand for one buyer", () => {
    expect(model.probabilityAlive({ frequency: 0, recency: 0, T: 10 })).toBe(1);
    // x = 1, tx = 2, T = 10: 1 / (1 + a/b * ((alpha+10)/(alpha+2))^(r+1))
    const odds = (a / b) * ((alpha + 10) / (alpha + 2)) ** (r + 1);
    expectClose(model.probabilityAlive({ frequency: 1, recency: 2, T: 10 }), 1 / (1 + odds), 1e-14);
  });

  it("is a plain object whose parameters serialise", () => {
    expect(JSON.parse(JSON.stringify(model))).toEqual({ model: "bg-nbd", r, alpha, a, b });
  });

  it("handles a = 1 by its limit", () => {
    const near = bgNbdModel({ r, alpha, a: 1 + 1e-4, b });
    const at = bgNbdModel({ r, alpha, a: 1, b });
    expectClose(at.expectedPurchases(20), near.expectedPurchases(20), 1e-3);
  });

  it("rejects bad parameters, times and customers", () => {
    expect(() => bgNbdModel({ r: 0, alpha, a, b })).toThrow(/params.r/);
    expect(() => model.expectedPurchases(-1)).toThrow(/t must be >= 0/);
    expect(() => model.probabilityAlive({ frequency: 1, recency: 5, T: 4 })).toThrow(
      expect.objectContaining({ code: "INVALID_RECORD" }),
    );
    expect(() => model.probabilityAlive({ frequency: 0, recency: 3, T: 4 })).toThrow(/invalid customer/);
  });
});
