import {
  assertPeriod,
  assertTimeZone,
  type DateInput,
  type Period,
  periodKey as keyOf,
  toTime,
} from "../internal/dates.js";
import { assertOptions } from "../internal/assert.js";

/** Options of {@link periodKey}. */
export interface PeriodKeyOptions {
  /** IANA time zone in which the calendar period is cut (default: UTC). */
  readonly timeZone?: string;
}

/**
 * The key of the calendar period that contains a date — the keys every period-based
 * result of the library uses: `"2011-03-04"` (day), `"2011-W09"` (ISO week, in its ISO
 * week-year), `"2011-03"` (month), `"2011-Q1"` (quarter), `"2011"` (year).
 *
 * Periods are cut in UTC unless `timeZone` is given; a string without a zone is UTC.
 *
 * @param date - a `Date` or an ISO-8601 string
 * @param period - `"day"`, `"week"`, `"month"`, `"quarter"` or `"year"`
 * @param options - `timeZone`
 * @returns the period key
 * @throws {CustomerValueError} `INVALID_OPTION` for an invalid date, period or time zone
 * @example
 * periodKey("2011-01-01T00:30:00+08:00", "month"); // => "2010-12"
 * periodKey("2011-01-01T00:30:00+08:00", "month", { timeZone: "Asia/Shanghai" }); // => "2011-01"
 * periodKey("2021-01-03", "week"); // => "2020-W53"
 */
export function periodKey(date: DateInput, period: Period, options: PeriodKeyOptions = {}): string {
  const fn = "periodKey";
  assertOptions(options, fn);
  assertPeriod(period, fn);
  const { timeZone } = options;
  if (timeZone !== undefined) assertTimeZone(timeZone, fn);
  return keyOf(toTime(date, `${fn}: date`), period, timeZone);
}
