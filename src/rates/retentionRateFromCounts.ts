import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertFinite } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";

/** Customer counts of one period, for {@link retentionRateFromCounts}. */
export interface RetentionCounts {
  /** `S`: customers at the start of the period. */
  readonly start: number;
  /** `E`: customers at the end of the period. */
  readonly end: number;
  /** `N`: customers acquired during the period (included in `end`). */
  readonly acquired: number;
}

/** Throws unless `value` is a whole number >= 0 (`NEGATIVE_VALUE` for a negative one). */
export function assertCount(value: unknown, where: string): asserts value is number {
  assertFinite(value, where);
  if (value < 0) {
    throw new CustomerValueError("NEGATIVE_VALUE", `${where} must be >= 0, got ${describeValue(value)}`);
  }
  if (!Number.isInteger(value)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${where} must be a whole number of customers, got ${describeValue(value)}`,
    );
  }
}

/**
 * The customer retention rate from counts alone, for when only the
 * numbers of customers are known:
 *
 *     retentionRate = (E - N) / S
 *
 * `E - N` is the number of start customers still there at the end, so it must lie in
 * `[0, S]`: `N > E` or `E - N > S` is a contradiction in the counts and an error.
 * `S = 0` has no base: the result is `null`.
 *
 * @param counts - `{ start: S, end: E, acquired: N }`, whole numbers >= 0
 * @returns `(E - N) / S` in [0, 1], or `null` when `S = 0`
 * @throws {CustomerValueError} `NEGATIVE_VALUE` for a negative count; `INVALID_OPTION` for a
 *   count that is not a whole number, or counts that contradict each other
 * @example
 * retentionRateFromCounts({ start: 200, end: 230, acquired: 50 }); // => 0.9
 */
export function retentionRateFromCounts(counts: RetentionCounts): number | null {
  const fn = "retentionRateFromCounts";
  if (typeof counts !== "object" || counts === null) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: expected { start, end, acquired }, got ${describeValue(counts)}`,
    );
  }
  const { start, end, acquired } = counts;
  assertCount(start, `${fn}: start`);
  assertCount(end, `${fn}: end`);
  assertCount(acquired, `${fn}: acquired`);
  const retained = end - acquired;
  if (retained < 0 || retained > start) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: end - acquired (the start customers kept) must be in [0, start], got ${end} - ${acquired} = ${retained} with start ${start}`,
    );
  }
  return start === 0 ? null : retained / start;
}
