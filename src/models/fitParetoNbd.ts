import {
  type FitOptions,
  fitByMaximumLikelihood,
  type ModelCustomer,
  named,
  readSummary,
} from "./internal/input.js";
import { paretoNbdTotalLogLik } from "./internal/math.js";
import { type ParetoNbdModel, paretoNbdModel } from "./paretoNbdModel.js";

/** Options of {@link fitParetoNbd}. */
export interface FitParetoNbdOptions extends FitOptions {}

/** A fitted Pareto/NBD model: the estimates, their standard errors and the predictions. */
export interface FittedParetoNbd extends ParetoNbdModel {
  /** The maximised log-likelihood (without the penalty), summed over customers. */
  readonly logLikelihood: number;
  /**
   * Standard errors of `r, alpha, s, beta` from the inverse of the numerical
   * Hessian of the (penalised) negative log-likelihood at the optimum, on the
   * natural parameters; `null` when the Hessian is not positive definite there.
   */
  readonly standardErrors: {
    readonly r: number | null;
    readonly alpha: number | null;
    readonly s: number | null;
    readonly beta: number | null;
  };
  /** Number of customers fitted on. */
  readonly customers: number;
  /** The L2 penalty used (0 = plain maximum likelihood). */
  readonly penalty: number;
  /** Likelihood evaluations the optimiser used. */
  readonly evaluations: number;
}

const NAMES = ["r", "alpha", "s", "beta"] as const;

/**
 * Fits the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) by maximum
 * likelihood to a per-customer summary (the output of `rfmSummary`, or rows
 * `{ frequency, recency, T }`).
 *
 * The likelihood of one customer as in Fader & Hardie, "A Note on Deriving the
 * Pareto/NBD Model and Related Expressions" (2005), eq. 22:
 * `L = Gamma(r+x) alpha^r beta^s / Gamma(r) * [1 / ((alpha+T)^(r+x) (beta+T)^s) + s/(r+s+x) A0]`
 * where `A0` is a difference of two Gauss hypergeometric terms
 * `2F1(r+s+x, s+1 | r+x; r+s+x+1; |alpha-beta| / (max(alpha, beta) + t)) / (max + t)^(r+s+x)`
 * at `t = tx` and `t = T`; the 2F1 is summed as a rescaled power series and the
 * difference and sum are taken in log space, so large frequencies stay finite.
 * Maximised by Nelder-Mead with restarts on the log-parameters (start: all 1).
 *
 * Times: `recency` and `T` in one unit; `alpha`, `beta` and every prediction's `t`
 * are in that unit.
 *
 * @param summary - one row per customer: `frequency` (whole number >= 0),
 *   `recency` (0 when frequency is 0, at most T), `T` >= 0. Not mutated.
 * @param options - `penalty` (L2, default 0), `initialParams`, `maxEvaluations` (default 20000).
 * @returns `{ r, alpha, s, beta, logLikelihood, standardErrors, customers, penalty,
 *   evaluations }` with the prediction methods of {@link paretoNbdModel}.
 * @throws CustomerValueError `EMPTY_INPUT` for an empty summary; `INVALID_RECORD`
 *   listing every bad row; `INVALID_OPTION` for a bad option; `NOT_CONVERGED` when
 *   the search does not settle or a parameter runs off (with what to try).
 *
 * @example
 * const model = fitParetoNbd(cdnowSummary); // 2,357 CDNOW customers, weeks
 * [model.r, model.alpha, model.s, model.beta].map((v) => v.toFixed(3)); // => ["0.553", "10.578", "0.606", "11.668"] (the note prints beta = 11.67)
 */
export function fitParetoNbd(
  summary: readonly ModelCustomer[],
  options: FitParetoNbdOptions = {},
): FittedParetoNbd {
  const fn = "fitParetoNbd";
  const columns = readSummary(summary, fn);
  const fit = fitByMaximumLikelihood(
    fn,
    NAMES,
    columns.n,
    ([r, alpha, s, beta]) => paretoNbdTotalLogLik(r!, alpha!, s!, beta!, columns),
    options,
  );
  const [r, alpha, s, beta] = fit.params as [number, number, number, number];
  return {
    ...paretoNbdModel({ r, alpha, s, beta }),
    logLikelihood: fit.logLikelihood,
    standardErrors: named(NAMES, fit.standardErrors),
    customers: columns.n,
    penalty: options.penalty ?? 0,
    evaluations: fit.evaluations,
  };
}
