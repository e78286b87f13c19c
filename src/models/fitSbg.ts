import {
  type FitOptions,
  fitByMaximumLikelihood,
  type FitReport,
  fitReport,
  startBudget,
} from "./internal/fit.js";
import { readCohorts, sbgTotal } from "./internal/sbgMath.js";
import { type SbgModel, sbgModel } from "./sbgModel.js";

/** Options of {@link fitSbg}. */
export interface FitSbgOptions extends FitOptions {}

/** A fitted sBG model: the estimates, their standard errors and the curves. */
/**
 * `customers` is the sum of the cohort sizes.
 */
export interface FittedSbg extends SbgModel, FitReport<"alpha" | "beta"> {}

const NAMES = ["alpha", "beta"] as const;

/**
 * Fits the shifted-beta-geometric model of contract renewals (Fader & Hardie 2007,
 * "How to project customer retention") by maximum likelihood to the customers still
 * active at the start of each period, beginning with the cohort size.
 *
 * With counts `n_0, n_1, ..., n_k` (n_0 the cohort size, n_t still active after t
 * periods): `LL = sum_{t=1..k} (n_{t-1} - n_t) ln P(T = t) + n_k ln S(k)`, with
 * `P(T = t) = B(alpha+1, beta+t-1)/B(alpha, beta)` and `S(t) = B(alpha, beta+t)/B(alpha, beta)`;
 * several cohorts (of any lengths) add their log-likelihoods. Maximised by BFGS on the
 * log-parameters with the analytic gradient (start: 1, 1), within `options.timeBudgetMs`.
 *
 * @param activeCounts - one cohort `[1000, 631, 468, ...]`, or several `[[...], [...]]`:
 *   whole numbers, the first > 0, none above the one before, at least two per cohort.
 * @param options - `penalty` (L2, default 0), `initialParams`, `maxEvaluations` (default 5000),
 *   `timeBudgetMs` (default 8000).
 * @returns `{ alpha, beta, logLikelihood, standardErrors, customers, penalty, evaluations,
 *   warnings }` with the curves of {@link sbgModel}.
 * @throws CustomerValueError `EMPTY_INPUT` for no counts; `INVALID_RECORD` listing every
 *   bad count; `INVALID_OPTION` for a bad option; `NOT_CONVERGED` when the search does
 *   not settle, a parameter runs off (nobody or everybody leaves), or the time budget is spent.
 *
 * @example
 * const regular = fitSbg([1000, 631, 468, 382, 326, 289, 262, 241]); // Fader & Hardie 2007
 * [regular.alpha, regular.beta].map((v) => v.toFixed(3)); // => ["0.704", "1.182"]
 */
export function fitSbg(
  activeCounts: readonly number[] | readonly (readonly number[])[],
  options: FitSbgOptions = {},
): FittedSbg {
  const fn = "fitSbg";
  const budget = startBudget(fn, options);
  const cohorts = readCohorts(activeCounts, fn);
  const customers = cohorts.reduce((sum, c) => sum + c[0]!, 0);
  const fit = fitByMaximumLikelihood(
    {
      names: NAMES,
      n: customers,
      shapes: NAMES,
      start: [1, 1],
      logLikelihood: (theta, gradient) => sbgTotal(theta, cohorts, gradient),
    },
    options,
    budget,
  );
  const [alpha, beta] = fit.params as [number, number];
  return { ...sbgModel({ alpha, beta }), ...fitReport(NAMES, fit, customers) };
}
