import { readTransactions, type TransactionColumns } from "../engine/columns.js";
import { assertPeriodSpan, cutPeriods, distinctPeriods, type PeriodCut } from "../engine/periods.js";
import { CompensatedSums, finiteSum } from "../engine/sum.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertInteger, assertOptions } from "../internal/assert.js";
import {
  assertPeriod,
  assertTimeZone,
  type DateInput,
  type Period,
  periodEnd,
  periodIndex,
  periodKeyOf,
  periodStart,
  toTime,
} from "../internal/dates.js";
import type { TransactionInput } from "../table/TransactionTable.js";

/** Options of {@link periodActivity}. */
export interface PeriodActivityOptions {
  /** Calendar period of each row: `"day"`, `"week"` (ISO), `"month"`, `"quarter"`, `"year"` (default `"month"`). */
  readonly period?: Period;
  /** First row: the period containing this date (default: the period of the first transaction). */
  readonly from?: DateInput;
  /** Last row: the period containing this date (default: the period of the last transaction). */
  readonly to?: DateInput;
  /** IANA time zone in which periods are cut (default UTC). */
  readonly timeZone?: string;
  /**
   * A customer is active in a period when they made a purchase in it or in the
   * `activeWindow - 1` periods before it (default 1: a purchase in the period itself).
   */
  readonly activeWindow?: number;
}

/** One period of {@link periodActivity}. */
export interface PeriodActivityRow {
  /** Period key: `"2011-03"`, `"2011-Q1"`, `"2011"`, `"2011-W09"`, `"2011-03-04"`. */
  readonly period: string;
  /** The instant the period starts, as an ISO-8601 UTC string (local midnight when `timeZone` is set). */
  readonly start: string;
  /** The instant the period ends, exclusive: the start of the next period, as an ISO-8601 UTC string. */
  readonly end: string;
  /** Customers active in the previous period: the base of the three rates. */
  readonly previousActive: number;
  /** Customers active in this period. */
  readonly active: number;
  /** Customers whose first purchase ever (over the whole input) falls in this period. */
  readonly new: number;
  /** Customers active in this period and in the previous one. */
  readonly retained: number;
  /** Customers active in this period, not in the previous one, and not new. */
  readonly reactivated: number;
  /** Customers active in the previous period and not in this one. */
  readonly churned: number;
  /** `retained / previousActive`; `null` when `previousActive` is 0. */
  readonly retentionRate: number | null;
  /** `churned / previousActive`; `null` when `previousActive` is 0. */
  readonly churnRate: number | null;
  /** `new / previousActive` (may exceed 1); `null` when `previousActive` is 0. */
  readonly acquisitionRate: number | null;
  /** `(new + reactivated) / churned`; `null` when `churned` is 0. */
  readonly quickRatio: number | null;
  /** Sum of every amount dated in the period, returns (negative amounts) included. */
  readonly revenue: number;
  /**
   * `true` when the period is not fully covered by the data: it starts before the first
   * observed day or ends after the last (see {@link observedSpan}); only the first and the
   * last row can be partial. Its counts describe part of a period: compare with care.
   */
  readonly partial: boolean;
}

/**
 * Growth accounting of a transaction log, one row per calendar period. With `A_t` the set
 * of customers active in period `t` and `F_t` those whose first purchase ever is in `t`:
 *
 *     new         = |F_t|
 *     retained    = |A_t ∩ A_(t-1)|
 *     reactivated = |A_t \ A_(t-1) \ F_t|
 *     churned     = |A_(t-1) \ A_t|
 *     retentionRate = retained / |A_(t-1)|,  churnRate = churned / |A_(t-1)|,
 *     acquisitionRate = new / |A_(t-1)|,  quickRatio = (new + reactivated) / churned
 *
 * so that `retained + churned = previousActive` and `retained + new + reactivated = active`
 * in every row. A purchase is a transaction with `amount > 0`; a customer whose only
 * transactions are returns or zero amounts is never active and never new, but their
 * amounts count in `revenue`. "New" looks at the whole input, so with `from` a customer
 * who first bought before `from` is never new, and the first row's `previousActive` is
 * read from the transactions before `from`. Without `from` the first row is the first
 * period with any transaction, so its `previousActive` is 0 and its rates are `null`.
 *
 * Rows run from the period of the first transaction (or `from`) to the period of the
 * last (or `to`), empty periods included, at most 100,000 of them. Periods are
 * cut in UTC unless `timeZone` is set. A first or last row whose period the data do not
 * fully cover is `partial` ({@link observedSpan}). An empty log without both `from` and
 * `to` gives `[]`. Each customer is active on runs of consecutive periods; the counts are
 * the starts and ends of those runs, added up with difference arrays (linear time).
 *
 * @param transactions - the transaction log: records `{ customerId, date, amount }` or a `TransactionTable`
 * @param options - `period`, `from`, `to`, `timeZone`, `activeWindow`
 * @returns one {@link PeriodActivityRow} per period, in time order
 * @throws {CustomerValueError} `INVALID_RECORD` for bad transactions (all listed) or a
 *   revenue beyond ±1.8e308; `INVALID_OPTION` for a bad period, time zone, date or window,
 *   `from` after `to`, or more than 100,000 rows
 * @example
 * const rows = periodActivity([
 *   { customerId: "a", date: "2011-01-05", amount: 10 },
 *   { customerId: "b", date: "2011-01-20", amount: 5 },
 *   { customerId: "a", date: "2011-02-03", amount: 7 },
 * ]);
 * rows[1]; // => { period: "2011-02", start: "2011-02-01T00:00:00.000Z", end: "2011-03-01T00:00:00.000Z", previousActive: 2, active: 1, new: 0, retained: 1, reactivated: 0, churned: 1, retentionRate: 0.5, churnRate: 0.5, acquisitionRate: 0, quickRatio: 0, revenue: 7, partial: true }
 */
export function periodActivity(
  transactions: TransactionInput,
  options: PeriodActivityOptions = {},
): PeriodActivityRow[] {
  const fn = "periodActivity";
  const { period, timeZone, activeWindow, bounds } = resolveActivityOptions(options, fn);
  const log = readTransactions(transactions, fn);
  const cut = cutPeriods(log.time, period, timeZone);
  const range = activityRange(cut, bounds, { period, timeZone, fn });
  if (range === undefined) return [];
  const counts = countActivity(log, cut, range, activeWindow);
  return activityRows(counts, { period, timeZone, span: observedSpan(cut, timeZone, bounds), fn });
}

/** The options of {@link periodActivity}, checked, with `from` and `to` as instants. */
export interface ResolvedActivityOptions {
  readonly period: Period;
  readonly timeZone: string | undefined;
  readonly activeWindow: number;
  readonly bounds: { readonly from: number | undefined; readonly to: number | undefined };
}

/** Checks the options of {@link periodActivity} (or of a function that takes them, `fn`). */
export function resolveActivityOptions(options: PeriodActivityOptions, fn: string): ResolvedActivityOptions {
  assertOptions(options, fn);
  const { period = "month", from, to, timeZone, activeWindow = 1 } = options;
  assertPeriod(period, fn);
  if (timeZone !== undefined) assertTimeZone(timeZone, fn);
  assertInteger(activeWindow, `${fn}: activeWindow`, 1);
  const bounds = {
    from: from === undefined ? undefined : toTime(from, `${fn}: from`),
    to: to === undefined ? undefined : toTime(to, `${fn}: to`),
  };
  return { period, timeZone, activeWindow, bounds };
}

/** The periods `lo .. hi` of the rows. */
export interface ActivityRange {
  readonly lo: number;
  readonly hi: number;
}

/**
 * The periods of the rows: from `from`'s period (else the first of the log, `cut.lo`) to
 * `to`'s (else the last); `undefined` for an empty log without both bounds.
 */
export function activityRange(
  cut: Pick<PeriodCut, "lo" | "hi">,
  bounds: ResolvedActivityOptions["bounds"],
  how: { readonly period: Period; readonly timeZone: string | undefined; readonly fn: string },
): ActivityRange | undefined {
  const { period, timeZone, fn } = how;
  const lo = bounds.from === undefined ? cut.lo : periodIndex(bounds.from, period, timeZone);
  const hi = bounds.to === undefined ? cut.hi : periodIndex(bounds.to, period, timeZone);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return undefined;
  if (lo > hi) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: from must not fall in a later period than to, got ${periodKeyOf(lo, period)} after ${periodKeyOf(hi, period)}`,
    );
  }
  assertPeriodSpan(lo, hi, period, fn);
  return { lo, hi };
}

/**
 * What {@link periodActivity} counts over the periods `lo .. hi`, before its rates. The
 * counts of disjoint sets of customers add up: {@link addActivityCounts}.
 */
export interface ActivityCounts extends ActivityRange {
  /** Slot `p - lo + 1` for period `p`, and slot 0 for `lo - 1`: customers active. */
  readonly active: Int32Array;
  /** Slot `p - lo + 1`: customers new, reactivated, churned in `p`. */
  readonly fresh: Int32Array;
  readonly reactivated: Int32Array;
  readonly churned: Int32Array;
  /** Slot `p - lo`: the sum of the amounts dated in `p`. */
  readonly revenue: CompensatedSums;
}

/** The counts of a log over `range` (its rows cut into periods by `cut`). */
export function countActivity(
  log: Pick<TransactionColumns, "customer" | "customerIds" | "amount">,
  cut: PeriodCut,
  range: ActivityRange,
  activeWindow: number,
): ActivityCounts {
  const purchases = distinctPeriods({
    customer: log.customer,
    customers: log.customerIds.length,
    periodOf: cut.periods,
    keep: log.amount, // purchases: amount > 0
    within: [cut.lo, cut.hi],
  });
  const runs = countRuns(purchases.offsets, purchases.periods, range, activeWindow);
  return { ...range, ...runs, revenue: periodRevenue(log.amount, cut.periods, range) };
}

/** Adds the counts `more` (of other customers, over the same periods) into `into`. */
export function addActivityCounts(into: ActivityCounts, more: ActivityCounts): void {
  for (const key of ["active", "fresh", "reactivated", "churned"] as const) {
    const target = into[key];
    more[key].forEach((x, slot) => {
      target[slot]! += x;
    });
  }
  for (let slot = 0; slot <= into.hi - into.lo; slot++) into.revenue.add(slot, more.revenue.value(slot));
}

/** Counts of no customer over `range`. */
export function noActivity(range: ActivityRange): ActivityCounts {
  return { ...range, ...noRuns(range), revenue: new CompensatedSums(range.hi - range.lo + 1) };
}

/** The four counts of {@link ActivityCounts}, all 0; `active` has one more slot for its differences. */
function noRuns(range: ActivityRange): Pick<ActivityCounts, "active" | "fresh" | "reactivated" | "churned"> {
  const size = range.hi - range.lo + 2;
  return {
    active: new Int32Array(size + 1),
    fresh: new Int32Array(size),
    reactivated: new Int32Array(size),
    churned: new Int32Array(size),
  };
}

/** The rows of {@link periodActivity} from its counts: the keys, the rates, partial periods. */
export function activityRows(
  counts: ActivityCounts,
  how: {
    readonly period: Period;
    readonly timeZone: string | undefined;
    readonly span: ObservedSpan;
    readonly fn: string;
  },
): PeriodActivityRow[] {
  const { period, timeZone, span, fn } = how;
  const { lo, hi, active, fresh, reactivated, churned, revenue } = counts;
  const rows: PeriodActivityRow[] = [];
  for (let p = lo; p <= hi; p++) {
    const s = p - lo + 1;
    const previousActive = active[s - 1]!;
    const retained = active[s]! - fresh[s]! - reactivated[s]!;
    const rate = (x: number) => (previousActive === 0 ? null : x / previousActive);
    const start = periodStart(p, period, timeZone);
    const end = periodEnd(p, period, timeZone);
    rows.push({
      period: periodKeyOf(p, period),
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      previousActive,
      active: active[s]!,
      new: fresh[s]!,
      retained,
      reactivated: reactivated[s]!,
      churned: churned[s]!,
      retentionRate: rate(retained),
      churnRate: rate(churned[s]!),
      acquisitionRate: rate(fresh[s]!),
      quickRatio: churned[s] === 0 ? null : (fresh[s]! + reactivated[s]!) / churned[s]!,
      revenue: finiteSum(revenue.value(p - lo), `${fn}: the revenue of ${periodKeyOf(p, period)}`),
      partial: start < span.start || end > span.end,
    });
  }
  return rows;
}

/**
 * Per period `lo - 1 .. hi` (slot `p - lo + 1`): the customers active, and those whose run
 * of active periods starts there (first run: new; a later one: reactivated) or ended just
 * before (churned). A purchase in q makes its customer active in q .. q + activeWindow - 1,
 * so each customer's purchases make maximal runs [a, b]; `active` adds 1 over each run
 * through a difference array.
 */
function countRuns(
  offsets: Int32Array,
  periods: Int32Array,
  range: ActivityRange,
  activeWindow: number,
): Pick<ActivityCounts, "active" | "fresh" | "reactivated" | "churned"> {
  const { lo, hi } = range;
  const base = lo - 1;
  const size = hi - base + 1;
  const { active, fresh, reactivated, churned } = noRuns(range);
  for (let c = 0; c + 1 < offsets.length; c++) {
    const first = offsets[c]!;
    const end = offsets[c + 1]!;
    if (first === end) continue;
    let a = periods[first]!;
    let b = a + activeWindow - 1;
    for (let k = first + 1; k <= end; k++) {
      const q = k < end ? periods[k]! : b + 2; // past the last purchase: close the last run
      if (q > b + 1) {
        const x = Math.max(a, base);
        const y = Math.min(b, hi);
        if (x <= y) {
          active[x - base]!++;
          active[y - base + 1]!--;
        }
        if (a >= base && a <= hi) (a === periods[first] ? fresh : reactivated)[a - base]!++;
        if (b + 1 >= lo && b + 1 <= hi) churned[b + 1 - base]!++;
        a = q;
      }
      b = q + activeWindow - 1;
    }
  }
  for (let s = 1; s <= size; s++) active[s]! += active[s - 1]!;
  return { active, fresh, reactivated, churned };
}

/** The sum of the amounts of each period `lo .. hi` (slot `p - lo`). */
function periodRevenue(amount: Float64Array, periods: Int32Array, range: ActivityRange): CompensatedSums {
  const { lo, hi } = range;
  const revenue = new CompensatedSums(hi - lo + 1);
  for (let row = 0; row < amount.length; row++) {
    const p = periods[row]!;
    if (p >= lo && p <= hi) revenue.add(p - lo, amount[row]!);
  }
  return revenue;
}

/** The instants a log observes: `[start, end)`, whole days. */
export interface ObservedSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * The span of whole days a log observes, shared by {@link periodActivity} and
 * `cohortRetention`: from the start of the earliest transaction's day to the end of the
 * latest's, in `timeZone` (else UTC), widened to the days of `from` and `to` when given.
 * A period that starts before `start` or ends after `end` is partial. An empty log without
 * `from` and `to` observes nothing (`start` = +Infinity, `end` = -Infinity).
 */
export function observedSpan(
  cut: Pick<PeriodCut, "earliest" | "latest">,
  timeZone: string | undefined,
  bounds: { readonly from?: number | undefined; readonly to?: number | undefined } = {},
): ObservedSpan {
  const first = Math.min(bounds.from ?? Number.POSITIVE_INFINITY, cut.earliest);
  const last = Math.max(bounds.to ?? Number.NEGATIVE_INFINITY, cut.latest);
  if (first > last) return { start: Number.POSITIVE_INFINITY, end: Number.NEGATIVE_INFINITY };
  return {
    start: periodStart(periodIndex(first, "day", timeZone), "day", timeZone),
    end: periodEnd(periodIndex(last, "day", timeZone), "day", timeZone),
  };
}
