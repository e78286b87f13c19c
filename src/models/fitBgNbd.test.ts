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
import { simulateBgNbd } from "../../test/reference/models/simulate.js";
import { bgNbdModel } from "./bgNbdModel.js";
import { fitBgNbd } from "./fitBgNbd.js";

describe("fitBgNbd on simulated customers (always runs)", () => {
  const truth = { r: 0.5, alpha: 6, a: 0.8, b: 2.5 };
  const { summary, model } = fitSimulated(simulateBgNbd(1, 3000, truth), fitBgNbd);

  it("recovers the simulated parameters within 3 standard errors", () => {
    expectRecovered(model, truth);
    expect(model.customers).toBe(3000);
  });

  it("reports the log-likelihood at the estimate, and a better one than at the truth", () => {
    expect(model.logLikelihood).toBeCloseTo(model.logLikelihoodOf(summary), 8);
    expect(model.logLikelihood).toBeGreaterThan(
      fitBgNbd(summary, { initialParams: truth }).logLikelihood - 1e-6,
    );
  });

  it("shrinks the parameters with an L2 penalty", () => {
    const penalised = fitBgNbd(summary, { penalty: 0.1 });
    expect(penalised.penalty).toBe(0.1);
    const norm = (m: typeof model) => m.r ** 2 + m.alpha ** 2 + m.a ** 2 + m.b ** 2;
    expect(norm(penalised)).toBeLessThan(norm(model));
    expect(penalised.logLikelihood).toBeLessThan(model.logLikelihood);
  });
});

describe("fitBgNbd errors", () => {
  it("rejects empty and invalid summaries, listing every bad row", () => {
    expect(() => fitBgNbd([])).toThrow(expect.objectContaining({ code: "EMPTY_INPUT" }));
    try {
      fitBgNbd([
        { frequency: 1.5, recency: 1, T: 2 },
        { frequency: 2, recency: 3, T: 2 },
        { frequency: 0, recency: 0, T: -1 },
      ]);
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe("INVALID_RECORD");
      expect((e as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual([
        "[0].frequency",
        "[1].recency",
        "[2].T",
      ]);
    }
    expect(() => fitBgNbd([{ frequency: 1, recency: 1, T: 2 }], { penalty: -1 })).toThrow(/penalty/);
  });

  it("accepts T = 0 (first purchase at the end), which adds nothing to the likelihood", () => {
    const m = bgNbdModel({ r: 0.5, alpha: 6, a: 0.8, b: 2.5 });
    expect(m.logLikelihoodOf([{ frequency: 0, recency: 0, T: 0 }])).toBeCloseTo(0, 12);
  });

  it("throws NOT_CONVERGED at once when nobody made a repeat purchase", () => {
    const nobody = Array.from({ length: 50 }, () => ({ frequency: 0, recency: 0, T: 10 }));
    expect(() => fitBgNbd(nobody)).toThrow(expect.objectContaining({ code: "NOT_CONVERGED" }));
    expect(() => fitBgNbd(nobody)).toThrow(/none of the 50 customers made a repeat purchase/);
  });

  it("throws NOT_CONVERGED with advice when the likelihood has no interior maximum", () => {
    // Everyone bought on the last day: nobody ever drops out, so a runs to 0 (and the
    // rate parameters to infinity, on a ridge where the Hessian is singular).
    const loyal = Array.from({ length: 200 }, (_, i) => ({ frequency: 1 + (i % 5), recency: 30, T: 30 }));
    expect(() => fitBgNbd(loyal)).toThrow(expect.objectContaining({ code: "NOT_CONVERGED" }));
    expect(() => fitBgNbd(loyal)).toThrow(/no interior maximum.*options.penalty/);
  });

  it("throws NOT_CONVERGED when the evaluation budget is too small", () => {
    const summary = simulateBgNbd(5, 200, { r: 0.5, alpha: 6, a: 0.8, b: 2.5 });
    expect(() => fitBgNbd(summary, { maxEvaluations: 5 })).toThrow(/maxEvaluations/);
  });
});

describe.skipIf(!HAS_CDNOW)("fitBgNbd on CDNOW (needs ../shared/data)", () => {
  // Loaded only when the data is present (vitest still runs a skipped suite's body to collect it).
  const summary = HAS_CDNOW ? loadCdnowSummary() : [];
  const model = HAS_CDNOW ? fitBgNbd(summary) : (undefined as never);

  it("matches the published estimates (FHL 2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4", () => {
    expect(model.customers).toBe(2357);
    expect(model.r.toFixed(3)).toBe("0.243");
    expect(model.alpha.toFixed(3)).toBe("4.414");
    expect(model.a.toFixed(3)).toBe("0.793");
    expect(model.b.toFixed(3)).toBe("2.426");
    expect(model.logLikelihood.toFixed(1)).toBe("-9582.4");
  });

  it("lands on the maximum of an independent scipy + mpmath fit, with its standard errors", () => {
    // Achieved: parameters 7.5e-15, standard errors 1.2e-7 (relative), log-likelihood 5.7e-16.
    expectReferenceFit(model, fits.bgNbd, { params: 8e-14, standardErrors: 2e-6, logLikelihood: 6e-15 });
  });

  it("the summed log-likelihood at the published estimates matches mpmath to 1e-9 and better", () => {
    const [r, alpha, a, b] = reference.params.bgNbd as [number, number, number, number];
    expectClose(
      bgNbdModel({ r, alpha, a, b }).logLikelihoodOf(summary),
      reference.cdnow!.bgNbdLogLikelihood,
      1e-14, // achieved 9.5e-16
    );
  });
});
