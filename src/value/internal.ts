/**
 * What the per-customer summaries of this module share (not exported from the package):
 * their options, a transaction log read into columns with each row's calendar day, and
 * the purchase periods of `lifetimes`, built row by row in day order.
 */
import { readTransactions, type TransactionColumns } from "../engine/columns.js";
import { groupRows } from "../engine/group.js";
import { rowPeriods } from "../engine/periods.js";
import { CompensatedSums } from "../engine/sum.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertOneOf, assertOptions } from "../internal/assert.js";
import { assertTimeZone, type DateInput, describeValue, periodIndex, toTime } from "../internal/dates.js";

/** How purchases are merged into purchase periods: one per calendar day or per ISO week. */
export type RfmAggregate = "day" | "week";
/** The unit `recency`, `T` and durations are measured in: days, or weeks = days / 7. */
export type RfmUnit = "day" | "week";

export const RFM_AGGREGATES: readonly RfmAggregate[] = ["day", "week"];
export const RFM_UNITS: readonly RfmUnit[] = ["day", "week"];

/** The options shared by `rfmSummary` and `calibrationAndHoldout`, resolved. */
export interface ResolvedSummaryOptions {
  readonly aggregate: RfmAggregate;
  readonly unit: RfmUnit;
  readonly timeZone: string | undefined;
}

/** Checks and resolves `aggregate`, `unit` (default: the aggregate) and `timeZone`. */
export function resolveSummaryOptions(
  options: { readonly aggregate?: unknown; readonly unit?: unknown; readonly timeZone?: unknown },
  fn: string,
): ResolvedSummaryOptions {
  assertOptions(options, fn);
  const aggregate = options.aggregate ?? "day";
  assertOneOf(aggregate, RFM_AGGREGATES, `${fn}: aggregate`);
  const unit = options.unit ?? aggregate;
  assertOneOf(unit, RFM_UNITS, `${fn}: unit`);
  const timeZone = options.timeZone;
  if (timeZone !== undefined) assertTimeZone(timeZone, fn);
  return { aggregate, unit, timeZone: timeZone as string | undefined };
}

/** The calendar day (index, in UTC or the zone) of a date option. */
export function dayOfOption(value: DateInput, where: string, timeZone: string | undefined): number {
  return periodIndex(toTime(value, where), "day", timeZone);
}

/** The ISO week index of a day index (1970-01-01 was a Thursday: weeks start 3 days earlier). */
export const weekOfDay = (day: number): number => Math.floor((day + 3) / 7);

/** The purchase period (day or ISO week index) of a day index. */
export const periodOfDay = (day: number, aggregate: RfmAggregate): number =>
  aggregate === "day" ? day : weekOfDay(day);

/** A number of periods in the unit: weeks x 7 = days, days / 7 = weeks. */
export function periodsToUnit(periods: number, aggregate: RfmAggregate, unit: RfmUnit): number {
  if (aggregate === unit) return periods + 0;
  return (aggregate === "week" ? periods * 7 : periods / 7) + 0;
}

/** A transaction log as the summaries read it: its columns, and an order of its rows by day. */
export interface DailyLog {
  readonly log: TransactionColumns;
  /** Each row's calendar day (UTC or the time zone). */
  readonly day: Int32Array;
  /** The last day that counts: the given end, else the log's last day (`-Infinity` when it is empty). */
  readonly endDay: number;
  /**
   * An order of the rows that visits each customer's rows in day order, one day's in log
   * order; `undefined` when the log's own order does.
   */
  readonly dayOrder: Int32Array | undefined;
}

/**
 * Reads and checks a log (records or a `TransactionTable`), with each row's calendar day
 * (UTC or `timeZone`) and an order that visits each customer's rows day by day. A log
 * sorted by time (or by customer and time) is in that order already; any other is sorted
 * by day, stably, by counting.
 */
export function readDailyLog(
  transactions: unknown,
  fn: string,
  options: { readonly timeZone: string | undefined; readonly endDay?: number | undefined },
): DailyLog {
  const log = readTransactions(transactions, fn);
  const day = rowPeriods(log.time, "day", options.timeZone);
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < day.length; i++) {
    firstDay = Math.min(firstDay, day[i]!);
    lastDay = Math.max(lastDay, day[i]!);
  }
  let dayOrder: Int32Array | undefined;
  if (!inDayOrder(log, day))
    dayOrder = groupRows(
      day.map((d) => d - firstDay),
      lastDay - firstDay + 1,
    ).rows;
  return { log, day, endDay: options.endDay ?? lastDay, dayOrder };
}

/** Whether each customer's rows come in day order in the log. */
function inDayOrder(log: TransactionColumns, day: Int32Array): boolean {
  const lastDay = new Int32Array(log.customerIds.length).fill(-(2 ** 31));
  for (let i = 0; i < log.length; i++) {
    const c = log.customer[i]!;
    if (day[i]! < lastDay[c]!) return false;
    lastDay[c] = day[i]!;
  }
  return true;
}

/** A window of days, both ends inclusive, and what counts as one purchase period. */
export interface PeriodWindow {
  readonly fromDay: number;
  readonly toDay: number;
  readonly aggregate: RfmAggregate;
}

/**
 * Each customer's purchase periods within a window of days, indexed by the log's
 * customer index (`periods` 0: no row in the window).
 */
export interface PurchasePeriods {
  /** Number of distinct purchase periods. */
  readonly periods: Int32Array;
  /** The first and the last purchase period. */
  readonly firstPeriod: Int32Array;
  readonly lastPeriod: Int32Array;
  /** Sum of the amounts of every row after the first purchase period. */
  readonly repeatValue: CompensatedSums;
}

/**
 * Every customer's purchase periods in `window`, as `lifetimes` counts them: the rows of
 * one day (or ISO week) are one purchase, and every row counts whatever its amount. The
 * rows are visited in each customer's day order, so a new period is one unlike the last.
 *
 * @example
 * // customer 0's rows on days 3, 3, 5 with amounts 10, 5, 20, window all days:
 * // => periods [2], firstPeriod [3], lastPeriod [5], repeatValue 20
 */
export function purchasePeriods(daily: DailyLog, window: PeriodWindow): PurchasePeriods {
  const { fromDay, toDay, aggregate } = window;
  const { log, day, dayOrder } = daily;
  const n = log.customerIds.length;
  const periods = new Int32Array(n);
  const firstPeriod = new Int32Array(n);
  const lastPeriod = new Int32Array(n);
  const repeatValue = new CompensatedSums(n);
  for (let k = 0; k < log.length; k++) {
    const row = dayOrder === undefined ? k : dayOrder[k]!;
    const d = day[row]!;
    if (d < fromDay || d > toDay) continue;
    const c = log.customer[row]!;
    const period = periodOfDay(d, aggregate);
    if (periods[c] === 0) {
      periods[c] = 1;
      firstPeriod[c] = period;
      lastPeriod[c] = period;
    } else if (period !== firstPeriod[c]) {
      repeatValue.add(c, log.amount[row]!);
      if (period !== lastPeriod[c]) periods[c]!++;
      lastPeriod[c] = period;
    }
  }
  return { periods, firstPeriod, lastPeriod, repeatValue };
}

/**
 * Throws `INVALID_RECORD` when a customer's total is not finite: its amounts add up beyond
 * the largest double (±1.8e308), so no result could hold it.
 */
export function assertFiniteTotal(total: number, fn: string, customerId: string): void {
  if (Number.isFinite(total)) return;
  throw new CustomerValueError(
    "INVALID_RECORD",
    `${fn}: the amounts of customer ${describeValue(customerId)} add up to ${total}, beyond the largest representable number (about 1.8e308); check the scale of the amounts`,
  );
}
