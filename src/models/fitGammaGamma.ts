import { type GammaGammaModel, gammaGammaModel } from "./gammaGammaModel.js";
import {
  type FitOptions,
  fitByMaximumLikelihood,
  type FitReport,
  fitReport,
  startBudget,
} from "./internal/fit.js";
import { gammaGammaTotal } from "./internal/gammaGammaMath.js";
import { type ModelCustomer, readRepeatBuyers } from "./internal/input.js";

/** Options of {@link fitGammaGamma}. */
export interface FitGammaGammaOptions extends FitOptions {}

/**
 * A fitted Gamma-Gamma model: the estimates, their standard errors and the predictions.
 * `customers` counts the repeat buyers (customers with frequency 0 are skipped).
 */
export interface FittedGammaGamma extends GammaGammaModel, FitReport<"p" | "q" | "v"> {}

const NAMES = ["p", "q", "v"] as const;

/**
 * Fits the Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV:
 * Using iso-value curves for customer base analysis") by maximum likelihood to
 * the repeat buyers of a summary: rows with `frequency` x > 0 and
 * `monetaryValue` zbar > 0 (the mean of the repeat purchases, as `rfmSummary`
 * gives it). Rows with frequency 0 are skipped, as the model requires.
 *
 * The density of one customer's mean (FHL 2005 eq. 1), in log space:
 * `f(zbar | p, q, v, x) = Gamma(px+q) / (Gamma(px) Gamma(q)) * v^q zbar^(px-1) x^(px) / (v + x zbar)^(px+q)`.
 * Maximised by BFGS on the log-parameters with the analytic gradient (start: all 1),
 * within `options.timeBudgetMs`.
 * The model assumes spend and frequency are independent; check the correlation
 * of `frequency` and `monetaryValue` among repeat buyers before relying on it.
 *
 * @param summary - rows with `frequency`, `recency`, `T` and, for repeat buyers,
 *   `monetaryValue` > 0. Not mutated.
 * @param options - `penalty` (L2, default 0), `initialParams`, `maxEvaluations` (default 5000),
 *   `timeBudgetMs` (default 8000).
 * @returns `{ p, q, v, logLikelihood, standardErrors, customers, penalty, evaluations,
 *   warnings }` with the methods of {@link gammaGammaModel}.
 * @throws CustomerValueError `EMPTY_INPUT` when no customer has a repeat purchase;
 *   `INVALID_RECORD` listing every bad row (a repeat buyer without a positive
 *   `monetaryValue` included); `INVALID_OPTION`; `NOT_CONVERGED` (with what to try).
 *
 * @example
 * const spend = fitGammaGamma(cdnowSummaryWithMonetaryValue); // 946 repeat buyers
 * [spend.p, spend.q, spend.v].map((x) => x.toFixed(2)); // => ["6.25", "3.74", "15.45"] (the paper prints v = 15.44; the maximum is at 15.4477)
 */
export function fitGammaGamma(
  summary: readonly ModelCustomer[],
  options: FitGammaGammaOptions = {},
): FittedGammaGamma {
  const fn = "fitGammaGamma";
  const budget = startBudget(fn, options);
  const { x, zbar } = readRepeatBuyers(summary, fn);
  const fit = fitByMaximumLikelihood(
    {
      names: NAMES,
      n: x.length,
      shapes: ["p", "q"],
      start: [1, 1, 1],
      logLikelihood: (theta, gradient) => gammaGammaTotal(theta, x, zbar, gradient),
    },
    options,
    budget,
  );
  const [p, q, v] = fit.params as [number, number, number];
  return { ...gammaGammaModel({ p, q, v }), ...fitReport(NAMES, fit, x.length) };
}
