import { describe, expect, it } from "vitest";
import { expectClose, expectCloseLog } from "../../test/reference/models/helpers.js";
import { paretoLogA0ByIntegral } from "./internal/math.js";
import { logGamma as logGammaOf } from "./internal/special.js";
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

  it("the integral form of A0 agrees with the 2F1 form where both apply", () => {
    // CDNOW-like parameters (2F1 argument about 0.1): the series is used there, so
    // compare its log-likelihood with the one rebuilt from the integral form of A0.
    for (const [x, tx, T] of [
      [2, 30.43, 38.86],
      [0, 0, 38.86],
      [200, 30, 38],
    ] as const) {
      const logA0 = paretoLogA0ByIntegral(r, alpha, s, beta, x, tx, T);
      const common = logGammaOf(r + x) - logGammaOf(r) + r * Math.log(alpha) + s * Math.log(beta);
      const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
      const dead = Math.log(s) - Math.log(r + s + x) + logA0;
      const ll = common + Math.max(alive, dead) + Math.log1p(Math.exp(-Math.abs(alive - dead)));
      expectCloseLog(model.logLikelihoodOf([{ frequency: x, recency: tx, T }]), ll, 1e-12);
    }
  });

  it("rejects bad parameters", () => {
    expect(() => paretoNbdModel({ r, alpha, s, beta: Number.NaN })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION" }),
    );
  });
});
