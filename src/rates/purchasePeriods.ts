/**
 * Internal to the rates module (not exported from the package): the calendar period of
 * every transaction and, per customer, the sorted distinct periods with a purchase
 * (`amount > 0`), laid out as typed arrays in compressed rows. `periodActivity` and
 * `cohortRetention` both start from it, so both read the log the same way.
 */
import { type Period, periodIndex } from "../internal/dates.js";
import { readTransactions, type TransactionColumns } from "../internal/transactions.js";

/** A customer without any purchase has this as its first and last purchase period. */
export const NO_PURCHASE = -2_147_483_648;

export interface PurchasePeriods {
  readonly columns: TransactionColumns;
  /** Per row: the index of its calendar period (see `periodIndex`). */
  readonly rowPeriod: Int32Array;
  /** Customer `c`'s distinct purchase periods, ascending: `periods[offsets[c] .. offsets[c + 1])`. */
  readonly offsets: Int32Array;
  readonly periods: Int32Array;
  /** Earliest and latest period of any transaction (returns included); `undefined` for an empty log. */
  readonly dataLo: number | undefined;
  readonly dataHi: number | undefined;
}

/**
 * `periodIndex` for many times in a row, memoised: months, quarters and years change only
 * at a day boundary in UTC, and at a quarter hour in any zone in use today, so the index is
 * cached per UTC day (per quarter hour with a `timeZone`). A bucket is cached only when
 * its first and last millisecond fall in the same period, so it never disagrees with
 * `periodIndex`. Days and ISO weeks are plain arithmetic already and are not cached.
 */
export function periodIndexer(period: Period, timeZone: string | undefined): (time: number) => number {
  if (period === "day" || period === "week") return (time) => periodIndex(time, period, timeZone);
  const width = timeZone === undefined ? 86_400_000 : 900_000;
  const cache = new Map<number, number>();
  let lastBucket = Number.NaN;
  let lastIndex = 0;
  return (time) => {
    const bucket = Math.floor(time / width);
    if (bucket === lastBucket) return lastIndex;
    let index = cache.get(bucket);
    if (index === undefined) {
      const first = periodIndex(bucket * width, period, timeZone);
      if (first !== periodIndex(bucket * width + width - 1, period, timeZone)) {
        return periodIndex(time, period, timeZone);
      }
      index = first;
      if (cache.size > 1_000_000) cache.clear();
      cache.set(bucket, index);
    }
    lastBucket = bucket;
    lastIndex = index;
    return index;
  };
}

/**
 * Reads and checks the log (`readTransactions`), cuts it into periods and groups the
 * purchase periods by customer. O(n) passes plus a sort of each customer's own periods
 * (skipped when they are already in order, as in a log sorted by date).
 */
export function purchasePeriods(
  transactions: unknown,
  fnName: string,
  period: Period,
  timeZone: string | undefined,
): PurchasePeriods {
  const columns = readTransactions(transactions, fnName);
  const { length: n, customer, time, amount } = columns;
  const customers = columns.customerIds.length;
  const rowPeriod = new Int32Array(n);
  const counts = new Int32Array(customers + 1);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const indexOf = periodIndexer(period, timeZone);
  for (let i = 0; i < n; i++) {
    const p = indexOf(time[i]!);
    rowPeriod[i] = p;
    if (p < lo) lo = p;
    if (p > hi) hi = p;
    if (amount[i]! > 0) counts[customer[i]! + 1]!++;
  }
  // Counting sort of purchase rows by customer.
  const start = new Int32Array(customers + 1);
  for (let c = 0; c < customers; c++) start[c + 1] = start[c]! + counts[c + 1]!;
  const fill = start.slice(0, customers);
  const all = new Int32Array(start[customers]!);
  for (let i = 0; i < n; i++) {
    if (amount[i]! > 0) all[fill[customer[i]!]!++] = rowPeriod[i]!;
  }
  // Sort each customer's periods and keep the distinct ones, compacting in place.
  const offsets = new Int32Array(customers + 1);
  let out = 0;
  for (let c = 0; c < customers; c++) {
    const a = start[c]!;
    const b = start[c + 1]!;
    let sorted = true;
    for (let j = a + 1; j < b; j++) {
      if (all[j]! < all[j - 1]!) {
        sorted = false;
        break;
      }
    }
    if (!sorted) all.subarray(a, b).sort();
    offsets[c] = out;
    for (let j = a; j < b; j++) {
      if (j === a || all[j] !== all[j - 1]) all[out++] = all[j]!;
    }
  }
  offsets[customers] = out;
  return {
    columns,
    rowPeriod,
    offsets,
    periods: all.subarray(0, out),
    dataLo: n === 0 ? undefined : lo,
    dataHi: n === 0 ? undefined : hi,
  };
}
