/**
 * Internal to the rates module (not exported from the package): the calendar period of
 * every transaction and, per customer, the distinct periods with a purchase (`amount > 0`),
 * held in typed arrays. `periodActivity` and `cohortRetention` both start from it, so both
 * read the log the same way.
 */
import { type Period, periodIndex } from "../internal/dates.js";
import { readTransactions, type TransactionColumns } from "../internal/transactions.js";

export interface PurchasePeriods {
  readonly columns: TransactionColumns;
  /**
   * The index of a row's calendar period from its time (`periodIndex`, memoised): rows'
   * periods are recomputed where needed rather than held in an array as long as the log
   * (40 MB at 10M rows, allocated per call).
   */
  readonly periodOf: PeriodIndexer;
  /** Each customer's distinct purchase periods. */
  readonly purchases: CustomerPeriods;
  /** Earliest and latest period of any transaction (returns included); `undefined` for an empty log. */
  readonly dataLo: number | undefined;
  readonly dataHi: number | undefined;
}

/**
 * Each customer's distinct purchase periods, read one customer at a time in ascending
 * order ({@link CustomerPeriods.read}) from one of two layouts: a bit set of `words` 32-bit
 * words per customer (bit d of customer c's set: a purchase in period `lo + d`), or lists
 * in compressed rows (customer c's periods are `periods[offsets[c] .. offsets[c + 1])`).
 *
 * The bit sets are read as they are rather than first written out as lists (performance,
 * issue 11): at 10M rows the lists were 20 MB more per call, a pass of their own, and the
 * allocation that set off a full garbage collection inside most calls of `cohortRetention`.
 */
export class CustomerPeriods {
  private constructor(
    /** Number of customers. */
    readonly customers: number,
    /** Length of the buffer {@link read} needs: the most periods any customer can have. */
    readonly maxPeriods: number,
    private readonly words: number,
    private readonly bits: Int32Array,
    private readonly lo: number,
    private readonly offsets: Int32Array,
    private readonly periods: Int32Array,
  ) {}

  /** Bit sets of `words` words per customer (`words` > 0); bit d = period lo + d. */
  static ofBitSets(bits: Int32Array, words: number, lo: number): CustomerPeriods {
    const none = new Int32Array(0);
    return new CustomerPeriods(bits.length / words, 32 * words, words, bits, lo, none, none);
  }

  /** Lists in compressed rows, each ascending and without repeats. */
  static ofLists(offsets: Int32Array, periods: Int32Array): CustomerPeriods {
    const customers = offsets.length - 1;
    let longest = 0;
    for (let c = 0; c < customers; c++) longest = Math.max(longest, offsets[c + 1]! - offsets[c]!);
    return new CustomerPeriods(customers, longest, 0, new Int32Array(0), 0, offsets, periods);
  }

  /** Writes customer c's purchase periods, ascending, to `out[0 ..]` and returns their number. */
  read(c: number, out: Int32Array): number {
    const words = this.words;
    if (words === 0) {
      const j0 = this.offsets[c]!;
      const k = this.offsets[c + 1]! - j0;
      for (let j = 0; j < k; j++) out[j] = this.periods[j0 + j]!;
      return k;
    }
    let k = 0;
    for (let w = 0; w < words; w++) {
      let word = this.bits[c * words + w]!;
      while (word !== 0) {
        const lowest = word & -word;
        out[k++] = this.lo + 32 * w + (31 - Math.clz32(lowest));
        word ^= lowest;
      }
    }
    return k;
  }

  /** Customer c's first purchase period, or `none` for a customer without a purchase. */
  first(c: number, none: number): number {
    const words = this.words;
    if (words === 0) return this.offsets[c] === this.offsets[c + 1] ? none : this.periods[this.offsets[c]!]!;
    for (let w = 0; w < words; w++) {
      const word = this.bits[c * words + w]!;
      if (word !== 0) return this.lo + 32 * w + (31 - Math.clz32(word & -word));
    }
    return none;
  }

  /** One instance kept alive (see `CompensatedSums.kept` in internal/sum.ts). */
  static readonly kept: CustomerPeriods = CustomerPeriods.ofBitSets(new Int32Array(1), 1, 0);
}

/** Slots of {@link PeriodIndexer}'s cache. */
const CACHE_SLOTS = 4096;

/**
 * `periodIndex` for many times in a row, memoised: months, quarters and years change only
 * at a day boundary in UTC, and at a quarter hour in any zone in use today, so the index is
 * cached per UTC day (per quarter hour with a `timeZone`). A bucket is cached only when
 * its first and last millisecond fall in the same period, so it never disagrees with
 * `periodIndex`. Days and ISO weeks are plain arithmetic already and are not cached.
 *
 * An object with a method rather than a closure (performance, issue 11): every call of
 * `cohortRetention` or `periodActivity` makes a new one, and optimised code that called a
 * closure was specialised on that very closure, so the next call's threw it away.
 */
export class PeriodIndexer {
  private readonly width: number;
  private readonly cached: boolean;
  // A direct-mapped cache (slot = bucket mod 4096): no hashing per row, and a log of any
  // order spanning up to 11 years of days never evicts.
  private readonly buckets: Float64Array;
  private readonly indices: Int32Array;
  private lastBucket = Number.NaN;
  private lastIndex = 0;

  constructor(
    private readonly period: Period,
    private readonly timeZone: string | undefined,
  ) {
    this.cached = period !== "day" && period !== "week";
    this.width = timeZone === undefined ? 86_400_000 : 900_000;
    this.buckets = new Float64Array(this.cached ? CACHE_SLOTS : 0).fill(Number.NaN);
    this.indices = new Int32Array(this.cached ? CACHE_SLOTS : 0);
  }

  /** `periodIndex(time, period, timeZone)`. */
  index(time: number): number {
    if (!this.cached) return periodIndex(time, this.period, this.timeZone);
    const bucket = Math.floor(time / this.width);
    if (bucket === this.lastBucket) return this.lastIndex;
    const slot = bucket & (CACHE_SLOTS - 1);
    if (this.buckets[slot] === bucket) {
      this.lastBucket = bucket;
      return (this.lastIndex = this.indices[slot]!);
    }
    return this.miss(time, bucket, slot);
  }

  /** A bucket not in the cache: its period, cached when the whole bucket is in it. */
  private miss(time: number, bucket: number, slot: number): number {
    const { width, period, timeZone } = this;
    const index = periodIndex(bucket * width, period, timeZone);
    if (index !== periodIndex(bucket * width + width - 1, period, timeZone)) {
      return periodIndex(time, period, timeZone);
    }
    this.buckets[slot] = bucket;
    this.indices[slot] = index;
    this.lastBucket = bucket;
    this.lastIndex = index;
    return index;
  }

  /** One instance kept alive (see `CompensatedSums.kept` in internal/sum.ts). */
  static readonly kept: PeriodIndexer = new PeriodIndexer("month", undefined);
}

/**
 * Largest number of 32-bit words per customer for which {@link purchasePeriods} marks
 * purchase periods in a bit set (a span of up to 256 periods: 21 years of months); beyond,
 * it groups rows by a counting sort.
 */
const DEFAULT_BITSET_MAX_WORDS = 8;
let bitSetMaxWords = DEFAULT_BITSET_MAX_WORDS;

/** For tests, which run both ways: the bit-set limit in words (0: always sort), or the default. */
export function setBitSetMaxWords(words: number = DEFAULT_BITSET_MAX_WORDS): void {
  bitSetMaxWords = words;
}

/**
 * Reads and checks the log (`readTransactions`), cuts it into periods and groups the
 * purchase periods by customer: O(n) passes.
 *
 * When the log spans few periods (at most 256 from the first to the last), each customer
 * gets a bit set of the periods they bought in, one bit set per purchase row, and the
 * sets are the result (performance, issue 11): one write
 * per row into an array of a few bytes per customer, where grouping rows by customer
 * writes each row's period to a random place in an array as long as the log (at 10M rows,
 * 40 MB: nearly every write a cache miss), and needs a sort and a de-duplication per
 * customer. Otherwise: a counting sort of the purchase rows by customer, then a sort of
 * each customer's own periods (skipped when already in order, as in a log sorted by date)
 * and their distinct values.
 */
export function purchasePeriods(
  transactions: unknown,
  fnName: string,
  period: Period,
  timeZone: string | undefined,
): PurchasePeriods {
  const columns = readTransactions(transactions, fnName);
  const { length: n, customer, time, amount, customerIds } = columns;
  const periodOf = new PeriodIndexer(period, timeZone);
  const [lo, hi] = periodRange(time, n, periodOf);
  const words = n === 0 ? 0 : ((hi - lo) >>> 5) + 1;
  let purchases: CustomerPeriods;
  if (n > 0 && words <= bitSetMaxWords) {
    const bits = new Int32Array(customerIds.length * words);
    markPurchases(bits, n, customer, time, amount, periodOf, lo, words);
    purchases = CustomerPeriods.ofBitSets(bits, words, lo);
  } else {
    purchases = periodsBySort(columns, periodOf);
  }
  return {
    columns,
    periodOf,
    purchases,
    dataLo: n === 0 ? undefined : lo,
    dataHi: n === 0 ? undefined : hi,
  };
}

/**
 * The earliest and latest period of the first `n` times (infinities when `n` is 0). Each
 * pass over the rows in this module is a function of its own, so that V8 optimises it
 * while it runs (on-stack replacement) without compiling the code around it, code which
 * has not yet run and would throw the optimised code away as soon as it was reached
 * (the first calls at 100k rows were 2-3 times slower than later ones; issue 11).
 */
function periodRange(time: Float64Array, n: number, periodOf: PeriodIndexer): [lo: number, hi: number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const p = periodOf.index(time[i]!);
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
  return [lo, hi];
}

/** Sets bit d of customer c's `words`-word set for each purchase row of c in period lo + d. */
function markPurchases(
  bits: Int32Array,
  n: number,
  customer: Int32Array,
  time: Float64Array,
  amount: Float64Array,
  periodOf: PeriodIndexer,
  lo: number,
  words: number,
): void {
  for (let i = 0; i < n; i++) {
    if (amount[i]! > 0) {
      const d = periodOf.index(time[i]!) - lo;
      bits[customer[i]! * words + (d >>> 5)]! |= 1 << (d & 31);
    }
  }
}

/** Purchase periods per customer through a counting sort of the purchase rows by customer. */
function periodsBySort(
  { length: n, customer, time, amount, customerIds }: TransactionColumns,
  periodOf: PeriodIndexer,
): CustomerPeriods {
  const customers = customerIds.length;
  const counts = new Int32Array(customers + 1);
  for (let i = 0; i < n; i++) {
    if (amount[i]! > 0) counts[customer[i]! + 1]!++;
  }
  // Counting sort of purchase rows by customer.
  const start = new Int32Array(customers + 1);
  for (let c = 0; c < customers; c++) start[c + 1] = start[c]! + counts[c + 1]!;
  const fill = start.slice(0, customers);
  const all = new Int32Array(start[customers]!);
  for (let i = 0; i < n; i++) {
    if (amount[i]! > 0) all[fill[customer[i]!]!++] = periodOf.index(time[i]!);
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
  return CustomerPeriods.ofLists(offsets, all.subarray(0, out));
}
