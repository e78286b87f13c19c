import { CompensatedSum } from "../engine/sum.js";
import { type HoldoutRow, readHoldoutRows } from "./internal/diagnostics.js";
import { finiteResult, type ModelCustomer } from "./internal/input.js";

/** How well a model predicted the holdout period, per customer and in aggregate. */
export interface HoldoutEvaluation {
  readonly customers: number;
  /** Mean absolute error of the per-customer predictions (purchases). */
  readonly mae: number;
  /** Root mean squared error of the per-customer predictions (purchases). */
  readonly rmse: number;
  /** Pearson correlation of predicted and actual purchases; `null` when either does not vary. */
  readonly correlation: number | null;
  /** Total holdout purchases: actual, and predicted. */
  readonly actualTotal: number;
  readonly predictedTotal: number;
  /** (predicted - actual) / actual: the aggregate error as a fraction; `null` when nobody bought. */
  readonly aggregateError: number | null;
}

/**
 * Scores a purchase model on a holdout period: per customer, the prediction
 * `conditionalExpectedPurchases(durationHoldout, customer)` against the purchases
 * actually made (`frequencyHoldout`), as the mean absolute error, the root mean
 * squared error and the correlation; in aggregate, the relative error of the total.
 * Sums are compensated.
 *
 * @param model - a fitted purchase model with `conditionalExpectedPurchases`, in the rows' time unit
 * @param rows - the rows of `calibrationAndHoldout`
 * @returns `{ customers, mae, rmse, correlation, actualTotal, predictedTotal, aggregateError }`
 * @throws {CustomerValueError} `EMPTY_INPUT` / `INVALID_RECORD` for bad rows
 *
 * @example
 * const score = holdoutEvaluation(bgNbdFit, calibrationAndHoldout(log, { calibrationEnd, observationEnd, unit: "week" }));
 * score.aggregateError; // => -0.1215 (CDNOW: 1,653 predicted against 1,882 actual; to 4 digits)
 */
export function holdoutEvaluation(
  model: { conditionalExpectedPurchases(t: number, customer: ModelCustomer): number },
  rows: readonly HoldoutRow[],
): HoldoutEvaluation {
  const fn = "holdoutEvaluation";
  readHoldoutRows(rows, fn);
  const n = rows.length;
  const predicted = rows.map((row) =>
    finiteResult(
      model.conditionalExpectedPurchases(row.durationHoldout, row),
      `${fn}: conditionalExpectedPurchases`,
    ),
  );
  const actual = rows.map((row) => row.frequencyHoldout);
  const total = (values: readonly number[]) => values.reduce((s, v) => s.add(v), new CompensatedSum()).value;
  const actualTotal = total(actual);
  const predictedTotal = total(predicted);
  const meanA = actualTotal / n;
  const meanP = predictedTotal / n;
  const sxy = total(actual.map((a, i) => (a - meanA) * (predicted[i]! - meanP)));
  const sxx = total(actual.map((a) => (a - meanA) ** 2));
  const syy = total(predicted.map((p) => (p - meanP) ** 2));
  return {
    customers: n,
    mae: total(actual.map((a, i) => Math.abs(a - predicted[i]!))) / n,
    rmse: Math.sqrt(total(actual.map((a, i) => (a - predicted[i]!) ** 2)) / n),
    correlation: sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null,
    actualTotal,
    predictedTotal,
    aggregateError: actualTotal > 0 ? (predictedTotal - actualTotal) / actualTotal : null,
  };
}
