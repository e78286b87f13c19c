import { describe, expect, it } from "vitest";
import { expectClose } from "../../test/reference/models/helpers.js";
import more from "../../test/reference/models/more_models.json" with { type: "json" };
import { fitSbg } from "./fitSbg.js";
import { sbgModel } from "./sbgModel.js";

const { regular, highEnd, pooled, published, finiteLifetime } = more.sbg;

describe("fitSbg on Fader & Hardie's (2007) survivors", () => {
  const fitRegular = fitSbg(Object.freeze(regular.counts));
  const fitHighEnd = fitSbg(highEnd.counts);

  it("reproduces the published estimates: regular 0.704 / 1.182, high end 0.668 / 3.806", () => {
    expect([fitRegular.alpha, fitRegular.beta].map((v) => v.toFixed(3))).toEqual(["0.704", "1.182"]);
    expect([fitHighEnd.alpha, fitHighEnd.beta].map((v) => v.toFixed(3))).toEqual(["0.668", "3.806"]);
    expect(fitRegular.customers).toBe(1000);
    expect(fitRegular.warnings).toEqual([]);
  });

  it("lands on the maxima of an independent scipy + mpmath fit", () => {
    for (const [fit, ref] of [
      [fitRegular, regular],
      [fitHighEnd, highEnd],
    ] as const) {
      for (const name of ["alpha", "beta"] as const) {
        // Achieved: parameters 6.2e-14, standard errors 2.0e-8 (relative).
        expectClose(fit[name], ref.params[name], 7e-13);
        expectClose(fit.standardErrors[name]!, ref.standardErrors[name], 2e-7);
      }
      expectClose(fit.logLikelihood, ref.logLikelihood, 1e-14); // achieved 2.7e-16
    }
  });

  it("pools several cohorts of any lengths into one likelihood", () => {
    const both = fitSbg([regular.counts, highEnd.counts]);
    expect(both.customers).toBe(2000);
    expectClose(both.alpha, pooled.params.alpha, 7e-14); // achieved 6.5e-15
    expectClose(both.beta, pooled.params.beta, 7e-14);
    const m = sbgModel(both);
    expectClose(
      m.logLikelihoodOf([regular.counts, highEnd.counts]),
      m.logLikelihoodOf(regular.counts) + m.logLikelihoodOf(highEnd.counts),
      1e-15,
    );
    // A cohort observed for fewer periods counts too.
    expect(fitSbg([regular.counts, [1000, 869, 743]]).customers).toBe(2000);
  });
});

describe("sbgModel curves and values against mpmath", () => {
  const m = sbgModel(published.params);

  it("likelihoods at the published estimates", () => {
    // Achieved 9.5e-16 and 0 (relative).
    expectClose(m.logLikelihoodOf(regular.counts), published.logLikelihoodRegular, 1e-14);
    expectClose(
      sbgModel({ alpha: 0.668, beta: 3.806 }).logLikelihoodOf(highEnd.counts),
      published.logLikelihoodHighEnd,
      1e-14,
    );
  });

  it("survival, churn and retention, fitted and projected", () => {
    const survival = m.survivalCurve(12);
    published.survival.forEach((s, t) => {
      expectClose(survival[t]!, s, 9e-14); // curves: achieved 8.8e-15
    });
    published.churnProbability.forEach((p, i) => {
      expectClose(m.churnProbability(i + 1), p, 9e-14);
    });
    const retention = m.retentionCurve(12);
    published.retention.forEach((r, i) => {
      expectClose(retention[i]!, r, 9e-14);
    });
    // r_1 = beta / (alpha + beta) = 1.182 / 1.886 by hand.
    expectClose(m.retentionRate(1), 1.182 / 1.886, 1e-15);
    expect(m.projectActive(1000, 2)).toEqual([1000, 1000 * m.survival(1), 1000 * m.survival(2)]);
  });

  it("DERL, the expected lifetime, and their edge cases", () => {
    for (const { discountRate, renewals, value } of published.derl) {
      expectClose(m.discountedExpectedResidualLifetime({ discountRate, renewals }), value, 6e-14); // achieved 5.9e-15
    }
    expect(m.expectedLifetime).toBeNull(); // alpha = 0.704 <= 1: infinite mean
    expectClose(sbgModel(finiteLifetime.params).expectedLifetime!, finiteLifetime.expectedLifetime, 1e-15); // exact
    expect(() => m.discountedExpectedResidualLifetime({ discountRate: 0 })).toThrow(/discountRate/);
  });
});

describe("fitSbg errors", () => {
  it("lists every bad count", () => {
    try {
      fitSbg([[1000, 1200, 300.5], [0, 0], [5]]);
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe("INVALID_RECORD");
      expect((e as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual([
        "[0][1]",
        "[0][2]",
        "[1][0]",
        "[2]",
      ]);
    }
    expect(() => fitSbg([])).toThrow(expect.objectContaining({ code: "EMPTY_INPUT" }));
    expect(() => fitSbg("1000" as never)).toThrow(expect.objectContaining({ code: "INVALID_RECORD" }));
  });

  it("throws NOT_CONVERGED when nobody leaves (the churn probability runs to 0)", () => {
    expect(() => fitSbg([1000, 1000, 1000, 1000])).toThrow(
      expect.objectContaining({ code: "NOT_CONVERGED" }),
    );
  });
});
