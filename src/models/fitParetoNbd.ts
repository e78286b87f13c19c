import type { ParetoNbdModel } from "./paretoNbdModel.js";
import type { FitOptions, FitReport } from "./internal/fit.js";
import type { ModelCustomer } from "./internal/input.js";
import { PARETO_NBD } from "./internal/purchaseModels.js";
import { fitPurchaseModel } from "./internal/transactionFit.js";

/** Options of {@link fitParetoNbd}. */
export interface FitParetoNbdOptions extends FitOptions {}

/** A fitted Pareto/NBD model: the estimates, their standard errors and the predictions. */
export interface FittedParetoNbd extends ParetoNbdModel, FitReport<"r" | "alpha" | "s" | "beta"> {}

/**
 * Fits the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) by maximum
 * likelihood to a per-customer summary (the output of `rfmSummary`, or rows
 * `{ frequency, recency, T }`).
 *
 * The likelihood of one customer as in Fader & Hardie, "A Note on Deriving the
 * Pareto/NBD Model and Related Expressions" (2005):
 * `L = Gamma(r+x) alpha^r beta^s / Gamma(r) * [(alpha+T)^-(r+x) (beta+T)^-s + s I]`
 * with the death-time integral `I = integral_tx^T (alpha+tau)^-(r+x) (beta+tau)^-(s+1) dtau`
 * (the note's A0 is `(r+s+x) I`, which it writes with Gauss hypergeometric
 * functions). `I` is integrated numerically, once per frequency and piece between
 * consecutive distinct times, to about 1e-14 relative; logs throughout, so large
 * frequencies stay finite.
 * Maximised by BFGS on the log-parameters with the analytic gradient (start: shapes
 * 1, `alpha` and `beta` at the data's time scale), within `options.timeBudgetMs`.
 *
 * Times: `recency` and `T` in one unit; `alpha`, `beta` and every prediction's `t`
 * are in that unit.
 *
 * @param summary - one row per customer: `frequency` (whole number, 0 to 2^53 - 1),
 *   `recency` (0 when frequency is 0, at most T), `T` >= 0. Not mutated.
 * @param options - `penalty` (L2, default 0), `initialParams`, `maxEvaluations` (default 5000),
 *   `timeBudgetMs` (default 8000).
 * @returns `{ r, alpha, s, beta, logLikelihood, standardErrors, customers, penalty,
 *   evaluations, warnings }` with the prediction methods of {@link paretoNbdModel}.
 * @throws CustomerValueError `EMPTY_INPUT` for an empty summary; `INVALID_RECORD`
 *   listing every bad row; `INVALID_OPTION` for a bad option; `NOT_CONVERGED` when
 *   nobody made a repeat purchase, the search does not settle, a parameter runs off,
 *   or the time budget is spent (each with what to try).
 *
 * @example
 * const model = fitParetoNbd(cdnowSummary); // 2,357 CDNOW customers, weeks
 * [model.r, model.alpha, model.s, model.beta].map((v) => v.toFixed(3)); // => ["0.553", "10.578", "0.606", "11.668"] (the note prints beta = 11.67)
 */
export function fitParetoNbd(
  summary: readonly ModelCustomer[],
  options: FitParetoNbdOptions = {},
): FittedParetoNbd {
  return fitPurchaseModel("fitParetoNbd", summary, options, PARETO_NBD);
}
