import { describe, expect, it } from "vitest";
import { expectClose, expectCloseLog } from "../../test/reference/models/helpers.js";
import reference from "../../test/reference/models/reference.json" with { type: "json" };
import { paretoNbdModel } from "./paretoNbdModel.js";

// Expected values: test/reference/models/reference.py (mpmath, 40 digits, from the
// Fader-Hardie note; the likelihood there is cross-checked against the direct
// integral over the death time), committed as reference.json.
const customers = reference.customers.map(([frequency, recency, T]) =>
  Object.freeze({ frequency: frequency!, recency: recency!, T: T! }),
);

describe("paretoNbdModel", () => {
  const [r, alpha, s, beta] = reference.params.paretoNbd as [number, number, number, number];
  const model = paretoNbdModel({ r, alpha, s, beta });

  it("log-likelihood of each customer matches mpmath to 1e-9 (alpha < beta, x up to 1000)", () => {
    customers.forEach((c, i) => {
      expectClose(model.logLikelihoodOf([c]), reference.paretoNbd[i]!.logLikelihood, 1e-9);
    });
  });

  it("log-likelihood and P(alive) match mpmath to 1e-9 when alpha > beta", () => {
    const [r2, alpha2, s2, beta2] = reference.params.paretoNbdAlphaAboveBeta as [
      number,
      number,
      number,
      number,
    ];
    const other = paretoNbdModel({ r: r2, alpha: alpha2, s: s2, beta: beta2 });
    customers.forEach((c, i) => {
      const ref = reference.paretoNbdAlphaAboveBeta[i]!;
      expectClose(other.logLikelihoodOf([c]), ref.logLikelihood, 1e-9);
      expectClose(other.probabilityAlive(c), ref.probabilityAlive, 1e-9);
    });
  });

  it("P(alive) and conditional expected purchases match mpmath to 1e-9", () => {
    customers.forEach((c, i) => {
      const ref = reference.paretoNbd[i]!;
      expectClose(model.probabilityAlive(c), ref.probabilityAlive, 1e-9);
      expectClose(model.conditionalExpectedPurchases(10, c), ref.conditionalExpectedPurchases10, 1e-9);
      expectClose(model.conditionalExpectedPurchases(52, c), ref.conditionalExpectedPurchases52, 1e-9);
    });
  });

  it("expected purchases of a new customer match mpmath to 1e-9", () => {
    reference.expectedPurchases.t.forEach((t, i) => {
      expectClose(model.expectedPurchases(t), reference.expectedPurchases.paretoNbd[i]!, 1e-9);
    });
  });

  it("uses the limit r beta / alpha ln(1 + t / beta) at s = 1 (by hand)", () => {
    const m = paretoNbdModel({ r: 2, alpha: 4, s: 1, beta: 10 });
    // 2 * 10 / 4 * ln(1 + 5/10) = 5 ln 1.5
    expectClose(m.expectedPurchases(5), 5 * Math.log(1.5), 1e-14);
  });

  it("a customer who bought at the very end is alive for sure", () => {
    expect(model.probabilityAlive({ frequency: 3, recency: 20, T: 20 })).toBe(1);
  });

  it("stays accurate when alpha and beta are far apart (2F1 argument within 1e-4 of 1)", () => {
    const extreme = reference.extremeCustomers.map(([frequency, recency, T]) => ({
      frequency: frequency!,
      recency: recency!,
      T: T!,
    }));
    for (const name of ["paretoNbdTinyAlpha", "paretoNbdTinyBeta"] as const) {
      const [r2, alpha2, s2, beta2] = reference.params[name] as [number, number, number, number];
      const m = paretoNbdModel({ r: r2, alpha: alpha2, s: s2, beta: beta2 });
      extreme.forEach((c, i) => {
        const ref = reference[name][i]!;
        expectCloseLog(m.logLikelihoodOf([c]), ref.logLikelihood, 1e-9);
        expectClose(m.probabilityAlive(c), ref.probabilityAlive, 1e-9);
      });
    }
  });

  it("a summary's total is the sum of its customers' own likelihoods (pieces shared per frequency)", () => {
    // Forty customers at each of two frequencies with spread-out times: a customer's
    // death-time integral then spans many pieces (summed as a difference from the top)
    // or a few (summed directly); each must equal the single-piece integral alone.
    const rows = Array.from({ length: 80 }, (_, i) => {
      const frequency = i < 40 ? 0 : 3;
      const T = 1 + ((i * 7919) % 400) / 10;
      const recency = frequency === 0 ? 0 : (T * ((i * 31) % 97)) / 97;
      return { frequency, recency, T };
    });
    let alone = 0;
    for (const row of rows) alone += model.logLikelihoodOf([row]);
    expectCloseLog(model.logLikelihoodOf(rows), alone, 1e-12);
  });

  it("rejects bad parameters", () => {
    expect(() => paretoNbdModel({ r, alpha, s, beta: Number.NaN })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION" }),
    );
  });
});
