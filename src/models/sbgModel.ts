import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertInRange } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import { finiteResult } from "./internal/input.js";
import { readCohorts, sbgLogChurn, sbgLogSurvival, sbgTotal } from "./internal/sbgMath.js";
import { hyp2f1Log } from "./internal/special.js";

/** The two sBG parameters: churn probabilities theta ~ Beta(alpha, beta) across customers. */
export interface SbgParams {
  /** First shape of the beta distribution of churn probabilities; > 0. */
  readonly alpha: number;
  /** Second shape of the beta distribution of churn probabilities; > 0. */
  readonly beta: number;
}

/** Options of {@link SbgModel.discountedExpectedResidualLifetime}. */
export interface DerlOptions {
  /** Discount rate per period, > 0 (0.1 = 10%). */
  readonly discountRate: number;
  /** Renewals the customer has made so far (default 0: a customer in the first period). */
  readonly renewals?: number;
}

/** An sBG model of contract renewals with its curves and projections; times are periods. */
export interface SbgModel extends SbgParams {
  readonly model: "sbg";
  /** S(t) = B(alpha, beta+t)/B(alpha, beta): the share of a cohort still active after `t` periods. */
  survival(t: number): number;
  /** P(T = t) = B(alpha+1, beta+t-1)/B(alpha, beta): the share that leaves at the end of period `t` (t >= 1). */
  churnProbability(t: number): number;
  /**
   * r_t = (beta+t-1)/(alpha+beta+t-1): the share of those active in period t-1 who
   * renew into period t (t >= 1); it rises with t as the cohort sheds its likely leavers.
   */
  retentionRate(t: number): number;
  /** [S(0) = 1, S(1), ..., S(periods)]: fitted and projected survival. */
  survivalCurve(periods: number): number[];
  /** [r_1, ..., r_periods]: fitted and projected retention rates. */
  retentionCurve(periods: number): number[];
  /** Expected customers still active, [n_0 S(0), ..., n_0 S(periods)], of a cohort of `cohortSize`. */
  projectActive(cohortSize: number, periods: number): number[];
  /**
   * E[T] = sum_{t>=0} S(t) = (alpha+beta-1)/(alpha-1): the expected number of periods a
   * new customer stays; `null` when alpha <= 1 (the mean is infinite).
   */
  readonly expectedLifetime: number | null;
  /**
   * DERL (Fader & Hardie 2010, "Customer-base valuation in a contractual setting",
   * eq. 7): the expected discounted number of future renewals of a customer who has made
   * `renewals` = n - 1 renewals, the first counted at the coming renewal, undiscounted:
   * `sum_{t>=n} S(t)/S(n-1) / (1+d)^(t-n) = B(alpha, beta+n)/B(alpha, beta+n-1)
   * 2F1(1, beta+n; alpha+beta+n; 1/(1+d))`. Multiply by the margin per period for a value.
   */
  discountedExpectedResidualLifetime(options: DerlOptions): number;
  /** The log-likelihood of one cohort's (or several cohorts') active counts. */
  logLikelihoodOf(activeCounts: readonly number[] | readonly (readonly number[])[]): number;
}

function readPeriod(value: unknown, where: string, lo: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < lo || value > 1_000_000) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${where} must be a whole number in [${lo}, 1000000], got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * An sBG model from known parameters (e.g. published estimates), with the same curves
 * and projections as a fitted one.
 *
 * sBG (Fader & Hardie 2007, "How to project customer retention"): each customer
 * renews at the end of every period with probability 1 - theta, theta ~ Beta(alpha,
 * beta) across customers, so the cohort's retention rate rises over time as the
 * customers likely to leave do so first.
 *
 * @param params - `{ alpha, beta }`, both finite and > 0.
 * @returns the model with `survival`, `churnProbability`, `retentionRate`,
 *   `survivalCurve`, `retentionCurve`, `projectActive`, `expectedLifetime`,
 *   `discountedExpectedResidualLifetime` and `logLikelihoodOf`.
 * @throws CustomerValueError `INVALID_OPTION` when a parameter is not a finite number > 0.
 *
 * @example
 * const regular = sbgModel({ alpha: 0.704, beta: 1.182 }); // Fader & Hardie 2007, "regular"
 * regular.retentionRate(1); // => 0.627 (to 3 digits: 1.182 / 1.886)
 */
export function sbgModel(params: SbgParams): SbgModel {
  const fn = "sbgModel";
  for (const name of ["alpha", "beta"] as const) {
    assertInRange(params?.[name], `${fn}: params.${name}`, 0, Number.POSITIVE_INFINITY, { minOpen: true });
  }
  const { alpha, beta } = params;
  const survival = (t: number) => Math.exp(sbgLogSurvival(alpha, beta, t));
  const retention = (t: number) => (beta + t - 1) / (alpha + beta + t - 1);
  return {
    model: "sbg",
    alpha,
    beta,
    expectedLifetime: alpha > 1 ? (alpha + beta - 1) / (alpha - 1) : null,
    survival(t) {
      return survival(readPeriod(t, "survival: t", 0));
    },
    churnProbability(t) {
      return Math.exp(sbgLogChurn(alpha, beta, readPeriod(t, "churnProbability: t", 1)));
    },
    retentionRate(t) {
      return retention(readPeriod(t, "retentionRate: t", 1));
    },
    survivalCurve(periods) {
      const k = readPeriod(periods, "survivalCurve: periods", 0);
      return Array.from({ length: k + 1 }, (_, t) => survival(t));
    },
    retentionCurve(periods) {
      const k = readPeriod(periods, "retentionCurve: periods", 0);
      return Array.from({ length: k }, (_, i) => retention(i + 1));
    },
    projectActive(cohortSize, periods) {
      assertInRange(cohortSize, "projectActive: cohortSize", 0, Number.MAX_SAFE_INTEGER);
      const k = readPeriod(periods, "projectActive: periods", 0);
      return Array.from({ length: k + 1 }, (_, t) => cohortSize * survival(t));
    },
    discountedExpectedResidualLifetime(options) {
      const where = "discountedExpectedResidualLifetime";
      assertInRange(options?.discountRate, `${where}: discountRate`, 0, Number.POSITIVE_INFINITY, {
        minOpen: true,
      });
      const n = readPeriod(options.renewals ?? 0, `${where}: renewals`, 0) + 1;
      const h = hyp2f1Log(1, beta + n, alpha + beta + n, 1 / (1 + options.discountRate));
      return finiteResult(retention(n) * h.sign * Math.exp(h.log), where);
    },
    logLikelihoodOf(activeCounts) {
      return sbgTotal([alpha, beta], readCohorts(activeCounts, "logLikelihoodOf"));
    },
  };
}
