import { sortAscending } from "../engine/rank.js";
import { CompensatedSum, fsum } from "../engine/sum.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertOptions } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import { assertPositive, readValues, scaledForShares } from "./internal.js";
import type { ItemColumns } from "./itemColumns.js";

/** Options of {@link gini}. */
export interface GiniOptions {
  /** Apply the small-sample correction, multiplying by `n / (n - 1)` (default `false`). */
  readonly corrected?: boolean;
}

/**
 * The Gini coefficient of customer values, with the convention of R `ineq::Gini`. On
 * values sorted ascending `x_(1) <= … <= x_(n)`:
 *
 *     G = 2 * sum_k k * x_(k) / (n * sum x) - (n + 1) / n
 *
 * which is `ineq::Gini(x)` (`corr = FALSE`, the default); with `corrected: true` it is
 * `G * n / (n - 1)`, `ineq::Gini(x, corr = TRUE)`. Returned uncorrected by default.
 *
 * Computed as `sum_k (n + 1 - 2k) (x_(n+1-k) - x_(k)) / (n * sum x)` over the pairs
 * `k < n + 1 - k` (the same sum, `2 * sum_k k x_(k) - (n + 1) * sum x`, regrouped): every
 * term is >= 0, so no cancellation can push the result below 0, and both sums are
 * compensated. Values whose sums pass the largest double are scaled by a power of two.
 *
 * Range: the uncorrected value lies in `[0, 1 - 1/n]`: 0 when every value is equal,
 * `1 - 1/n` when one customer holds everything; the corrected value lies in `[0, 1]`.
 *
 * Edge cases: one value gives 0 (uncorrected); with `corrected: true` one value is an
 * error (the correction divides by `n - 1 = 0`).
 *
 * @param values - non-negative values, one per customer (never mutated; any order): an
 *   array, a `Float64Array` or {@link ItemColumns} (checked in full, ids included)
 * @param options - see {@link GiniOptions}
 * @returns the Gini coefficient
 * @throws {CustomerValueError} `EMPTY_INPUT` for `[]`; `INVALID_RECORD` for a value that
 *   is not a finite number; `NEGATIVE_VALUE` for a negative value (use {@link whaleCurve});
 *   `ZERO_TOTAL` when every value is 0; `INVALID_OPTION` for a `corrected` that is not a
 *   boolean, or `corrected: true` with a single value; for columns also `DUPLICATE_ID` and
 *   `INVALID_RECORD` for columns that are not arrays of one length
 * @example
 * gini([1, 2, 3, 4]); // => 0.25  (2 * 30 / (4 * 10) - 5 / 4)
 * gini([1, 2, 3, 4], { corrected: true }); // => 0.3333333333333333
 * gini({ ids: ["a", "b", "c", "d"], values: new Float64Array([4, 3, 2, 1]) }); // => 0.25
 */
export function gini(
  values: readonly number[] | Float64Array | ItemColumns,
  options: GiniOptions = {},
): number {
  const fn = "gini";
  assertOptions(options, fn);
  const corrected = options.corrected ?? false;
  if (typeof corrected !== "boolean") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options.corrected must be a boolean, got ${describeValue(corrected)}`,
    );
  }
  const sorted = sortAscending(readValues(values, fn));
  const n = sorted.length;
  if (corrected && n < 2) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: corrected needs at least 2 values (it divides by n - 1), got ${n}`,
    );
  }
  const x = scaledForShares(sorted, sorted[n - 1]!, n * n);
  const total = fsum(x);
  assertPositive(total, fn);
  const spread = new CompensatedSum();
  for (let k = 1; 2 * k <= n; k++) spread.add((n + 1 - 2 * k) * (x[n - k]! - x[k - 1]!));
  return spread.value / ((corrected ? n - 1 : n) * total);
}
