import { type BgBbModel, bgBbModel } from "./bgBbModel.js";
import { type BgBbRow, readBgBbRows } from "./internal/bgBbInput.js";
import { bgBbLogTerms, bgBbTotal } from "./internal/bgBbMath.js";
import {
  type FitOptions,
  fitByMaximumLikelihood,
  type FitReport,
  fitReport,
  startBudget,
} from "./internal/fit.js";
import { aliveWarnings } from "./internal/warnings.js";

/** Options of {@link fitBgBb}. */
export interface FitBgBbOptions extends FitOptions {}

/**
 * A fitted BG/BB model: the estimates, their standard errors and the predictions.
 * `customers` counts every donor (the sum of the weights).
 */
export interface FittedBgBb extends BgBbModel, FitReport<"alpha" | "beta" | "gamma" | "delta"> {}

const NAMES = ["alpha", "beta", "gamma", "delta"] as const;

/**
 * Fits the BG/BB model (Fader, Hardie & Shang 2010, "Customer-base analysis in a
 * discrete-time noncontractual setting") by maximum likelihood, for purchases that
 * can only happen at discrete opportunities (yearly drives, weekly events).
 *
 * The likelihood of a customer with `x` transactions in `n` opportunities, the last
 * at opportunity `tx` (FHS 2010 eq. 5):
 * `L = B(alpha+x, beta+n-x)/B(alpha, beta) * B(gamma, delta+n)/B(gamma, delta)
 *    + sum_{i=0}^{n-tx-1} B(alpha+x, beta+tx-x+i)/B(alpha, beta) * B(gamma+1, delta+tx+i)/B(gamma, delta)`,
 * in log space. Rows may be per customer or aggregated (`weight` = customers with that
 * row); identical rows are grouped either way. Maximised by BFGS on the
 * log-parameters with the analytic gradient (start: all 1), within `options.timeBudgetMs`.
 *
 * @param rows - `{ frequency, recency, periods, weight? }` per customer or per group:
 *   whole numbers with `frequency <= recency <= periods`, `recency` 0 exactly when
 *   `frequency` is 0, `periods` in [1, 10000]. Not mutated.
 * @param options - `penalty` (L2, default 0), `initialParams`, `maxEvaluations` (default 5000),
 *   `timeBudgetMs` (default 8000).
 * @returns `{ alpha, beta, gamma, delta, logLikelihood, standardErrors, customers,
 *   penalty, evaluations, warnings }` with the predictions of {@link bgBbModel}.
 * @throws CustomerValueError `EMPTY_INPUT` for no rows; `INVALID_RECORD` listing every
 *   bad row; `INVALID_OPTION` for a bad option; `NOT_CONVERGED` when the search does
 *   not settle, a parameter runs off, or the time budget is spent (with what to try).
 *
 * @example
 * const fit = fitBgBb(donations); // 22 aggregated rows, 11,104 donors, 6 yearly drives
 * [fit.alpha, fit.beta, fit.gamma, fit.delta].map((v) => v.toFixed(3)); // => ["1.204", "0.750", "0.657", "2.783"]
 */
export function fitBgBb(rows: readonly BgBbRow[], options: FitBgBbOptions = {}): FittedBgBb {
  const fn = "fitBgBb";
  const budget = startBudget(fn, options);
  const columns = readBgBbRows(rows, fn);
  const fit = fitByMaximumLikelihood(
    {
      names: NAMES,
      n: columns.customers,
      shapes: NAMES,
      start: [1, 1, 1, 1],
      logLikelihood: (theta, gradient) => bgBbTotal(theta, columns, gradient),
    },
    options,
    budget,
  );
  const [alpha, beta, gamma, delta] = fit.params as [number, number, number, number];
  const repeat = [...columns.x.keys()].filter((i) => columns.x[i]! > 0);
  const pAlive = Float64Array.from(repeat, (i) => {
    const c = { x: columns.x[i]!, tx: columns.tx[i]!, n: columns.n[i]! };
    const { alive, total } = bgBbLogTerms(alpha, beta, gamma, delta, c);
    return Math.exp(alive - total) * ((delta + c.n) / (gamma + delta + c.n));
  });
  const weights = Float64Array.from(repeat, (i) => columns.weight[i]!);
  return {
    ...bgBbModel({ alpha, beta, gamma, delta }),
    ...fitReport(NAMES, fit, columns.customers, [...fit.warnings, ...aliveWarnings(pAlive, weights)]),
  };
}
