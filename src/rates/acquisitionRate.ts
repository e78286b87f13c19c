import { assertCount } from "./retentionRateFromCounts.js";

/** Counts of one period, for {@link acquisitionRate}. */
export interface AcquisitionCounts {
  /** New customers won in the period. */
  readonly acquired: number;
  /**
   * The base the gain is measured against (the analyst's choice, see docs/rates.md): the
   * customers at the start of the period (the usual choice, and what `periodActivity`
   * uses), at its end, or the prospects reached.
   */
  readonly base: number;
}

/**
 * The customer acquisition rate (the balanced scorecard's "new-customer gain rate"):
 *
 *     acquisitionRate = acquired / base
 *
 * Unlike retention and churn this is not a share of the base: a growing business can
 * win more new customers than it had at the start, so the rate may exceed 1. A base
 * of 0 gives `null`.
 *
 * @param counts - `{ acquired, base }`, whole numbers >= 0
 * @returns `acquired / base` (>= 0, may exceed 1), or `null` when `base = 0`
 * @throws {CustomerValueError} `NEGATIVE_VALUE` for a negative count; `INVALID_OPTION` for a
 *   count that is not a whole number
 * @example
 * acquisitionRate({ acquired: 30, base: 200 }); // => 0.15
 */
export function acquisitionRate(counts: AcquisitionCounts): number | null {
  const fn = "acquisitionRate";
  const { acquired, base } = counts ?? ({} as AcquisitionCounts);
  assertCount(acquired, `${fn}: acquired`);
  assertCount(base, `${fn}: base`);
  return base === 0 ? null : acquired / base;
}
