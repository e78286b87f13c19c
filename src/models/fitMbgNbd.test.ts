import { describe, expect, it } from "vitest";
import {
  expectClose,
  expectRecovered,
  fitSimulated,
  loadCdnowSummary,
  SKIP_CDNOW,
} from "../../test/reference/models/helpers.js";
import more from "../../test/reference/models/more_models.json" with { type: "json" };
import { simulateMbgNbd } from "../../test/reference/models/simulate.js";
import { fitMbgNbd } from "./fitMbgNbd.js";
import { mbgNbdModel } from "./mbgNbdModel.js";

const NAMES = ["r", "alpha", "a", "b"] as const;

describe("fitMbgNbd on simulated customers (always runs)", () => {
  const truth = { r: 0.5, alpha: 6, a: 0.9, b: 1.6 };
  const { model } = fitSimulated(simulateMbgNbd(4, 4000, truth), fitMbgNbd);

  it("recovers the simulated parameters within 3 standard errors", () => expectRecovered(model, truth));

  it("says a customer without repeat purchases may be gone, unlike BG/NBD", () => {
    // P(alive | x = 0) = 1 / (1 + a/b (alpha+T)^r / alpha^r * ... ) with tx = 0: by hand for
    // r = 0.5, alpha = 6, a = 0.9, b = 1.6, T = 10: 1 / (1 + 0.9/1.6 (16/6)^0.5).
    const m = mbgNbdModel(truth);
    expectClose(
      m.probabilityAlive({ frequency: 0, recency: 0, T: 10 }),
      1 / (1 + (0.9 / 1.6) * Math.sqrt(16 / 6)),
      1e-14,
    );
  });
});

describe("fitMbgNbd errors", () => {
  it("refuses a summary without repeat purchases and lists bad rows", () => {
    expect(() => fitMbgNbd([{ frequency: 0, recency: 0, T: 5 }])).toThrow(
      expect.objectContaining({ code: "NOT_CONVERGED" }),
    );
    expect(() => fitMbgNbd([{ frequency: 1, recency: 6, T: 5 }])).toThrow(
      expect.objectContaining({ code: "INVALID_RECORD" }),
    );
  });
});

describe.skipIf(SKIP_CDNOW)("fitMbgNbd on CDNOW (needs ../shared/data)", () => {
  const summary = SKIP_CDNOW ? [] : loadCdnowSummary();
  const model = SKIP_CDNOW ? (undefined as never) : fitMbgNbd(summary);
  const ref = more.mbgNbd;

  it("reproduces the estimates of lifetimes' test suite (from BTYDplus): 0.525, 6.183, 0.891, 1.614", () => {
    expect([model.r, model.alpha, model.a, model.b].map((v) => v.toFixed(3))).toEqual([
      "0.525",
      "6.183",
      "0.891",
      "1.614",
    ]);
    expect(model.customers).toBe(2357);
    expect(model.warnings).toEqual([]);
  });

  it("lands on the maximum of an independent scipy + mpmath fit", () => {
    for (const name of NAMES) {
      // Achieved: parameters 1.9e-14, standard errors 2.9e-8 (relative).
      expectClose(model[name], ref.params[name], 2e-13);
      expectClose(model.standardErrors[name]!, ref.standardErrors[name], 3e-7);
    }
    expectClose(model.logLikelihood, ref.logLikelihood, 1e-14); // achieved 1.9e-16
  });

  it("matches mpmath at the published estimates, the expectations by numerical integration", () => {
    const m = mbgNbdModel(ref.published.params);
    // Achieved: likelihood 1.3e-15; P(alive) 6.1e-14; expectations 6.5e-14; P(X(t) = x) 7.1e-15.
    expectClose(m.logLikelihoodOf(summary), ref.published.logLikelihood, 2e-14);
    for (const c of ref.published.cases) {
      const customer = { frequency: c.frequency, recency: c.recency, T: c.T };
      expectClose(m.probabilityAlive(customer), c.probabilityAlive, 7e-13);
      expectClose(m.conditionalExpectedPurchases(39, customer), c.conditionalExpected39, 7e-13);
    }
    for (const [t, value] of Object.entries(ref.published.expectedPurchases)) {
      expectClose(m.expectedPurchases(Number(t)), value, 7e-13);
    }
    ref.published.probabilityOfPurchases39.forEach((p, x) => {
      expectClose(m.probabilityOfPurchases(x, 39), p, 8e-14);
    });
  });
});
