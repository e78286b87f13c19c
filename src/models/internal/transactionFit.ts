/**
 * What the fits of the purchase models (BG/NBD, MBG/NBD, Pareto/NBD) share:
 * reading and grouping the summary, refusing a summary without repeat purchases,
 * default starting values, the fit itself and the P(alive) warnings. Not public.
 */
import { CustomerValueError } from "../../errors/CustomerValueError.js";
import { type FitOptions, type FitReport, fitByMaximumLikelihood, fitReport, startBudget } from "./fit.js";
import { type ModelCustomer, readSummary, sampleRows } from "./input.js";
import {
  type Params,
  type PurchaseModel,
  type PurchaseModelSpec,
  purchaseModel,
} from "./transactionModel.js";
import { aliveWarnings } from "./warnings.js";

const COARSE_ROWS = 10_000;

/**
 * Fits a purchase model to a summary. Throws `NOT_CONVERGED` at once when nobody
 * made a repeat purchase: the purchase rate has no finite estimate then. Starts
 * shapes at 1 and scales at mean(T) / (mean(frequency) + 1), the scale at which a
 * rate of one purchase per customer lifetime is typical; beyond 30,000 distinct rows,
 * from the fit on a systematic sample of about 10,000 of them.
 */
export function fitPurchaseModel<M extends string, K extends string>(
  fn: string,
  summary: readonly ModelCustomer[],
  options: FitOptions,
  spec: PurchaseModelSpec<M, K>,
): PurchaseModel<M, K> & FitReport<K> {
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
      logLikelihood: spec.likelihood(columns, budget.checkTime),
      ...(every > 2 ? { coarse: spec.likelihood(sampleRows(columns, every), budget.checkTime) } : {}),
    },
    options,
    budget,
  );
  const params = Object.fromEntries(spec.names.map((name, i) => [name, outcome.params[i]!])) as Params<K>;
  const rows: number[] = [];
  for (let i = 0; i < columns.x.length; i++) if (columns.x[i]! > 0) rows.push(i);
  const pAlive = Float64Array.from(rows, (i) =>
    spec.alive(params, { x: columns.x[i]!, tx: columns.tx[i]!, T: columns.T[i]! }),
  );
  const weights = Float64Array.from(rows, (i) => columns.weight[i]!);
  const warnings = [...outcome.warnings, ...aliveWarnings(pAlive, weights)];
  return { ...purchaseModel(fn, spec, params), ...fitReport(spec.names, outcome, columns.n, warnings) };
}
