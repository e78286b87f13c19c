import { bucketLabel, readMaxFrequency } from "./internal/diagnostics.js";
import { finiteResult, type ModelCustomer, readSummary } from "./internal/input.js";

/** Options of {@link periodTransactions}. */
export interface PeriodTransactionsOptions {
  /** Frequencies from this one up share the last bucket (`"7+"`); default 7. */
  readonly maxFrequency?: number;
}

/** One bucket of {@link periodTransactions}. */
export interface PeriodTransactionsRow {
  /** The repeat purchases of the bucket (the last bucket: at least this many). */
  readonly frequency: number;
  /** `"0"`, `"1"`, …, `"7+"`. */
  readonly label: string;
  /** Customers with this many repeat purchases: actual, and expected by the model. */
  readonly actual: number;
  readonly expected: number;
}

/**
 * The period-transactions diagnostic (Fader, Hardie & Lee 2005, figure 2): how many
 * customers made 0, 1, 2, … repeat purchases in the calibration period, against the
 * model's expectation `sum_i P(X(T_i) = x)` over the customers (each observed for
 * their own `T`). The last bucket pools `maxFrequency` and more; its expectation is
 * the customers left over, so both columns sum to the number of customers.
 *
 * @param model - a fitted (or built) purchase model with `probabilityOfPurchases(x, t)`
 * @param summary - the calibration summary the model was fitted on (`frequency`, `recency`, `T`)
 * @param options - `maxFrequency` (default 7)
 * @returns one row per bucket, `[{ frequency, label, actual, expected }]`
 * @throws {CustomerValueError} `EMPTY_INPUT` / `INVALID_RECORD` for a bad summary;
 *   `INVALID_OPTION` for a bad `maxFrequency`
 *
 * @example
 * const rows = periodTransactions(bgNbdFit, cdnowSummary);
 * rows[0]; // => { frequency: 0, label: "0", actual: 1411, expected: 1407.7 } (to 1 decimal)
 */
export function periodTransactions(
  model: { probabilityOfPurchases(x: number, t: number): number },
  summary: readonly ModelCustomer[],
  options: PeriodTransactionsOptions = {},
): PeriodTransactionsRow[] {
  const fn = "periodTransactions";
  const max = readMaxFrequency(options, fn);
  const columns = readSummary(summary, fn);
  const actual = new Array<number>(max + 1).fill(0);
  // Customers per distinct T: the expectation needs P(X(T) = x) once per T and x.
  const perT = new Map<number, number>();
  for (let i = 0; i < columns.x.length; i++) {
    const w = columns.weight[i]!;
    actual[Math.min(columns.x[i]!, max)]! += w;
    perT.set(columns.T[i]!, (perT.get(columns.T[i]!) ?? 0) + w);
  }
  const expected = new Array<number>(max + 1).fill(0);
  for (const [T, count] of perT) {
    for (let x = 0; x < max; x++) {
      expected[x]! +=
        count * finiteResult(model.probabilityOfPurchases(x, T), `${fn}: probabilityOfPurchases`);
    }
  }
  expected[max] = columns.n - expected.slice(0, max).reduce((s, v) => s + v, 0);
  return actual.map((count, x) => ({
    frequency: x,
    label: bucketLabel(x, max),
    actual: count,
    expected: Math.max(0, expected[x]!),
  }));
}
