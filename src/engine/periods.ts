/**
 * Calendar periods of many rows at once, and each customer's distinct periods: what
 * growth accounting, cohorts and purchase-day summaries group by.
 */
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { type Period, periodIndex, periodKeyOf } from "../internal/dates.js";
import { groupRows } from "./group.js";

/**
 * The most calendar periods any period-based result may span (274 years of days, more than
 * a month-by-month history can hold): the one limit shared by every function that returns
 * a row or a column per period, so that a mistyped year fails at once instead of filling
 * memory.
 */
export const MAX_PERIODS = 100_000;

/**
 * Throws `INVALID_OPTION` when periods `lo .. hi` are more than {@link MAX_PERIODS}, naming
 * the first and last period and what to try.
 */
export function assertPeriodSpan(lo: number, hi: number, period: Period, fn: string): void {
  if (hi - lo + 1 <= MAX_PERIODS) return;
  throw new CustomerValueError(
    "INVALID_OPTION",
    `${fn}: the dates span ${hi - lo + 1} ${period}s, from ${periodKeyOf(lo, period)} to ${periodKeyOf(hi, period)}, more than the ${MAX_PERIODS} periods a result may hold; check the dates for a mistyped year, choose a longer period, or narrow the range (from / to)`,
  );
}

const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 900_000;

/**
 * `periodIndex(time, period, timeZone)` for many times, memoised: a month, quarter or year
 * changes only at a day boundary in UTC (and on a quarter hour in every zone in use), so
 * its index is computed once per such bucket — and only kept when the bucket's first and
 * last instant share a period. Days and ISO weeks are plain arithmetic and not cached.
 */
export function periodIndexer(period: Period, timeZone: string | undefined): (time: number) => number {
  if (period === "day" || period === "week") return (time) => periodIndex(time, period, timeZone);
  const width = timeZone === undefined ? DAY_MS : QUARTER_HOUR_MS;
  const cache = new Map<number, number>();
  let lastBucket = Number.NaN;
  let lastIndex = 0;
  return (time) => {
    const bucket = Math.floor(time / width);
    if (bucket === lastBucket) return lastIndex;
    let index = cache.get(bucket);
    if (index === undefined) {
      index = periodIndex(bucket * width, period, timeZone);
      if (index !== periodIndex(bucket * width + width - 1, period, timeZone)) {
        return periodIndex(time, period, timeZone); // a bucket cut by a period boundary
      }
      cache.set(bucket, index);
    }
    lastBucket = bucket;
    lastIndex = index;
    return index;
  };
}

/** The period index of every time in `time`. */
export function rowPeriods(time: Float64Array, period: Period, timeZone: string | undefined): Int32Array {
  const indexOf = periodIndexer(period, timeZone);
  const out = new Int32Array(time.length);
  for (let i = 0; i < time.length; i++) out[i] = indexOf(time[i]!);
  return out;
}

/** Each customer's distinct periods, ascending: customer `c`'s are `periods[offsets[c] .. offsets[c + 1])`. */
export interface CustomerPeriods {
  readonly customers: number;
  readonly offsets: Int32Array;
  readonly periods: Int32Array;
}

/** The rows {@link distinctPeriods} reads. */
export interface PeriodRows {
  /** Each row's customer, in `0 .. customers - 1`. */
  readonly customer: Int32Array;
  readonly customers: number;
  /** The period index of a row. */
  readonly periodOf: (row: number) => number;
  /** Count only the rows for which this is true (default: every row). */
  readonly keep?: ((row: number) => boolean) | undefined;
}

/** Spans of at most this many periods are marked in a bit set per customer, wider ones grouped. */
const MAX_BITSET_SPAN = 256;

/**
 * The distinct periods in which each customer has a kept row. Over a span of at most 256
 * periods (21 years of months) each customer's periods are marked in a bit set, one write
 * per row and no sort; over a wider span the kept rows are grouped by customer in period
 * order ({@link groupRows}) and repeats dropped.
 *
 * @example
 * const p = distinctPeriods({ customer: new Int32Array([0, 1, 0]), customers: 2, periodOf: (i) => [5, 3, 5][i]! });
 * Array.from(p.periods); // => [5, 3]
 */
export function distinctPeriods(rows: PeriodRows): CustomerPeriods {
  const { customer, periodOf, keep } = rows;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < customer.length; i++) {
    if (keep !== undefined && !keep(i)) continue;
    const p = periodOf(i);
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
  if (lo > hi)
    return {
      customers: rows.customers,
      offsets: new Int32Array(rows.customers + 1),
      periods: new Int32Array(0),
    };
  return hi - lo < MAX_BITSET_SPAN ? periodsByBitSets(rows, lo, hi) : periodsByGrouping(rows);
}

function periodsByBitSets(
  { customer, customers, periodOf, keep }: PeriodRows,
  lo: number,
  hi: number,
): CustomerPeriods {
  const words = ((hi - lo) >>> 5) + 1;
  const bits = new Int32Array(customers * words);
  for (let i = 0; i < customer.length; i++) {
    if (keep !== undefined && !keep(i)) continue;
    const d = periodOf(i) - lo;
    bits[customer[i]! * words + (d >>> 5)]! |= 1 << (d & 31);
  }
  let count = 0;
  for (let w = 0; w < bits.length; w++) {
    for (let word = bits[w]!; word !== 0; word &= word - 1) count++;
  }
  const offsets = new Int32Array(customers + 1);
  const periods = new Int32Array(count);
  let out = 0;
  for (let c = 0; c < customers; c++) {
    offsets[c] = out;
    for (let w = 0; w < words; w++) {
      for (let word = bits[c * words + w]!; word !== 0; word &= word - 1) {
        periods[out++] = lo + 32 * w + (31 - Math.clz32(word & -word));
      }
    }
  }
  offsets[customers] = out;
  return { customers, offsets, periods };
}

function periodsByGrouping({ customer, customers, periodOf, keep }: PeriodRows): CustomerPeriods {
  const period = new Int32Array(customer.length);
  for (let i = 0; i < customer.length; i++) if (keep === undefined || keep(i)) period[i] = periodOf(i);
  const { offsets: rowOffsets, rows } = groupRows(customer, customers, { keep, orderBy: period });
  const offsets = new Int32Array(customers + 1);
  const periods = new Int32Array(rows.length);
  let out = 0;
  for (let c = 0; c < customers; c++) {
    offsets[c] = out;
    for (let k = rowOffsets[c]!; k < rowOffsets[c + 1]!; k++) {
      const p = period[rows[k]!]!;
      if (k === rowOffsets[c] || p !== periods[out - 1]) periods[out++] = p;
    }
  }
  offsets[customers] = out;
  return { customers, offsets, periods: periods.subarray(0, out) };
}
