import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertInRange } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import { type BgBbRow, readBgBbCustomer, readBgBbRows } from "./internal/bgBbInput.js";
import {
  aliveOpportunities,
  bgBbLogTerms,
  bgBbProbabilityOfPurchases,
  bgBbTotal,
} from "./internal/bgBbMath.js";
import { finiteResult } from "./internal/input.js";
import { logBeta } from "./internal/special.js";

/**
 * The four BG/BB parameters: transaction probabilities p ~ Beta(alpha, beta), drop-out
 * probabilities theta ~ Beta(gamma, delta).
 */
export interface BgBbParams {
  /** First shape of the beta distribution of transaction probabilities; > 0. */
  readonly alpha: number;
  /** Second shape of the beta distribution of transaction probabilities; > 0. */
  readonly beta: number;
  /** First shape of the beta distribution of drop-out probabilities; > 0. */
  readonly gamma: number;
  /** Second shape of the beta distribution of drop-out probabilities; > 0. */
  readonly delta: number;
}

/** A BG/BB model with its predictions; every count of periods is a number of opportunities. */
export interface BgBbModel extends BgBbParams {
  readonly model: "bg-bb";
  /**
   * E[X(n)] = alpha/(alpha+beta) sum_{t=1}^{n} B(gamma, delta+t)/B(gamma, delta): expected
   * transactions of a new customer in the first `n` opportunities (FHS 2010 eq. 8).
   */
  expectedPurchases(n: number): number;
  /**
   * E[X(n, n+n*) | x, tx, n]: expected transactions in the next `nStar` opportunities
   * of a customer with this history (FHS 2010 eq. 13).
   */
  conditionalExpectedPurchases(nStar: number, customer: BgBbRow): number;
  /** P(alive at opportunity n+1 | x, tx, n) (FHS 2010 eq. 11). */
  probabilityAlive(customer: BgBbRow): number;
  /** P(X(n) = x): a new customer transacts at exactly `x` of the first `n` opportunities (FHS 2010 eq. 7). */
  probabilityOfPurchases(x: number, n: number): number;
  /** The log-likelihood of rows under these parameters (weighted sum). */
  logLikelihoodOf(rows: readonly BgBbRow[]): number;
}

/** Checks a whole number of opportunities in [lo, 10,000,000]. */
function readCount(value: unknown, where: string, lo: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < lo || value > 10_000_000) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${where} must be a whole number in [${lo}, 10000000], got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * A BG/BB model from known parameters (e.g. published estimates), with the same
 * predictions as a fitted one.
 *
 * BG/BB (Fader, Hardie & Shang 2010, "Customer-base analysis in a discrete-time
 * noncontractual setting"): at each of a series of discrete opportunities (a yearly
 * donation drive, a weekly market day) a customer who is alive transacts with
 * probability p ~ Beta(alpha, beta); before each opportunity the customer drops out
 * for good with probability theta ~ Beta(gamma, delta).
 *
 * @param params - `{ alpha, beta, gamma, delta }`, all finite and > 0.
 * @returns the model with `expectedPurchases`, `conditionalExpectedPurchases`,
 *   `probabilityAlive`, `probabilityOfPurchases` and `logLikelihoodOf`.
 * @throws CustomerValueError `INVALID_OPTION` when a parameter is not a finite number > 0.
 *
 * @example
 * const m = bgBbModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }); // donations, years
 * m.probabilityAlive({ frequency: 6, recency: 6, periods: 6 }); // => 0.93 (to 2 digits)
 */
export function bgBbModel(params: BgBbParams): BgBbModel {
  const fn = "bgBbModel";
  for (const name of ["alpha", "beta", "gamma", "delta"] as const) {
    assertInRange(params?.[name], `${fn}: params.${name}`, 0, Number.POSITIVE_INFINITY, { minOpen: true });
  }
  const { alpha, beta, gamma, delta } = params;
  const meanP = alpha / (alpha + beta);
  return {
    model: "bg-bb",
    alpha,
    beta,
    gamma,
    delta,
    expectedPurchases(n) {
      const periods = readCount(n, "expectedPurchases: n", 0);
      return finiteResult(meanP * aliveOpportunities(gamma, delta, 0, periods), "expectedPurchases");
    },
    conditionalExpectedPurchases(nStar, customer) {
      const ahead = readCount(nStar, "conditionalExpectedPurchases: nStar", 0);
      const c = readBgBbCustomer(customer, "conditionalExpectedPurchases");
      if (ahead === 0) return 0;
      // 1/L B(a+x+1, b+n-x)/B(a,b) sum_{t=n+1}^{n+n*} B(g, d+t)/B(g, d)
      const { total } = bgBbLogTerms(alpha, beta, gamma, delta, c);
      const buy = logBeta(alpha + c.x + 1, beta + c.n - c.x) - logBeta(alpha, beta);
      const alive = aliveOpportunities(gamma, delta, c.n, c.n + ahead);
      return finiteResult(Math.exp(buy - total) * alive, "conditionalExpectedPurchases");
    },
    probabilityAlive(customer) {
      const c = readBgBbCustomer(customer, "probabilityAlive");
      const { alive, total } = bgBbLogTerms(alpha, beta, gamma, delta, c);
      // Alive through n and still alive at n + 1: times (delta + n)/(gamma + delta + n).
      return finiteResult(
        Math.exp(alive - total) * ((delta + c.n) / (gamma + delta + c.n)),
        "probabilityAlive",
      );
    },
    probabilityOfPurchases(x, n) {
      const k = readCount(x, "probabilityOfPurchases: x", 0);
      const periods = readCount(n, "probabilityOfPurchases: n", 0);
      if (periods > 10_000) {
        throw new CustomerValueError(
          "INVALID_OPTION",
          `probabilityOfPurchases: n must be at most 10000 (the sum runs over the opportunities), got ${periods}`,
        );
      }
      return finiteResult(
        bgBbProbabilityOfPurchases(alpha, beta, gamma, delta, k, periods),
        "probabilityOfPurchases",
      );
    },
    logLikelihoodOf(rows) {
      return bgBbTotal([alpha, beta, gamma, delta], readBgBbRows(rows, "logLikelihoodOf"));
    },
  };
}
