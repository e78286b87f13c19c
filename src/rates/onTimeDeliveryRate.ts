import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { assertArray, assertOneOf, assertOptions } from "../internal/assert.js";
import {
  assertTimeZone,
  type DateInput,
  describeValue,
  parseDateInput,
  periodIndex,
} from "../internal/dates.js";

/** One delivery: when it was promised and when it arrived. */
export interface Delivery {
  readonly promisedAt: DateInput;
  readonly deliveredAt: DateInput;
}

/** Options of {@link onTimeDeliveryRate}. */
export interface OnTimeDeliveryRateOptions {
  /**
   * `"day"` (default): on time when delivered on or before the promised calendar *date*
   * (a delivery at 17:00 on the promised day is on time); `"instant"`: on or before the
   * promised instant itself.
   */
  readonly compare?: "day" | "instant";
  /** IANA time zone of the calendar dates for `compare: "day"` (default UTC). */
  readonly timeZone?: string;
}

/**
 * The on-time delivery rate (balanced scorecard):
 *
 *     onTimeDeliveryRate = deliveries on or before the promised date / deliveries
 *
 * By default dates are compared as calendar days in UTC (or `timeZone`), as "the promised
 * date" reads; `compare: "instant"` compares the exact times. No deliveries: `null`.
 *
 * @param deliveries - `[{ promisedAt, deliveredAt }]`, each a `Date` or ISO-8601 string
 * @param options - `compare`, `timeZone`
 * @returns the on-time share in [0, 1], or `null` for an empty list
 * @throws {CustomerValueError} `INVALID_RECORD` listing every delivery with a bad date;
 *   `INVALID_OPTION` for a bad option
 * @example
 * onTimeDeliveryRate([
 *   { promisedAt: "2024-03-05", deliveredAt: "2024-03-05T17:00:00Z" }, // on the day: on time
 *   { promisedAt: "2024-03-05", deliveredAt: "2024-03-04" },
 *   { promisedAt: "2024-03-05", deliveredAt: "2024-03-06" },
 *   { promisedAt: "2024-03-05", deliveredAt: "2024-03-07" },
 * ]); // => 0.5
 */
export function onTimeDeliveryRate(
  deliveries: readonly Delivery[],
  options: OnTimeDeliveryRateOptions = {},
): number | null {
  const fn = "onTimeDeliveryRate";
  assertOptions(options, fn);
  const { compare = "day", timeZone } = options;
  assertOneOf(compare, ["day", "instant"], `${fn}: compare`);
  if (timeZone !== undefined) assertTimeZone(timeZone, fn);
  assertArray(deliveries, `${fn}: deliveries`);
  const issues: ValidationIssue[] = [];
  let onTime = 0;
  deliveries.forEach((delivery, i) => {
    const promised = parseDateInput(delivery?.promisedAt);
    const delivered = parseDateInput(delivery?.deliveredAt);
    if (promised === undefined || delivered === undefined) {
      for (const [key, t] of [
        ["promisedAt", promised],
        ["deliveredAt", delivered],
      ] as const) {
        if (t === undefined) {
          const value = (delivery as unknown as Record<string, unknown> | undefined)?.[key];
          issues.push({
            path: `[${i}].${key}`,
            message: `expected a Date or ISO-8601 date string, got ${describeValue(value)}`,
          });
        }
      }
      return;
    }
    const ok =
      compare === "instant"
        ? delivered <= promised
        : periodIndex(delivered, "day", timeZone) <= periodIndex(promised, "day", timeZone);
    if (ok) onTime++;
  });
  if (issues.length > 0) {
    throw new CustomerValueError("INVALID_RECORD", `${fn}: ${issues.length} invalid date(s) in deliveries`, {
      issues,
    });
  }
  return deliveries.length === 0 ? null : onTime / deliveries.length;
}
