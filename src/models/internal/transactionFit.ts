/**
 * What the fits of the purchase models (BG/NBD, MBG/NBD, Pareto/NBD) share:
 * reading and grouping the summary, refusing a summary without repeat purchases,
 * default starting values, the fit itself and the P(alive) warnings. Not public.
 */
import { CustomerValueError } from "../../errors/CustomerValueError.js";
import {
  type FitBudget,
  type FitOptions,
  type FitOutcome,
  fitByMaximumLikelihood,
  type LogLikelihood,
  startBudget,
} from "./fit.js";
import { type History, type ModelCustomer, readSummary, type SummaryColumns, sampleRows } from "./input.js";
import { aliveWarnings } from "./warnings.js";

const COARSE_ROWS = 10_000;

/** One purchase model, as its fit needs it. */
export interface TransactionFitSpec {
  readonly names: readonly string[];
  readonly shapes: readonly string[];
  /** Names of the parameters in the data's time unit (started at the data's time scale). */
  readonly scales: readonly string[];
  /** The total log-likelihood over the grouped summary, with its gradient. */
  likelihood(columns: SummaryColumns, budget: FitBudget): LogLikelihood;
  /** P(alive) of one customer under the parameters `theta`. */
  probabilityAlive(theta: readonly number[], c: History): number;
}

/** The outcome of {@link fitTransactionModel}. */
export interface TransactionFit {
  readonly outcome: FitOutcome;
  readonly customers: number;
}

/**
 * Fits a purchase model to a summary. Throws `NOT_CONVERGED` at once when nobody
 * made a repeat purchase: the purchase rate has no finite estimate then. Starts
 * shapes at 1 and scales at mean(T) / (mean(frequency) + 1), the scale at which a
 * rate of one purchase per customer lifetime is typical; beyond 30,000 distinct rows,
 * from the fit on a systematic sample of about 10,000 of them.
 */
export function fitTransactionModel(
  fn: string,
  summary: readonly ModelCustomer[],
  options: FitOptions,
  spec: TransactionFitSpec,
): TransactionFit {
  const budget = startBudget(fn, options);
  const columns = readSummary(summary, fn);
  let repeat = 0;
  let sumT = 0;
  let sumX = 0;
  for (let i = 0; i < columns.x.length; i++) {
    if (columns.x[i]! > 0) repeat += columns.weight[i]!;
    sumT += columns.weight[i]! * columns.T[i]!;
    sumX += columns.weight[i]! * columns.x[i]!;
  }
  if (repeat === 0) {
    throw new CustomerValueError(
      "NOT_CONVERGED",
      `${fn}: none of the ${columns.n} customers made a repeat purchase (every frequency is 0), so the purchase rate has no finite estimate and the fit would run off to a boundary; fit on a longer observation period, or check that frequency counts repeat purchases (rfmSummary computes it)`,
    );
  }
  const scale = Math.max(sumT / (sumX + columns.n), 1e-6);
  // Many distinct rows: a sample of about COARSE_ROWS of them starts the search.
  const every = Math.ceil(columns.x.length / COARSE_ROWS);
  const outcome = fitByMaximumLikelihood(
    {
      names: spec.names,
      n: columns.n,
      shapes: spec.shapes,
      start: spec.names.map((name) => (spec.scales.includes(name) ? scale : 1)),
      logLikelihood: spec.likelihood(columns, budget),
      ...(every > 2 ? { coarse: spec.likelihood(sampleRows(columns, every), budget) } : {}),
    },
    options,
    budget,
  );
  const rows: number[] = [];
  for (let i = 0; i < columns.x.length; i++) if (columns.x[i]! > 0) rows.push(i);
  const pAlive = Float64Array.from(rows, (i) =>
    spec.probabilityAlive(outcome.params, { x: columns.x[i]!, tx: columns.tx[i]!, T: columns.T[i]! }),
  );
  const weights = Float64Array.from(rows, (i) => columns.weight[i]!);
  return {
    outcome: { ...outcome, warnings: [...outcome.warnings, ...aliveWarnings(pAlive, weights)] },
    customers: columns.n,
  };
}
