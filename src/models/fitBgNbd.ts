import { type BgNbdModel, bgNbdModel } from "./bgNbdModel.js";
import {
  type FitOptions,
  fitByMaximumLikelihood,
  type ModelCustomer,
  named,
  readSummary,
} from "./internal/input.js";
import { bgNbdTotalLogLik } from "./internal/math.js";

/** Options of {@link fitBgNbd}. */
export interface FitBgNbdOptions extends FitOptions {}

/** A fitted BG/NBD model: the estimates, their standard errors and the predictions. */
export interface FittedBgNbd extends BgNbdModel {
  /** The maximised log-likelihood (without the penalty), summed over customers. */
  readonly logLikelihood: number;
  /**
   * Standard errors of `r, alpha, a, b` from the inverse of the numerical Hessian
   * of the (penalised) negative log-likelihood at the optimum, on the natural
   * parameters; `null` when the Hessian is not positive definite there.
   */
  readonly standardErrors: {
    readonly r: number | null;
    readonly alpha: number | null;
    readonly a: number | null;
    readonly b: number | null;
  };
  /** Number of customers fitted on. */
  readonly customers: number;
  /** The L2 penalty used (0 = plain maximum likelihood). */
  readonly penalty: number;
  /** Likelihood evaluations the optimiser used. */
  readonly evaluations: number;
}

const NAMES = ["r", "alpha", "a", "b"] as const;

/**
 * Fits the BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the
 * easy way") by maximum likelihood to a per-customer summary (the output of
 * `rfmSummary`, or rows `{ frequency, recency, T }`).
 *
 * The likelihood of one customer (FHL 2005 eq. 6), in log space:
 * `L = B(a, b+x)/B(a, b) * Gamma(r+x)/Gamma(r) * alpha^r / (alpha+T)^(r+x)
 *    + [x > 0] B(a+1, b+x-1)/B(a, b) * Gamma(r+x)/Gamma(r) * alpha^r / (alpha+tx)^(r+x)`,
 * the two terms added by log-sum-exp so that large frequencies stay finite.
 * Maximised by Nelder-Mead with restarts on the log-parameters (start: all 1).
 *
 * Times: `recency` and `T` in one unit (days or weeks); `alpha` and every
 * prediction's `t` are in that unit. Rows with identical (frequency, recency, T)
 * are grouped, so the cost grows with the distinct rows.
 *
 * @param summary - one row per customer: `frequency` (whole number >= 0),
 *   `recency` (0 when frequency is 0, at most T), `T` >= 0. Not mutated.
 * @param options - `penalty` (L2, default 0), `initialParams`, `maxEvaluations` (default 20000).
 * @returns `{ r, alpha, a, b, logLikelihood, standardErrors, customers, penalty,
 *   evaluations }` with the prediction methods of {@link bgNbdModel}.
 * @throws CustomerValueError `EMPTY_INPUT` for an empty summary; `INVALID_RECORD`
 *   listing every bad row; `INVALID_OPTION` for a bad option; `NOT_CONVERGED` when
 *   the search does not settle or a parameter runs off (with what to try).
 *
 * @example
 * const model = fitBgNbd(cdnowSummary); // 2,357 CDNOW customers, weeks
 * [model.r, model.alpha, model.a, model.b].map((v) => v.toFixed(3)); // => ["0.243", "4.414", "0.793", "2.426"]
 */
export function fitBgNbd(summary: readonly ModelCustomer[], options: FitBgNbdOptions = {}): FittedBgNbd {
  const fn = "fitBgNbd";
  const columns = readSummary(summary, fn);
  const fit = fitByMaximumLikelihood(
    fn,
    NAMES,
    columns.n,
    ([r, alpha, a, b]) => bgNbdTotalLogLik(r!, alpha!, a!, b!, columns),
    options,
  );
  const [r, alpha, a, b] = fit.params as [number, number, number, number];
  return {
    ...bgNbdModel({ r, alpha, a, b }),
    logLikelihood: fit.logLikelihood,
    standardErrors: named(NAMES, fit.standardErrors),
    customers: columns.n,
    penalty: options.penalty ?? 0,
    evaluations: fit.evaluations,
  };
}
