import { describe, expect, it } from "vitest";
import fits from "../../test/reference/models/fits.json" with { type: "json" };
import {
  expectClose,
  expectRecovered,
  fitSimulated,
  expectReferenceFit,
  HAS_CDNOW,
  loadCdnowSummary,
} from "../../test/reference/models/helpers.js";
import reference from "../../test/reference/models/reference.json" with { type: "json" };
import { simulateParetoNbd } from "../../test/reference/models/simulate.js";
import { fitParetoNbd } from "./fitParetoNbd.js";
import { paretoNbdModel } from "./paretoNbdModel.js";

describe("fitParetoNbd on simulated customers (always runs)", () => {
  const truth = { r: 0.6, alpha: 8, s: 0.8, beta: 10 };
  const { summary, model } = fitSimulated(simulateParetoNbd(2, 1500, truth), fitParetoNbd);

  it("recovers the simulated parameters within 3 standard errors", () => expectRecovered(model, truth));

  it("reports the log-likelihood at the estimate", () => {
    expect(model.logLikelihood).toBeCloseTo(model.logLikelihoodOf(summary), 8);
  });

  it("stays finite for customers with very many purchases", () => {
    const heavy = [
      ...summary,
      { frequency: 5000, recency: 40, T: 41 },
      { frequency: 800, recency: 10, T: 50 },
    ];
    const m = paretoNbdModel(model);
    expect(Number.isFinite(m.logLikelihoodOf(heavy))).toBe(true);
    expect(m.probabilityAlive({ frequency: 800, recency: 10, T: 50 })).toBeLessThan(1e-6);
  });
});

describe.skipIf(!HAS_CDNOW)("fitParetoNbd on CDNOW (needs ../shared/data)", () => {
  const summary = HAS_CDNOW ? loadCdnowSummary() : [];
  const model = HAS_CDNOW ? fitParetoNbd(summary) : (undefined as never);

  it("matches the published estimates (Fader & Hardie note): r = 0.553, alpha = 10.578, s = 0.606, beta = 11.67, LL = -9595.0", () => {
    expect(model.r.toFixed(3)).toBe("0.553");
    expect(model.alpha.toFixed(3)).toBe("10.578");
    expect(model.s.toFixed(3)).toBe("0.606");
    // The note prints beta = 11.67 (11.669 in lifetimes' test, checked there to 2
    // decimals); the maximum is at 11.6679 (independent scipy fit, fits.json).
    expect(model.beta.toFixed(2)).toBe("11.67");
    expect(Math.abs(model.beta - 11.669)).toBeLessThan(0.0015);
    expect(model.logLikelihood.toFixed(1)).toBe("-9595.0");
  });

  it("lands on the maximum of an independent scipy + mpmath fit, with its standard errors", () => {
    // Achieved: parameters 4.3e-12, standard errors 8.4e-8 (relative), log-likelihood 1.5e-15.
    expectReferenceFit(model, fits.paretoNbd, { params: 5e-11, standardErrors: 9e-7, logLikelihood: 2e-14 });
  });

  it("the summed log-likelihood at the published estimates matches mpmath to 1e-9 and better", () => {
    const [r, alpha, s, beta] = reference.params.paretoNbd as [number, number, number, number];
    expectClose(
      paretoNbdModel({ r, alpha, s, beta }).logLikelihoodOf(summary),
      reference.cdnow!.paretoNbdLogLikelihood,
      4e-15, // achieved 3.8e-16
    );
  });
});
