import type { TransactionInput } from "../table/TransactionTable.js";
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
import { CompensatedSums } from "../internal/sum.js";
import type { TransactionColumns } from "../internal/transactions.js";
import { type CustomerPeriods, type PeriodIndexer, purchasePeriods } from "./purchasePeriods.js";

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
 * Growth accounting of a transaction log, one row per calendar period (DOMAIN.md 4):
 * with `A_t` the customers active in period `t`,
 *
 *     retained    = |A_t ∩ A_(t-1)|
 *     new         = customers whose first purchase ever is in t
 *     reactivated = |A_t \ A_(t-1)| - new
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
 * period with any transaction: nobody was active before it, so its `previousActive`,
 * `retained` and `churned` are 0 and its three rates are `null`.
 *
 * Rows run from the period of the first transaction (or `from`) to the period of the
 * last (or `to`), empty periods included. Periods are cut in UTC unless `timeZone` is set.
 * A first or last row whose period the data do not fully cover is marked `partial`: the
 * data are observed from the start of the earliest transaction's day (or of `from`'s day,
 * if earlier) to the end of the latest transaction's day (or of `to`'s day, if later), so
 * a log ending on 9 December marks December partial, and `to: "2011-12-31"` does not.
 * An empty log without both `from` and `to` gives `[]`. Runs in a few passes over typed
 * arrays plus a per-customer sort: millions of rows are fine.
 *
 * @param transactions - the transaction log: records `{ customerId, date, amount }` or a `TransactionTable`
 * @param options - `period`, `from`, `to`, `timeZone`, `activeWindow`
 * @returns one {@link PeriodActivityRow} per period, in time order
 * @throws {CustomerValueError} `INVALID_RECORD` for bad transactions (all listed);
 *   `INVALID_OPTION` for a bad period, time zone, date, window, or `from` after `to`
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
  assertOptions(options, fn);
  const { period = "month", from, to, timeZone, activeWindow = 1 } = options;
  assertPeriod(period, fn);
  if (timeZone !== undefined) assertTimeZone(timeZone, fn);
  assertInteger(activeWindow, `${fn}: activeWindow`, 1);
  const fromInstant = from === undefined ? undefined : toTime(from, `${fn}: from`);
  const toInstant = to === undefined ? undefined : toTime(to, `${fn}: to`);
  const fromIndex = fromInstant === undefined ? undefined : periodIndex(fromInstant, period, timeZone);
  const toIndex = toInstant === undefined ? undefined : periodIndex(toInstant, period, timeZone);

  const data = purchasePeriods(transactions, fn, period, timeZone);
  const lo = fromIndex ?? data.dataLo;
  const hi = toIndex ?? data.dataHi;
  if (lo === undefined || hi === undefined) return [];
  if (lo > hi) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: from must not fall in a later period than to, got ${periodKeyOf(lo, period)} after ${periodKeyOf(hi, period)}`,
    );
  }

  const span = observedSpan(data.columns, timeZone, {
    ...(fromInstant === undefined ? {} : { from: fromInstant }),
    ...(toInstant === undefined ? {} : { to: toInstant }),
  });
  const counts = new ActivityCounts(lo, hi);
  counts.countCustomers(data.purchases, activeWindow);
  const revenue = new CompensatedSums(hi - lo + 2);
  addPeriodRevenue(revenue, data.columns, data.periodOf, lo, hi);
  const { activeDiff, retainedDiff, fresh, reactivated, churned } = counts;

  const rows: PeriodActivityRow[] = [];
  let active = activeDiff[0]!;
  let retained = retainedDiff[0]!;
  for (let p = lo; p <= hi; p++) {
    const s = counts.slot(p);
    const previousActive = active;
    active += activeDiff[s]!;
    retained += retainedDiff[s]!;
    const n = fresh[s]!;
    const r = reactivated[s]!;
    const ch = churned[s]!;
    const rate = (x: number) => (previousActive === 0 ? null : x / previousActive);
    const start = periodStart(p, period, timeZone);
    const end = periodEnd(p, period, timeZone);
    rows.push({
      period: periodKeyOf(p, period),
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      previousActive,
      active,
      new: n,
      retained,
      reactivated: r,
      churned: ch,
      retentionRate: rate(retained),
      churnRate: rate(ch),
      acquisitionRate: rate(n),
      quickRatio: ch === 0 ? null : (n + r) / ch,
      revenue: revenue.value(s),
      partial: start < span.start || end > span.end,
    });
  }
  return rows;
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
  columns: TransactionColumns,
  timeZone: string | undefined,
  bounds: { readonly from?: number; readonly to?: number } = {},
): ObservedSpan {
  let first = bounds.from ?? Number.POSITIVE_INFINITY;
  let last = bounds.to ?? Number.NEGATIVE_INFINITY;
  const { length: n, time } = columns;
  for (let i = 0; i < n; i++) {
    const t = time[i]!;
    if (t < first) first = t;
    if (t > last) last = t;
  }
  if (first > last) return { start: Number.POSITIVE_INFINITY, end: Number.NEGATIVE_INFINITY };
  return {
    start: periodStart(periodIndex(first, "day", timeZone), "day", timeZone),
    end: periodEnd(periodIndex(last, "day", timeZone), "day", timeZone),
  };
}

/**
 * The per-period counts of {@link periodActivity} for periods `lo..hi`; slot s holds
 * period lo - 1 + s (slot 0: the period before the first row). A class with methods, and
 * the row passes functions of their own, rather than closures made per call: optimised
 * code that called a closure was specialised on it and thrown away at the next call
 * (docs/performance.md, "Objects made per call").
 */
class ActivityCounts {
  /** Difference arrays of the active and the retained customers. */
  readonly activeDiff: Float64Array;
  readonly retainedDiff: Float64Array;
  /** Customers whose first, or a later, interval of activity starts in the slot's period. */
  readonly fresh: Float64Array;
  readonly reactivated: Float64Array;
  /** Customers whose interval of activity ended in the slot's previous period. */
  readonly churned: Float64Array;

  constructor(
    private readonly lo: number,
    private readonly hi: number,
  ) {
    const m = hi - lo + 2;
    this.activeDiff = new Float64Array(m + 1);
    this.retainedDiff = new Float64Array(m + 1);
    this.fresh = new Float64Array(m);
    this.reactivated = new Float64Array(m);
    this.churned = new Float64Array(m);
  }

  /**
   * Each customer is active on a union of intervals [a, b] of periods: a purchase in q
   * makes them active in q .. q + activeWindow - 1.
   */
  countCustomers(purchases: CustomerPeriods, activeWindow: number): void {
    const periods = new Int32Array(purchases.maxPeriods);
    for (let c = 0; c < purchases.customers; c++) {
      const k = purchases.read(c, periods);
      if (k === 0) continue;
      let a = periods[0]!;
      let b = a + activeWindow - 1;
      let first = true;
      for (let j = 1; j < k; j++) {
        const q = periods[j]!;
        if (q > b + 1) {
          this.closeInterval(a, b, first);
          first = false;
          a = q;
        }
        b = q + activeWindow - 1;
      }
      this.closeInterval(a, b, first);
    }
  }

  private closeInterval(a: number, b: number, first: boolean): void {
    const { lo, hi } = this;
    this.addRange(this.activeDiff, a, b);
    this.addRange(this.retainedDiff, a + 1, b);
    if (a >= lo && a <= hi) (first ? this.fresh : this.reactivated)[this.slot(a)]!++;
    if (b + 1 >= lo && b + 1 <= hi) this.churned[this.slot(b + 1)]!++;
  }

  private addRange(diff: Float64Array, a: number, b: number): void {
    const x = Math.max(a, this.lo - 1);
    const y = Math.min(b, this.hi);
    if (x > y) return;
    diff[this.slot(x)]!++;
    diff[this.slot(y) + 1]!--;
  }

  /** The slot of period `p`. */
  slot(p: number): number {
    return p - this.lo + 1;
  }

  /** One instance kept alive (see `CompensatedSums.kept` in internal/sum.ts). */
  static readonly kept: ActivityCounts = new ActivityCounts(0, 0);
}

/** Adds every row's amount to the slot (period - lo + 1) of its period, for periods lo..hi. */
function addPeriodRevenue(
  revenue: CompensatedSums,
  columns: TransactionColumns,
  periodOf: PeriodIndexer,
  lo: number,
  hi: number,
): void {
  const { length: n, time, amount } = columns;
  for (let i = 0; i < n; i++) {
    const p = periodOf.index(time[i]!);
    if (p >= lo && p <= hi) revenue.add(p - lo + 1, amount[i]!);
  }
}
