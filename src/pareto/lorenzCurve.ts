import { sortAscending } from "../engine/rank.js";
import { CompensatedSum, fsum } from "../engine/sum.js";
import { assertPositive, readValues, scaledForShares } from "./internal.js";
import type { ItemColumns } from "./itemColumns.js";

/** One point of a {@link lorenzCurve}. */
export interface LorenzPoint {
  /** `k / n`: the share of customers, the `k` smallest first. */
  readonly customerShare: number;
  /** The share of the total value held by those `k` smallest customers. */
  readonly valueShare: number;
}

/**
 * The Lorenz curve of customer values: the points `(k / n, (x_(1) + … + x_(k)) / sum x)`
 * for `k = 0..n`, values sorted ascending, so the curve starts at `(0, 0)`, ends exactly
 * at `(1, 1)`, is non-decreasing in both coordinates and lies on or below the diagonal.
 * This is `ineq::Lc` (R) without the generalised curve. Cumulative sums are compensated,
 * and each share is clamped to [previous share, 1] so that rounding never makes the
 * curve dip. Only shares are returned, so values whose total passes the largest double
 * are scaled by a power of two (which leaves every share as it is).
 *
 * Edge cases: one value gives `[(0, 0), (1, 1)]`; equal values give the diagonal.
 *
 * @param values - non-negative values, one per customer (never mutated; any order): an
 *   array, a `Float64Array` or {@link ItemColumns} (checked in full, ids included)
 * @returns `n + 1` points from `(0, 0)` to `(1, 1)`
 * @throws {CustomerValueError} `EMPTY_INPUT` for `[]`; `INVALID_RECORD` for a value that
 *   is not a finite number (NaN, Infinity, a string); `NEGATIVE_VALUE` for a negative
 *   value (use {@link whaleCurve} for profit); `ZERO_TOTAL` when every value is 0; for
 *   columns also `DUPLICATE_ID` and `INVALID_RECORD` for columns that are not arrays of one length
 * @example
 * lorenzCurve([3, 1]);
 * // => [{ customerShare: 0, valueShare: 0 }, { customerShare: 0.5, valueShare: 0.25 },
 * //     { customerShare: 1, valueShare: 1 }]
 */
export function lorenzCurve(values: readonly number[] | Float64Array | ItemColumns): LorenzPoint[] {
  const fn = "lorenzCurve";
  const sorted = sortAscending(readValues(values, fn));
  const n = sorted.length;
  const x = scaledForShares(sorted, sorted[n - 1]!, n);
  const total = fsum(x);
  assertPositive(total, fn);
  const points: LorenzPoint[] = new Array(n + 1);
  points[0] = { customerShare: 0, valueShare: 0 };
  const cumulative = new CompensatedSum();
  let previous = 0;
  for (let k = 1; k <= n; k++) {
    cumulative.add(x[k - 1]!);
    const share = k === n ? 1 : Math.min(1, Math.max(previous, cumulative.value / total));
    points[k] = { customerShare: k / n, valueShare: share };
    previous = share;
  }
  return points;
}
