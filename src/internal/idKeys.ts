/**
 * Prefix keys of customer ids: two numbers per id whose order is the order of the ids as
 * plain strings, as far as they tell the ids apart (issue 11). Not public.
 *
 * Why: a ranking puts items of equal value in id order, and on large customer bases most
 * items tie with another (totals in cents: at the bench's 864,479 customers, 70%). Their
 * strings lie all over the heap, so comparing two of them costs cache misses; the keys,
 * made once per `TransactionTable` (see tableOf.ts) and kept beside its `customerIds`, are
 * read instead (pareto/internal.ts, orderRuns); they also give the table's id order, kept
 * beside them ({@link IdRanks}). Like the table's other columns, keys and order are trusted
 * as built: an id changed in place afterwards is not seen by them.
 *
 * The keys skip the prefix common to every id of the array (`C000…` in `C00025031`), then
 * encode the next 12 UTF-16 code units, six per key, each as `unit + 1` in 8 bits (0 past
 * the end of the id), so that comparing first keys, then second keys, compares those 12
 * units as strings do (a shorter id sorts first). An id with a unit of 255 or more among
 * them gets a first key of -1: such an id is compared as a string. So are two ids whose
 * keys are equal (the same 12 units after the common prefix).
 */

import { compareIds } from "./compare.js";
import { indices } from "./indices.js";

/** Code units per key: six of 8 bits fill 48 of a double's 53 exact bits. */
const UNITS_PER_KEY = 6;

/** Key arrays of id arrays, by identity (held weakly). */
const keysOfIds = new WeakMap<object, Float64Array>();

/** The id order of id arrays (see {@link IdRanks}), by identity (held weakly). */
const ranksOfIds = new WeakMap<object, IdRanks>();

/**
 * The order of an array's ids as plain strings, both ways: `order[r]` is the index of the
 * id at position `r`, `rank[i]` the position of id `i` (so `order[rank[i]] === i`).
 *
 * Why (issue 11): rankings put items of equal value in id order. With the ranks, a ranking
 * sorts value and rank together (pareto/kernels.ts, orderByKeys) instead of ordering the
 * ties afterwards, and rows ordered by id ({@link orderByIdKeys}) come from one pass over the
 * ranks instead of a sort.
 */
export interface IdRanks {
  readonly order: Int32Array;
  readonly rank: Int32Array;
}

/**
 * Computes and keeps the keys of `ids` (an array of distinct ids that will not change) and,
 * where the keys can order them (every id's first key is not -1), their id order
 * ({@link IdRanks}). Returns `ids`. Made once per `TransactionTable`, when it is built
 * (table/tableOf.ts): at the bench's 864,479 customers, 27 ms for the keys and 50-80 ms for
 * the order, against 8 s for reading the CSV.
 */
export function registerIdKeys<T extends readonly string[]>(ids: T): T {
  ranksOfIds.delete(ids); // (registered again: the order from the new keys, not the old order)
  keysOfIds.set(ids, idKeys(ids));
  const n = ids.length;
  const order = orderByIdKeys(ids, indices(n));
  if (order !== undefined) ranksOfIds.set(ids, { order, rank: inverse(order) });
  return ids;
}

/** The id order registered for `ids` ({@link registerIdKeys}), or `undefined`. */
export function idRanksOf(ids: readonly string[]): IdRanks | undefined {
  const ranks = ranksOfIds.get(ids);
  return ranks !== undefined && ranks.rank.length === ids.length ? ranks : undefined;
}

/** The inverse of a permutation of `0 .. n - 1`. */
function inverse(permutation: Int32Array): Int32Array {
  const n = permutation.length;
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) out[permutation[r]!] = r;
  return out;
}

/** The keys registered for `ids` ({@link registerIdKeys}), or `undefined`. */
export function idKeysOf(ids: readonly string[]): Float64Array | undefined {
  return keysOfIds.get(ids);
}

/**
 * The keys of `ids`: for id `i`, its first key at `2i` and its second at `2i + 1` (see the
 * module comment).
 */
export function idKeys(ids: readonly string[]): Float64Array {
  const keys = new Float64Array(2 * ids.length);
  if (ids.length > 0) fillIdKeys(ids, commonPrefixLength(ids), keys);
  return keys;
}

/** The number of leading code units that every id of `ids` (at least one) shares. */
function commonPrefixLength(ids: readonly string[]): number {
  const first = ids[0]!;
  let common = first.length;
  for (let i = 1; i < ids.length && common > 0; i++) {
    const id = ids[i]!;
    const limit = Math.min(common, id.length);
    let k = 0;
    while (k < limit && id.charCodeAt(k) === first.charCodeAt(k)) k++;
    common = k;
  }
  return common;
}

/** Fills `keys` from the units `from .. from + 11` of each id. A loop kernel (see readOrder in pareto/kernels.ts). */
function fillIdKeys(ids: readonly string[], from: number, keys: Float64Array): void {
  const middle = from + UNITS_PER_KEY;
  const to = middle + UNITS_PER_KEY;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const length = id.length;
    let first = 0;
    let second = 0;
    let plain = true;
    for (let c = from; c < to; c++) {
      let digit = 0;
      if (c < length) {
        const unit = id.charCodeAt(c);
        if (unit >= 255) plain = false;
        digit = unit + 1;
      }
      if (c < middle) first = first * 256 + digit;
      else second = second * 256 + digit;
    }
    keys[2 * i] = plain ? first : -1;
    keys[2 * i + 1] = second;
  }
}

/**
 * Compares ids `x` and `y` of `ids` (`keys`: their keys) as plain strings, through their
 * keys where these tell them apart.
 */
export function compareByKeys(keys: Float64Array, ids: readonly string[], x: number, y: number): number {
  const fx = keys[2 * x]!;
  const fy = keys[2 * y]!;
  if (fx >= 0 && fy >= 0) {
    if (fx !== fy) return fx < fy ? -1 : 1;
    const sx = keys[2 * x + 1]!;
    const sy = keys[2 * y + 1]!;
    if (sx !== sy) return sx < sy ? -1 : 1;
  }
  return compareIds(ids[x]!, ids[y]!);
}

/** Bits of one radix-sort digit in {@link orderByIdKeys}: 4,096 counters, four digits per first key. */
const DIGIT_BITS = 12;
const DIGIT_MASK = (1 << DIGIT_BITS) - 1;
const DIGITS = 4;
/** 2^24: a first key (below 2^48) splits into two 24-bit halves, each two digits. */
const HALF = 16_777_216;

/**
 * The positions `0 .. n - 1` of `items` (indices into `ids`, each at most once) in the
 * order of their ids as plain strings, through the keys registered for `ids`
 * ({@link registerIdKeys}); `undefined` when `ids` has none or an item's first key is -1
 * (the caller then compares strings).
 *
 * Performance (issue 11): `rfmSummary` returns its rows by customer id, and comparing the
 * strings (scattered over the heap) cost 0.4-0.5 s at 864,479 customers, a comparator on
 * the keys 0.25 s. Here a radix sort of the first keys — four passes of 12 bits, a pass
 * skipped when every item has the same digit — then the items whose first keys are equal
 * (ids alike in 6 units after the common prefix) by second key, and by string where the
 * keys are equal too.
 */
export function orderByIdKeys(ids: readonly string[], items: Int32Array): Int32Array | undefined {
  const ranks = idRanksOf(ids);
  if (ranks !== undefined) return orderByRanks(ranks.rank, items);
  const keys = keysOfIds.get(ids);
  if (keys === undefined || keys.length !== 2 * ids.length) return undefined;
  const n = items.length;
  // The first keys' halves, in item order (reads of `keys` in sequence when `items` ascends).
  const high = new Int32Array(n);
  const low = new Int32Array(n);
  const counts = new Int32Array(DIGITS << DIGIT_BITS);
  if (!splitFirstKeys(keys, items, n, high, low, counts)) return undefined;
  let from = indices(n);
  let to = new Int32Array(n);
  for (let d = 0; d < DIGITS; d++) {
    const base = d << DIGIT_BITS;
    if (!prefixCounts(counts, base, n)) continue; // one digit value for every item
    scatterByDigit(from, to, n, d < 2 ? low : high, (d & 1) * DIGIT_BITS, counts, base);
    [from, to] = [to, from];
  }
  orderEqualFirstKeys(from, n, high, low, items, keys, ids);
  return from;
}

/**
 * Writes the halves of each item's first key into `high` and `low`, and counts the four
 * digits into `counts` (4,096 counters per digit). `false` at a first key of -1. A loop
 * kernel (see readOrder in pareto/kernels.ts).
 */
function splitFirstKeys(
  keys: Float64Array,
  items: Int32Array,
  n: number,
  high: Int32Array,
  low: Int32Array,
  counts: Int32Array,
): boolean {
  for (let k = 0; k < n; k++) {
    const first = keys[2 * items[k]!]!;
    if (first < 0) return false;
    const h = Math.floor(first / HALF);
    const l = first - h * HALF;
    high[k] = h;
    low[k] = l;
    counts[l & DIGIT_MASK]!++;
    counts[(1 << DIGIT_BITS) + (l >>> DIGIT_BITS)]!++;
    counts[(2 << DIGIT_BITS) + (h & DIGIT_MASK)]!++;
    counts[(3 << DIGIT_BITS) + (h >>> DIGIT_BITS)]!++;
  }
  return true;
}

/**
 * Turns the counts of one digit (at `base`) into the start of each digit value; `false`
 * (nothing to sort by this digit) when one value has all `n` items.
 */
function prefixCounts(counts: Int32Array, base: number, n: number): boolean {
  let start = 0;
  for (let v = 0; v <= DIGIT_MASK; v++) {
    const count = counts[base + v]!;
    if (count === n) return false;
    counts[base + v] = start;
    start += count;
  }
  return true;
}

/** One stable pass of the radix sort: `from` into `to` by the digit at `shift` of `half`. A loop kernel. */
function scatterByDigit(
  from: Int32Array,
  to: Int32Array,
  n: number,
  half: Int32Array,
  shift: number,
  starts: Int32Array,
  base: number,
): void {
  for (let k = 0; k < n; k++) {
    const item = from[k]!;
    to[starts[base + ((half[item]! >>> shift) & DIGIT_MASK)]!++] = item;
  }
}

/**
 * Puts each run of equal first keys in `sorted` (positions in `items`, by first key) in
 * order by second key, then by string. A loop kernel.
 */
function orderEqualFirstKeys(
  sorted: Int32Array,
  n: number,
  high: Int32Array,
  low: Int32Array,
  items: Int32Array,
  keys: Float64Array,
  ids: readonly string[],
): void {
  let start = 0;
  for (let k = 1; k <= n; k++) {
    if (k < n && high[sorted[k]!] === high[sorted[start]!] && low[sorted[k]!] === low[sorted[start]!])
      continue;
    if (k - start > 1) {
      sorted.subarray(start, k).sort((x, y) => compareByKeys(keys, ids, items[x]!, items[y]!));
    }
    start = k;
  }
}

/**
 * {@link orderByIdKeys} through the ids' ranks: each item's position noted at its rank (a
 * table as long as the ids), then read in rank order. Linear in the number of ids.
 */
function orderByRanks(rank: Int32Array, items: Int32Array): Int32Array {
  const n = items.length;
  const at = new Int32Array(rank.length); // position + 1 at each rank, 0 where none
  noteRanks(rank, items, n, at);
  const out = new Int32Array(n);
  collectRanks(at, out);
  return out;
}

/** `at[rank[items[k]]] = k + 1` for every k < n. A loop kernel (see readOrder in pareto/kernels.ts). */
function noteRanks(rank: Int32Array, items: Int32Array, n: number, at: Int32Array): void {
  for (let k = 0; k < n; k++) at[rank[items[k]!]!] = k + 1;
}

/** The positions noted in `at`, in rank order, into `out`. A loop kernel. */
function collectRanks(at: Int32Array, out: Int32Array): void {
  let j = 0;
  for (let r = 0; r < at.length; r++) {
    const k = at[r]!;
    if (k !== 0) out[j++] = k - 1;
  }
}
