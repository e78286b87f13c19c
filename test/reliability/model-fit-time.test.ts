/**
 * Model fits without a time bound: Pareto/NBD on 5,000 customers, one in ten with one
 * repeat purchase, ran 212 s; 500 customers who all bought once took 21 s and
 * returned a "successful" fit with a positive log-likelihood and P(alive) 0; the
 * sample data's 18k customers took 29 s. Now every fit ends in a clean result (with
 * warnings where due) or a CustomerValueError with a code, each within 5 s, and every
 * fit stops at its time budget (`timeBudgetMs`, default 8 s) on any input.
 */
import { generateSampleData, rfmSummary } from "customer-value";
import {
  CustomerValueError,
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  fitSbg,
  type ModelCustomer,
} from "customer-value/models";
import { describe, expect, it } from "vitest";
import { rng } from "../reference/models/simulate.js";
import { expectClean, expectCode } from "./helpers.js";

const PURCHASE_FITS = { fitBgNbd, fitMbgNbd, fitParetoNbd } as const;

/** Runs `f`, returning its result or the CustomerValueError it threw, and the wall time (ms). */
function timed<T>(f: () => T): { outcome: T | CustomerValueError; ms: number } {
  const start = performance.now();
  try {
    return { outcome: f(), ms: performance.now() - start };
  } catch (e) {
    if (!(e instanceof CustomerValueError)) throw e;
    return { outcome: e, ms: performance.now() - start };
  }
}

/** A fitted purchase model is clean: no NaN/Infinity, and P(alive) near 0 for all only with a warning. */
function expectCleanFit(
  fit: { logLikelihood: number; warnings: readonly { code: string }[] },
  summary: readonly ModelCustomer[],
): void {
  expectClean(fit);
  const alive = fit as unknown as { probabilityAlive(c: ModelCustomer): number };
  const zero = summary.filter((c) => alive.probabilityAlive(c) < 1e-9).length;
  if (zero > summary.length / 2) expect(fit.warnings.map((w) => w.code)).toContain("p-alive-near-zero");
}

describe("fitParetoNbd on 5,000 customers, one in ten with one repeat purchase", () => {
  const u = rng(32);
  for (const [name, maxT] of [
    ["ages in weeks", 52],
    ["ages in days", 365],
  ] as const) {
    const summary = Array.from({ length: 5000 }, (_, i) => {
      const T = 1 + Math.floor(u() * maxT);
      return i % 10 === 0
        ? { frequency: 1, recency: Math.max(1, Math.floor(u() * T)), T }
        : { frequency: 0, recency: 0, T };
    });
    for (const [fn, fitModel] of Object.entries(PURCHASE_FITS)) {
      it(`${fn}, ${name}: a clean result or a coded error within 5 s`, () => {
        const { outcome, ms } = timed(() => fitModel(summary));
        expect(ms).toBeLessThan(5000);
        if (outcome instanceof CustomerValueError) expect(outcome.code).toBe("NOT_CONVERGED");
        else expectCleanFit(outcome, summary);
      });
    }
  }
});

describe("500 customers who all bought once", () => {
  const summary = Array.from({ length: 500 }, (_, i) => ({ frequency: 0, recency: 0, T: 1 + (i % 50) }));

  it("every purchase model refuses at once: no positive log-likelihood, no P(alive) of 0", () => {
    for (const fitModel of Object.values(PURCHASE_FITS)) {
      const { outcome, ms } = timed(() => fitModel(summary));
      expect(ms).toBeLessThan(5000);
      expect(outcome).toBeInstanceOf(CustomerValueError);
      expect((outcome as CustomerValueError).message).toMatch(
        /none of the 500 customers made a repeat purchase/,
      );
    }
  });

  it("a likelihood that rounding would push above 1 is never accepted", () => {
    // Everyone bought once and is observed for a moment: each likelihood is within
    // rounding of 1, so the fit has no interior maximum either.
    const brief = summary.map((c) => ({ ...c, T: 1e-9 }));
    expectCode(() => fitParetoNbd([...brief, { frequency: 1, recency: 1e-9, T: 1e-9 }]), "NOT_CONVERGED");
  });
});

describe("the sample data's 18k customers", () => {
  const summary = rfmSummary(generateSampleData({ customers: 20_000 }).transactions);

  it("fitParetoNbd takes at most 2 s of CPU", () => {
    expect(summary.length).toBeGreaterThan(18_000);
    const before = process.cpuUsage();
    const { outcome } = timed(() => fitParetoNbd(summary));
    const used = process.cpuUsage(before);
    expect((used.user + used.system) / 1000).toBeLessThan(2000);
    expect(outcome).not.toBeInstanceOf(CustomerValueError);
  });
});

describe("every fit stops at its time budget", () => {
  const u = rng(100);
  // 100,000 customers with fractional ages spread over 1,000 time units and a few very
  // heavy buyers: about as many distinct rows and times as such a summary can have.
  const summary = Array.from({ length: 100_000 }, () => {
    const T = 1 + u() * 1000;
    const frequency = Math.floor(-Math.log(1 - u()) * 8) * (u() < 0.3 ? 50 : 1);
    return { frequency, recency: frequency === 0 ? 0 : u() * T, T, monetaryValue: 1 + u() * 99 };
  });

  it("with a small budget each fit ends quickly in NOT_CONVERGED (or a result)", () => {
    const bgbb = summary.map((c) => ({
      frequency: Math.min(c.frequency, 10),
      recency: Math.min(c.frequency, 10),
      periods: 12,
    }));
    const cohorts = Array.from({ length: 1000 }, (_, k) => [1000 + k, 900, 800, 700, 650 - (k % 50)]);
    const runs = {
      fitBgNbd: () => fitBgNbd(summary, { timeBudgetMs: 200 }),
      fitMbgNbd: () => fitMbgNbd(summary, { timeBudgetMs: 200 }),
      fitParetoNbd: () => fitParetoNbd(summary, { timeBudgetMs: 200 }),
      fitGammaGamma: () => fitGammaGamma(summary, { timeBudgetMs: 200 }),
      fitBgBb: () => fitBgBb(bgbb, { timeBudgetMs: 200 }),
      fitSbg: () => fitSbg(cohorts, { timeBudgetMs: 200 }),
    };
    for (const [fn, run] of Object.entries(runs)) {
      const { outcome, ms } = timed<unknown>(run);
      expect(ms, fn).toBeLessThan(5000);
      if (outcome instanceof CustomerValueError) {
        expect(outcome.code).toBe("NOT_CONVERGED");
        expect(outcome.message).toMatch(/timeBudgetMs|no interior maximum|gradient vanished/);
      } else {
        expectClean(outcome);
      }
    }
  });

  it("with the default budget the slowest fit returns or throws within 10 s", () => {
    const { outcome, ms } = timed(() => fitParetoNbd(summary));
    expect(ms).toBeLessThan(10_000);
    if (outcome instanceof CustomerValueError) expect(outcome.code).toBe("NOT_CONVERGED");
    else expectClean(outcome);
  });
});
