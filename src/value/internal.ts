/**
 * Shared machinery of the value module (not exported from the package): the
 * `lifetimes`-style purchase-period summary used by `rfmSummary` and
 * `calibrationAndHoldout`, and the option checks they share.
 */
import { compareIds } from "../internal/compare.js";
import { orderByIdKeys } from "../internal/idKeys.js";
import { assertOneOf, assertOptions } from "../internal/assert.js";
import { assertTimeZone, type DateInput, MS_PER_DAY, periodIndex, toTime } from "../internal/dates.js";
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

/**
 * The day index of every row in `timeZone`, or `undefined` in UTC: there no array is made,
 * and {@link summarisePeriods} computes a row's day from its time as it reads it, which
 * costs less than writing and reading 40 MB at 10M rows (issue 11: fresh memory costs
 * ~2.7 ms per MB in page faults on the bench machine). Day indices of dates JavaScript
 * can hold are within +-100,000,000: 32-bit integers.
 */
export function rowDays(columns: TransactionColumns, timeZone: string | undefined): Int32Array | undefined {
  if (timeZone === undefined) return undefined;
  const days = new Int32Array(columns.length);
  for (let i = 0; i < columns.length; i++) days[i] = periodIndex(columns.time[i]!, "day", timeZone);
  return days;
}

/** The last day index of the log (`days` from {@link rowDays}), `-Infinity` when it is empty. */
export function lastRowDay(columns: TransactionColumns, days: Int32Array | undefined): number {
  let last = Number.NEGATIVE_INFINITY;
  if (days !== undefined) {
    for (let i = 0; i < days.length; i++) if (days[i]! > last) last = days[i]!;
    return last;
  }
  const time = columns.time;
  for (let i = 0; i < columns.length; i++) if (time[i]! > last) last = time[i]!;
  return Math.floor(last / MS_PER_DAY);
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

/** The summaries of {@link summarisePeriods}, in customer-index order, and each one's customer index. */
export interface PeriodSummaries<R> {
  readonly rows: R[];
  readonly customers: Int32Array;
}

/**
 * Groups the rows whose day lies in `[fromDay, toDay]` into purchase periods per
 * customer. Each row updates its customer's running state — first and last period,
 * number of periods and of rows, and compensated (Neumaier) sums of all amounts and of
 * those after the first period — taking a customer's rows in period order, rows of one
 * period in log order. Customers without a row in the window are left out. The result
 * is in customer-index order; {@link inIdOrder} reorders. `days` holds each row's day
 * index, or is `undefined` for UTC days, computed from the rows' times.
 *
 * The rows are first split, stably, into blocks of 4,096 consecutive customer indices
 * (their block-local customer, period and amount copied block by block); each block is
 * then put in period order, unless the log is in that order already (a log sorted by
 * time), by a counting sort (a comparison sort when its periods span more than 8 per row),
 * and its rows added to a state of one 64-byte record per customer of the block (four
 * doubles and five 32-bit integers), which stays in the processor's cache. Every pass is
 * linear in the number of rows and reads or writes in sequence, or within one block.
 * Issue 11: the former grouping wrote every row's period and amount into per-customer
 * slots spread over 120 MB at 10M rows; a state for every customer at once (55 MB at
 * 864,000 customers) still missed the cache on every row; both grew 13.5x from 1M to 10M
 * rows.
 *
 * The copies are made part by part, a part being 64 blocks (262,144 customers; more for a
 * base of over a million customers, so that there are at most four parts), into buffers
 * sized for the largest part: each part after the first costs one more read of the log's
 * customer column, but a call needs about a quarter of the memory at 864,479
 * customers (14 bytes per row of the largest part instead of 16 per row, and no day
 * column), and fresh memory is what grew the cost of a call past 10x from 1M to 10M rows
 * (issue 11: page faults cost ~2.7 ms per MB on the bench machine, 307 MB of them per call
 * before). A log of at most 262,144 customers is one part, read as before.
 *
 * `make` turns each customer's summary into the caller's row as it is produced, so that
 * the summaries die young instead of all surviving until a later `map` (issue 11: at
 * 940,000 customers the garbage collector's copying of a million live intermediate
 * objects cost more than the grouping itself).
 */
export function summarisePeriods<R = PeriodSummary>(
  columns: TransactionColumns,
  days: Int32Array | undefined,
  fromDay: number,
  toDay: number,
  aggregate: RfmAggregate,
  make: (summary: PeriodSummary) => R = (summary) => summary as R,
): PeriodSummaries<R> {
  const customerCount = columns.customerIds.length;
  const customer = columns.customer;
  const bits = blockBits;
  const blockCount = Math.ceil(customerCount / (1 << bits));
  const blockEnds = new Int32Array(blockCount + 1);
  const scan = new Float64Array(4);
  countRows(columns.time, days, customer, columns.length, fromDay, toDay, aggregate, bits, blockEnds, scan);
  const included = scan[0]!;
  const minPeriod = scan[1]!;
  const maxPeriod = scan[2]!;
  const inOrder = scan[3]!; // 1: the rows come in period order (a log sorted by time)
  if (included === 0) return { rows: [], customers: new Int32Array(0) };
  let largestBlock = 0;
  for (let b = 0; b < blockCount; b++) {
    largestBlock = Math.max(largestBlock, blockEnds[b + 1]!);
    blockEnds[b + 1]! += blockEnds[b]!;
  }
  // 64 blocks a part, or more so that there are at most four parts (each costs a read of the log)
  const partBlocks = Math.max(1 << Math.max(0, partBits - bits), Math.ceil(blockCount / MAX_PARTS));
  let largestPart = 0;
  for (let b = 0; b < blockCount; b += partBlocks) {
    largestPart = Math.max(largestPart, blockEnds[Math.min(b + partBlocks, blockCount)]! - blockEnds[b]!);
  }

  // A part's included rows block by block, in log order within a block. Period indices are
  // whole numbers of days or weeks (years 0000-9999: within int32).
  const rowCustomer = new Uint16Array(largestPart); // block-local (blocks of at most 2^16)
  const rowPeriod = new Int32Array(largestPart);
  const rowAmount = new Float64Array(largestPart);
  // One block's states (256 KB), or fewer for a small customer base.
  const state = new ArrayBuffer(Math.min(1 << bits, customerCount) * STATE_BYTES);
  const sums = new Float64Array(state);
  const counts = new Int32Array(state);
  const span = maxPeriod - minPeriod + 1;
  // Per block: the rows' positions in period order, and the counting sort's period ends.
  const order = inOrder === 1 ? undefined : new Int32Array(largestBlock);
  const ends = inOrder === 1 ? undefined : new Int32Array(Math.min(span, MAX_COUNTING_SPAN) + 1);
  const rows: R[] = [];
  const customers = new Int32Array(customerCount);
  const next = blockEnds.slice(0, blockCount);
  for (let firstBlock = 0; firstBlock < blockCount; firstBlock += partBlocks) {
    const lastBlock = Math.min(firstBlock + partBlocks, blockCount);
    const base = blockEnds[firstBlock]!;
    if (blockEnds[lastBlock] === base) continue;
    copyPart(
      columns,
      days,
      fromDay,
      toDay,
      aggregate,
      bits,
      firstBlock,
      lastBlock,
      next,
      base,
      rowCustomer,
      rowPeriod,
      rowAmount,
    );
    for (let b = firstBlock; b < lastBlock; b++) {
      const from = blockEnds[b]! - base;
      const to = blockEnds[b + 1]! - base;
      if (order === undefined || ends === undefined) {
        for (let at = from; at < to; at++)
          addRow(sums, counts, rowCustomer[at]!, rowPeriod[at]!, rowAmount[at]!);
      } else {
        const n = to - from;
        if (span <= MAX_COUNTING_SPAN && span <= COUNTING_SPAN_PER_ROW * n) {
          ends.fill(0, 0, span + 1);
          for (let at = from; at < to; at++) ends[rowPeriod[at]! - minPeriod + 1]!++;
          for (let k = 0; k < span; k++) ends[k + 1]! += ends[k]!;
          for (let at = from; at < to; at++) order[ends[rowPeriod[at]! - minPeriod]!++] = at;
        } else {
          // Periods spread far wider than the block has rows (centuries of days): a comparison sort.
          for (let k = 0; k < n; k++) order[k] = from + k;
          order.subarray(0, n).sort((x, y) => rowPeriod[x]! - rowPeriod[y]! || x - y);
        }
        for (let k = 0; k < n; k++) {
          const at = order[k]!;
          addRow(sums, counts, rowCustomer[at]!, rowPeriod[at]!, rowAmount[at]!);
        }
      }
      const first = b << bits;
      const last = Math.min(first + (1 << bits), customerCount);
      for (let c = first; c < last; c++) {
        const local = c - first;
        const at = local * STATE_INTS + 8;
        const count = counts[at]!;
        if (count === 0) continue;
        const sum = local * STATE_DOUBLES;
        customers[rows.length] = c;
        rows.push(
          make({
            customer: c,
            periods: counts[at + 3]!,
            firstPeriod: counts[at + 1]!,
            lastPeriod: counts[at + 2]!,
            repeatTotal: sums[sum + 2]! + sums[sum + 3]! + 0,
            repeatRows: counts[at + 4]!,
            total: sums[sum]! + sums[sum + 1]! + 0,
            rows: count,
          }),
        );
      }
      counts.fill(0);
    }
  }
  return { rows, customers: customers.subarray(0, rows.length) };
}

/** The day index of row `i`: from `days`, or the UTC day of its time. */
const dayOfRow = (time: Float64Array, days: Int32Array | undefined, i: number): number =>
  days === undefined ? Math.floor(time[i]! / MS_PER_DAY) : days[i]!;

/**
 * The first pass of {@link summarisePeriods}: counts the rows in `[fromDay, toDay]` of each
 * block (into `blockEnds[block + 1]`) and leaves in `scan` their number, the smallest and
 * largest period, and 1 when they come in period order (else 0). A loop kernel (see
 * readOrder in pareto/kernels.ts).
 */
function countRows(
  time: Float64Array,
  days: Int32Array | undefined,
  customer: Int32Array,
  length: number,
  fromDay: number,
  toDay: number,
  aggregate: RfmAggregate,
  bits: number,
  blockEnds: Int32Array,
  scan: Float64Array,
): void {
  let included = 0;
  let minPeriod = Number.POSITIVE_INFINITY;
  let maxPeriod = Number.NEGATIVE_INFINITY;
  let inOrder = 1;
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < length; i++) {
    const day = dayOfRow(time, days, i);
    if (day < fromDay || day > toDay) continue;
    const p = periodOfDay(day, aggregate);
    if (p < minPeriod) minPeriod = p;
    if (p > maxPeriod) maxPeriod = p;
    if (p < previous) inOrder = 0;
    previous = p;
    blockEnds[(customer[i]! >>> bits) + 1]!++;
    included++;
  }
  scan[0] = included;
  scan[1] = minPeriod;
  scan[2] = maxPeriod;
  scan[3] = inOrder;
}

/**
 * Copies the rows in `[fromDay, toDay]` of the customers of blocks `firstBlock ..
 * lastBlock - 1` into the part buffers, block by block (`next[b]`: where block `b`'s next
 * row goes, counted from the first row of all, `base` that of the part's first row). A
 * loop kernel.
 */
function copyPart(
  columns: TransactionColumns,
  days: Int32Array | undefined,
  fromDay: number,
  toDay: number,
  aggregate: RfmAggregate,
  bits: number,
  firstBlock: number,
  lastBlock: number,
  next: Int32Array,
  base: number,
  rowCustomer: Uint16Array,
  rowPeriod: Int32Array,
  rowAmount: Float64Array,
): void {
  const { customer, time, amount, length } = columns;
  const low = firstBlock << bits;
  const high = lastBlock << bits;
  const mask = (1 << bits) - 1;
  for (let i = 0; i < length; i++) {
    const c = customer[i]!;
    if (c < low || c >= high) continue;
    const day = dayOfRow(time, days, i);
    if (day < fromDay || day > toDay) continue;
    const at = next[c >>> bits]!++ - base;
    rowCustomer[at] = c & mask;
    rowPeriod[at] = periodOfDay(day, aggregate);
    rowAmount[at] = amount[i]!;
  }
}

/** Customers per block of {@link summarisePeriods}, as a power of two: 4,096, whose states (256 KB) stay in the cache. */
const DEFAULT_BLOCK_BITS = 12;
let blockBits = DEFAULT_BLOCK_BITS;

/** For tests: blocks of `2 ** bits` customers in {@link summarisePeriods}, so that small logs span several. */
export function setSummaryBlockBits(bits: number = DEFAULT_BLOCK_BITS): void {
  // at most 16: a row's customer within its block is kept in 16 bits
  if (!Number.isInteger(bits) || bits < 0 || bits > 16)
    throw new RangeError(`block bits must be 0-16, got ${bits}`);
  blockBits = bits;
}

/**
 * At most this many parts in {@link summarisePeriods}: each part after the first reads
 * the customer column of the whole log again (10-15 ms per 10M rows here), so a base of
 * millions of customers gets parts larger than 262,144 customers instead of more parts.
 */
const MAX_PARTS = 4;

/** Customers per part of {@link summarisePeriods}, as a power of two: 262,144 (64 blocks). */
const DEFAULT_PART_BITS = 18;
let partBits = DEFAULT_PART_BITS;

/** For tests: parts of `2 ** bits` customers in {@link summarisePeriods} (at least one block each). */
export function setSummaryPartBits(bits: number = DEFAULT_PART_BITS): void {
  partBits = bits;
}

/** A block is sorted by counting when the periods span at most this many per row. */
const COUNTING_SPAN_PER_ROW = 8;
/** Bytes of one customer's running state in {@link summarisePeriods}: a cache line. */
const STATE_BYTES = 64;
const STATE_DOUBLES = STATE_BYTES / 8;
const STATE_INTS = STATE_BYTES / 4;

/**
 * Adds one row (period `p`, amount `x`) to customer `c`'s state. Doubles at `c * 8`:
 * total, its correction, the repeat total, its correction; 32-bit integers at
 * `c * 16 + 8`: rows, first period, last period, periods, repeat rows. Rows arrive in
 * period order, so a new period is one different from the last.
 */
function addRow(sums: Float64Array, counts: Int32Array, c: number, p: number, x: number): void {
  const s = c * STATE_DOUBLES;
  const at = c * STATE_INTS + 8;
  const total = sums[s]!;
  const t = total + x;
  sums[s + 1]! += Math.abs(total) >= Math.abs(x) ? total - t + x : x - t + total;
  sums[s] = t;
  if (counts[at]!++ === 0) {
    counts[at + 1] = p;
    counts[at + 2] = p;
    counts[at + 3] = 1;
    return;
  }
  if (p === counts[at + 1]!) return;
  if (p !== counts[at + 2]!) {
    counts[at + 2] = p;
    counts[at + 3]!++;
  }
  counts[at + 4]!++;
  const repeat = sums[s + 2]!;
  const r = repeat + x;
  sums[s + 3]! += Math.abs(repeat) >= Math.abs(x) ? repeat - r + x : x - r + repeat;
  sums[s + 2] = r;
}

/**
 * The rows of {@link summarisePeriods} by customer id (plain string order): through the
 * prefix keys of the ids when the log is a `TransactionTable` (internal/idKeys.ts,
 * orderByIdKeys: 0.4-0.5 s -> ~0.03 s at 864,479 customers), else by {@link byCustomerId}.
 */
export function inIdOrder<R extends { readonly customerId: string }>(
  { rows, customers }: PeriodSummaries<R>,
  ids: readonly string[],
): R[] {
  const order = orderByIdKeys(ids, customers);
  if (order === undefined) return byCustomerId(rows);
  const out = new Array<R>(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = rows[order[k]!]!;
  return out;
}

/**
 * Sorts rows (one per customer, ids unique) by customer id in plain string order, as
 * `lifetimes` indexes its summary. Sorts the row indices by `compareIds` over a dense
 * array of the ids (issue 11: the former sort of the ids followed by a `Map` from id to
 * position cost 1.6 s for 940,000 customers, this 0.4 s; 111 against 58 ms at 86,551).
 */
export function byCustomerId<R extends { readonly customerId: string }>(rows: readonly R[]): R[] {
  const n = rows.length;
  const ids = new Array<string>(n);
  const index = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    ids[i] = rows[i]!.customerId;
    index[i] = i;
  }
  index.sort((a, b) => compareIds(ids[a]!, ids[b]!));
  const out = new Array<R>(n);
  for (let k = 0; k < n; k++) out[k] = rows[index[k]!]!;
  return out;
}

/** The columns of a transaction log given as records (validated here) or as a `TransactionTable`. */
export function readLog(transactions: TransactionInput, fn: string): TransactionColumns {
  return isTransactionTable(transactions) ? transactions : readTransactions(transactions, fn);
}
