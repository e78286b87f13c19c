/**
 * Shared machinery of the value module (not exported from the package): the
 * `lifetimes`-style purchase-period summary used by `rfmSummary` and
 * `calibrationAndHoldout`, and the option checks they share.
 */
import { assertOneOf, assertOptions } from "../internal/assert.js";
import { assertTimeZone, type DateInput, periodIndex, toTime } from "../internal/dates.js";
import { readTransactions, type TransactionColumns } from "../internal/transactions.js";
import { isTransactionTable, type TransactionInput } from "../table/TransactionTable.js";

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

/** The day index of every row (UTC or the zone), and the last one (`-Infinity` when empty). */
export function rowDays(columns: TransactionColumns, timeZone: string | undefined) {
  const days = new Float64Array(columns.length);
  let lastDay = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < columns.length; i++) {
    const day = periodIndex(columns.time[i]!, "day", timeZone);
    days[i] = day;
    if (day > lastDay) lastDay = day;
  }
  return { days, lastDay };
}

/** ISO week index of a day index (the same numbering as `periodIndex(…, "week")`). */
export const weekOfDay = (day: number): number => Math.floor((day + 3) / 7);

/** The period index (day or ISO week) of a day index. */
export const periodOfDay = (day: number, aggregate: RfmAggregate): number =>
  aggregate === "day" ? day : weekOfDay(day);

/** Converts a number of aggregate periods into the unit: weeks x 7 = days, days / 7 = weeks. */
export function periodsToUnit(periods: number, aggregate: RfmAggregate, unit: RfmUnit): number {
  if (aggregate === unit) return periods + 0;
  return (aggregate === "week" ? periods * 7 : periods / 7) + 0;
}

/** One customer's purchase periods up to the end of a window. */
export interface PeriodSummary {
  readonly customer: number;
  /** Number of distinct purchase periods. */
  readonly periods: number;
  /** Period index of the first and the last purchase period. */
  readonly firstPeriod: number;
  readonly lastPeriod: number;
  /** Sum of the amounts of every row after the first purchase period. */
  readonly repeatTotal: number;
  /** Number of rows after the first purchase period. */
  readonly repeatRows: number;
  /** Sum of the amounts of every row in the window, and their number. */
  readonly total: number;
  readonly rows: number;
}

/** Largest period range sorted by counting; wider ranges (centuries of days) fall back to comparison sorts. */
const MAX_COUNTING_SPAN = 1 << 22;

/**
 * Groups the rows whose day lies in `[fromDay, toDay]` into purchase periods per
 * customer. Rows are ordered by period and then (stably) by customer with two
 * counting sorts, so the work is linear in the number of rows; totals use
 * compensated (Neumaier) summation. Customers without a row in the window are left
 * out. The result is in customer-index order; {@link byCustomerId} reorders.
 */
export function summarisePeriods(
  columns: TransactionColumns,
  days: Float64Array,
  fromDay: number,
  toDay: number,
  aggregate: RfmAggregate,
): PeriodSummary[] {
  const customerCount = columns.customerIds.length;
  const period = new Float64Array(columns.length);
  const starts = new Int32Array(customerCount + 1);
  let included = 0;
  let minPeriod = Number.POSITIVE_INFINITY;
  let maxPeriod = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < columns.length; i++) {
    const day = days[i]!;
    if (day < fromDay || day > toDay) continue;
    const p = periodOfDay(day, aggregate);
    period[i] = p;
    if (p < minPeriod) minPeriod = p;
    if (p > maxPeriod) maxPeriod = p;
    starts[columns.customer[i]! + 1]!++;
    included++;
  }
  if (included === 0) return [];
  for (let c = 0; c < customerCount; c++) starts[c + 1]! += starts[c]!;

  // Rows in period order (counting sort), then stably grouped by customer.
  const byPeriod = new Int32Array(included);
  const span = maxPeriod - minPeriod + 1;
  if (span <= MAX_COUNTING_SPAN) {
    const counts = new Int32Array(span + 1);
    for (let i = 0; i < columns.length; i++) {
      const day = days[i]!;
      if (day >= fromDay && day <= toDay) counts[period[i]! - minPeriod + 1]!++;
    }
    for (let k = 0; k < span; k++) counts[k + 1]! += counts[k]!;
    for (let i = 0; i < columns.length; i++) {
      const day = days[i]!;
      if (day >= fromDay && day <= toDay) byPeriod[counts[period[i]! - minPeriod]!++] = i;
    }
  } else {
    let k = 0;
    for (let i = 0; i < columns.length; i++) {
      const day = days[i]!;
      if (day >= fromDay && day <= toDay) byPeriod[k++] = i;
    }
    byPeriod.sort((a, b) => period[a]! - period[b]! || a - b);
  }
  const order = new Int32Array(included);
  const next = starts.slice(0, customerCount);
  for (let k = 0; k < included; k++) {
    const row = byPeriod[k]!;
    order[next[columns.customer[row]!]!++] = row;
  }

  const out: PeriodSummary[] = [];
  for (let c = 0; c < customerCount; c++) {
    const from = starts[c]!;
    const to = starts[c + 1]!;
    if (from === to) continue;
    const firstPeriod = period[order[from]!]!;
    let lastPeriod = firstPeriod;
    let periods = 1;
    let repeatRows = 0;
    // Neumaier sums of every row and of the rows after the first period.
    let total = 0;
    let totalCorrection = 0;
    let repeat = 0;
    let repeatCorrection = 0;
    for (let k = from; k < to; k++) {
      const row = order[k]!;
      const x = columns.amount[row]!;
      let t = total + x;
      totalCorrection += Math.abs(total) >= Math.abs(x) ? total - t + x : x - t + total;
      total = t;
      const p = period[row]!;
      if (p === firstPeriod) continue;
      if (p !== lastPeriod) {
        periods++;
        lastPeriod = p;
      }
      repeatRows++;
      t = repeat + x;
      repeatCorrection += Math.abs(repeat) >= Math.abs(x) ? repeat - t + x : x - t + repeat;
      repeat = t;
    }
    out.push({
      customer: c,
      periods,
      firstPeriod,
      lastPeriod,
      repeatTotal: repeat + repeatCorrection + 0,
      repeatRows,
      total: total + totalCorrection + 0,
      rows: to - from,
    });
  }
  return out;
}

/**
 * Sorts rows (one per customer, ids unique) by customer id in plain string order, as
 * `lifetimes` indexes its summary. The ids go through the native comparator-free sort,
 * which orders strings by UTF-16 code units exactly as `compareIds` does, but faster.
 */
export function byCustomerId<R extends { readonly customerId: string }>(rows: readonly R[]): R[] {
  const ids = rows.map((r) => r.customerId).sort();
  const position = new Map<string, number>();
  for (let k = 0; k < ids.length; k++) position.set(ids[k]!, k);
  const out = new Array<R>(rows.length);
  for (const row of rows) out[position.get(row.customerId)!] = row;
  return out;
}

/** The columns of a transaction log given as records (validated here) or as a `TransactionTable`. */
export function readLog(transactions: TransactionInput, fn: string): TransactionColumns {
  return isTransactionTable(transactions) ? transactions : readTransactions(transactions, fn);
}
