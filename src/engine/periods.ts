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
  const out = new Int32Array(time.length);
  if (timeZone === undefined && period === "day") {
    // UTC days are plain arithmetic: inline, twice as fast as through periodIndexer.
    for (let i = 0; i < time.length; i++) out[i] = Math.floor(time[i]! / DAY_MS);
    return out;
  }
  const indexOf = periodIndexer(period, timeZone);
  for (let i = 0; i < time.length; i++) out[i] = indexOf(time[i]!);
  return out;
}

/** The smallest and the largest of `values`, as d3-array's `extent` (`[Infinity, -Infinity]` when empty). */
export function extent(values: ArrayLike<number>): [lo: number, hi: number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** A log's times cut into calendar periods (see {@link cutPeriods}). */
export interface PeriodCut {
  /** Each row's period index. */
  readonly periods: Int32Array;
  /** The first and the last period of any row (`Infinity` and `-Infinity` for no rows). */
  readonly lo: number;
  readonly hi: number;
  /** The earliest and the latest time of any row (`Infinity` and `-Infinity` for no rows). */
  readonly earliest: number;
  readonly latest: number;
}

/**
 * Every time's period index, and the first and last period and the earliest and latest
 * time, in one pass. As in {@link periodIndexer}, a period is looked up once per bucket (a
 * UTC day, or a quarter hour in a zone) whose two ends share it. The first period is not
 * always the earliest time's: where a zone sets its clocks back across midnight, a later
 * instant can fall in an earlier day.
 *
 * @example
 * const cut = cutPeriods(new Float64Array([Date.UTC(2011, 4, 2), Date.UTC(2011, 0, 9)]), "month", undefined);
 * [Array.from(cut.periods), cut.lo, cut.hi]; // => [[24136, 24132], 24132, 24136]
 */
export function cutPeriods(time: Float64Array, period: Period, timeZone: string | undefined): PeriodCut {
  const periods = new Int32Array(time.length);
  const width = timeZone === undefined ? DAY_MS : QUARTER_HOUR_MS;
  const memo = new Map<number, number>();
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  let lastBucket = Number.NaN;
  let lastIndex = Number.NaN;
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    const bucket = Math.floor(t / width);
    if (bucket !== lastBucket) {
      lastBucket = bucket;
      lastIndex = memo.get(bucket) ?? bucketPeriod(memo, bucket, width, period, timeZone);
    }
    const p = Number.isNaN(lastIndex) ? periodIndex(t, period, timeZone) : lastIndex;
    periods[i] = p;
    if (p < lo) lo = p;
    if (p > hi) hi = p;
    if (t < earliest) earliest = t;
    if (t > latest) latest = t;
  }
  return { periods, lo, hi, earliest, latest };
}

/** The period of bucket `bucket` (`NaN` when a period boundary cuts it), remembered in `memo`. */
function bucketPeriod(
  memo: Map<number, number>,
  bucket: number,
  width: number,
  period: Period,
  timeZone: string | undefined,
): number {
  const first = periodIndex(bucket * width, period, timeZone);
  const index = first === periodIndex(bucket * width + width - 1, period, timeZone) ? first : Number.NaN;
  memo.set(bucket, index);
  return index;
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
  /** The period index of a row, or a column of every row's period (read faster). */
  readonly periodOf: ((row: number) => number) | Int32Array;
  /**
   * Count only the rows for which this is true, or, as a column, whose value is > 0 (the
   * amounts: purchases). Default: every row.
   */
  readonly keep?: ((row: number) => boolean) | Float64Array | Uint8Array | undefined;
  /** Periods known to bound every kept row's, such as a {@link PeriodCut}'s: saves a pass over the rows. */
  readonly within?: readonly [lo: number, hi: number] | undefined;
}

/** A row is kept when its value in this column is > 0; `undefined` keeps every row. */
type KeptColumn = Float64Array | Uint8Array | undefined;

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
  const { customer, customers, periodOf, keep } = rows;
  const n = customer.length;
  const period =
    typeof periodOf === "function" ? Int32Array.from({ length: n }, (_, i) => periodOf(i)) : periodOf;
  const kept =
    typeof keep === "function" ? Uint8Array.from({ length: n }, (_, i) => (keep(i) ? 1 : 0)) : keep;
  const [lo, hi] = rows.within ?? keptExtent(period, kept);
  const [offsets, periods] =
    lo > hi
      ? [new Int32Array(customers + 1), new Int32Array(0)]
      : hi - lo < MAX_BITSET_SPAN
        ? listsFromBitSets(customer, customers, period, kept, lo, hi)
        : listsFromGroups(customer, customers, period, kept);
  return { customers, offsets, periods };
}

/** The first and last period of the kept rows. */
function keptExtent(period: Int32Array, kept: KeptColumn): [lo: number, hi: number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < period.length; i++) {
    if (kept !== undefined && !(kept[i]! > 0)) continue;
    const p = period[i]!;
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
  return [lo, hi];
}

function listsFromBitSets(
  customer: Int32Array,
  customers: number,
  period: Int32Array,
  kept: KeptColumn,
  lo: number,
  hi: number,
): [offsets: Int32Array, periods: Int32Array] {
  const words = ((hi - lo) >>> 5) + 1;
  const bits = new Int32Array(customers * words);
  for (let i = 0; i < customer.length; i++) {
    if (kept !== undefined && !(kept[i]! > 0)) continue;
    const d = period[i]! - lo;
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
  return [offsets, periods];
}

function listsFromGroups(
  customer: Int32Array,
  customers: number,
  period: Int32Array,
  kept: KeptColumn,
): [offsets: Int32Array, periods: Int32Array] {
  const keep = kept === undefined ? undefined : (row: number) => kept[row]! > 0;
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
  return [offsets, periods.subarray(0, out)];
}
