import { bucketLabel, type HoldoutRow, readHoldoutRows, readMaxFrequency } from "./internal/diagnostics.js";
import { finiteResult, type ModelCustomer } from "./internal/input.js";

/** Options of {@link calibrationVsHoldout}. */
export interface CalibrationVsHoldoutOptions {
  /** Calibration frequencies from this one up share the last bucket (`"7+"`); default 7. */
  readonly maxFrequency?: number;
}

/** One bucket of {@link calibrationVsHoldout}. */
export interface CalibrationVsHoldoutRow {
  /** The calibration-period repeat purchases of the bucket (the last: at least this many). */
  readonly frequency: number;
  /** `"0"`, `"1"`, …, `"7+"`. */
  readonly label: string;
  /** Customers in the bucket. */
  readonly customers: number;
  /** Mean holdout purchases of the bucket's customers: actual, and predicted by the model. */
  readonly actualMean: number;
  readonly predictedMean: number;
}

/**
 * The calibration-against-holdout diagnostic (Fader, Hardie & Lee 2005, figure 4):
 * customers grouped by their repeat purchases in the calibration period, and per group
 * the mean number of purchases in the holdout period, actual against the model's
 * `conditionalExpectedPurchases(durationHoldout, customer)`. Empty groups are left out.
 *
 * @param model - a fitted purchase model with `conditionalExpectedPurchases`, in the rows' time unit
 * @param rows - the rows of `calibrationAndHoldout` (`frequency`, `recency`, `T`,
 *   `frequencyHoldout`, `durationHoldout`)
 * @param options - `maxFrequency` (default 7)
 * @returns `[{ frequency, label, customers, actualMean, predictedMean }]`, by frequency
 * @throws {CustomerValueError} `EMPTY_INPUT` / `INVALID_RECORD` for bad rows;
 *   `INVALID_OPTION` for a bad `maxFrequency`
 *
 * @example
 * const rows = calibrationVsHoldout(bgNbdFit, calibrationAndHoldout(log, { calibrationEnd, observationEnd, unit: "week" }));
 * rows.map((r) => r.label); // => ["0", "1", "2", "3", "4", "5", "6", "7+"]
 */
export function calibrationVsHoldout(
  model: { conditionalExpectedPurchases(t: number, customer: ModelCustomer): number },
  rows: readonly HoldoutRow[],
  options: CalibrationVsHoldoutOptions = {},
): CalibrationVsHoldoutRow[] {
  const fn = "calibrationVsHoldout";
  const max = readMaxFrequency(options, fn);
  readHoldoutRows(rows, fn);
  const customers = new Array<number>(max + 1).fill(0);
  const actual = new Array<number>(max + 1).fill(0);
  const predicted = new Array<number>(max + 1).fill(0);
  for (const row of rows) {
    const k = Math.min(row.frequency, max);
    customers[k]!++;
    actual[k]! += row.frequencyHoldout;
    predicted[k]! += finiteResult(
      model.conditionalExpectedPurchases(row.durationHoldout, row),
      `${fn}: conditionalExpectedPurchases`,
    );
  }
  const out: CalibrationVsHoldoutRow[] = [];
  customers.forEach((n, k) => {
    if (n === 0) return;
    out.push({
      frequency: k,
      label: bucketLabel(k, max),
      customers: n,
      actualMean: actual[k]! / n,
      predictedMean: predicted[k]! / n,
    });
  });
  return out;
}
