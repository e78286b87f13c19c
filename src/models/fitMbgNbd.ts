import type { MbgNbdModel } from "./mbgNbdModel.js";
import type { FitOptions, FitReport } from "./internal/fit.js";
import type { ModelCustomer } from "./internal/input.js";
import { MBG_NBD } from "./internal/purchaseModels.js";
import { fitPurchaseModel } from "./internal/transactionFit.js";

/** Options of {@link fitMbgNbd}. */
export interface FitMbgNbdOptions extends FitOptions {}

/** A fitted MBG/NBD model: the estimates, their standard errors and the predictions. */
export interface FittedMbgNbd extends MbgNbdModel, FitReport<"r" | "alpha" | "a" | "b"> {}

/**
 * Fits the MBG/NBD model (Batislam, Denizel & Filiztekin 2007) by maximum likelihood
 * to a per-customer summary (the output of `rfmSummary`, or rows
 * `{ frequency, recency, T }`). Unlike BG/NBD it lets a customer drop out right after
 * the first purchase, so customers without repeat purchases are not all alive.
 *
 * The likelihood of one customer, with `A = Gamma(r+x) alpha^r / Gamma(r)`:
 * `L = A [B(a, b+x+1)/B(a, b) (alpha+T)^-(r+x) + B(a+1, b+x)/B(a, b) (alpha+tx)^-(r+x)]`
 * (the second term for x = 0 too), in log space. Maximised by BFGS on the
 * log-parameters with the analytic gradient (start: shapes 1, `alpha` at the data's
 * time scale), within `options.timeBudgetMs`. Identical rows are grouped.
 *
 * @param summary - one row per customer: `frequency` (whole number, 0 to 2^53 - 1),
 *   `recency` (0 when frequency is 0, at most T), `T` >= 0. Not mutated.
 * @param options - `penalty` (L2, default 0), `initialParams`, `maxEvaluations` (default 5000),
 *   `timeBudgetMs` (default 8000).
 * @returns `{ r, alpha, a, b, logLikelihood, standardErrors, customers, penalty,
 *   evaluations, warnings }` with the prediction methods of {@link mbgNbdModel}.
 * @throws CustomerValueError `EMPTY_INPUT` for an empty summary; `INVALID_RECORD`
 *   listing every bad row; `INVALID_OPTION` for a bad option; `NOT_CONVERGED` when
 *   nobody made a repeat purchase, the search does not settle, a parameter runs off,
 *   or the time budget is spent (each with what to try).
 *
 * @example
 * const model = fitMbgNbd(cdnowSummary); // 2,357 CDNOW customers, weeks
 * [model.r, model.alpha, model.a, model.b].map((v) => v.toFixed(3)); // => ["0.525", "6.183", "0.891", "1.614"]
 */
export function fitMbgNbd(summary: readonly ModelCustomer[], options: FitMbgNbdOptions = {}): FittedMbgNbd {
  return fitPurchaseModel("fitMbgNbd", summary, options, MBG_NBD);
}
