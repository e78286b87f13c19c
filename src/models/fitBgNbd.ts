import type { BgNbdModel } from "./bgNbdModel.js";
import type { FitOptions, FitReport } from "./internal/fit.js";
import type { ModelCustomer } from "./internal/input.js";
import { BG_NBD } from "./internal/purchaseModels.js";
import { fitPurchaseModel } from "./internal/transactionFit.js";

/** Options of {@link fitBgNbd}. */
export interface FitBgNbdOptions extends FitOptions {}

/** A fitted BG/NBD model: the estimates, their standard errors and the predictions. */
export interface FittedBgNbd extends BgNbdModel, FitReport<"r" | "alpha" | "a" | "b"> {}

/**
 * Fits the BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the
 * easy way") by maximum likelihood to a per-customer summary (the output of
 * `rfmSummary`, or rows `{ frequency, recency, T }`).
 *
 * The likelihood of one customer (FHL 2005 eq. 6), in log space:
 * `L = B(a, b+x)/B(a, b) * Gamma(r+x)/Gamma(r) * alpha^r / (alpha+T)^(r+x)
 *    + [x > 0] B(a+1, b+x-1)/B(a, b) * Gamma(r+x)/Gamma(r) * alpha^r / (alpha+tx)^(r+x)`,
 * the two terms added by log-sum-exp so that large frequencies stay finite.
 * Maximised by BFGS on the log-parameters with the analytic gradient (start: shapes
 * 1, `alpha` at the data's time scale), within `options.timeBudgetMs`.
 *
 * Times: `recency` and `T` in one unit (days or weeks); `alpha` and every
 * prediction's `t` are in that unit. Rows with identical (frequency, recency, T)
 * are grouped, so the cost grows with the distinct rows.
 *
 * @param summary - one row per customer: `frequency` (whole number, 0 to 2^53 - 1),
 *   `recency` (0 when frequency is 0, at most T), `T` >= 0. Not mutated.
 * @param options - `penalty` (L2, default 0), `initialParams`, `maxEvaluations` (default 5000),
 *   `timeBudgetMs` (default 8000).
 * @returns `{ r, alpha, a, b, logLikelihood, standardErrors, customers, penalty,
 *   evaluations, warnings }` with the prediction methods of {@link bgNbdModel}.
 * @throws CustomerValueError `EMPTY_INPUT` for an empty summary; `INVALID_RECORD`
 *   listing every bad row; `INVALID_OPTION` for a bad option; `NOT_CONVERGED` when
 *   nobody made a repeat purchase, the search does not settle, a parameter runs off,
 *   or the time budget is spent (each with what to try).
 *
 * @example
 * const model = fitBgNbd(cdnowSummary); // 2,357 CDNOW customers, weeks
 * [model.r, model.alpha, model.a, model.b].map((v) => v.toFixed(3)); // => ["0.243", "4.414", "0.793", "2.426"]
 */
export function fitBgNbd(summary: readonly ModelCustomer[], options: FitBgNbdOptions = {}): FittedBgNbd {
  return fitPurchaseModel("fitBgNbd", summary, options, BG_NBD);
}
