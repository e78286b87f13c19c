/**
 * Ranking through one sort of 64-bit keys: values descending with ties by id (the
 * library's ranking), values ascending, and ids in plain string order (UTF-16 code units,
 * as `<` compares them: the same on every machine and locale). Each sort key holds what
 * the items are sorted by above their position, so a stable radix sort orders them.
 */
import { sortWrittenKeys } from "./sortKeys.js";

/** Plain string comparison (UTF-16 code units, as `<` compares): negative when `a` sorts first. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `[0, 1, …, n - 1]`: every position of `n` items, in order. */
export function indices(n: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Index of the high and the low 32-bit word of 64-bit element i in a Uint32Array view: 2i + HIGH, 2i + LOW. */
const HIGH = LITTLE_ENDIAN ? 1 : 0;
const LOW = 1 - HIGH;

/** Bits that number `n` items (at least 1). */
const indexBitsFor = (n: number): number => (n <= 1 ? 1 : 32 - Math.clz32(n - 1));

/**
 * The high and the low 32-bit word of the 64-bit key of a double whose words are `h`, `l`:
 * unsigned order of keys is the order of values. The IEEE-754 pattern with the sign bit
 * flipped for values >= 0, every bit flipped for negative ones (`-0` as `0`).
 */
const highKey = (h: number, l: number): number =>
  h >>> 31 === 1 ? (h === 0x80000000 && l === 0 ? 0x80000000 : ~h) : h | 0x80000000;
const lowKey = (h: number, l: number): number =>
  h >>> 31 === 1 ? (h === 0x80000000 && l === 0 ? 0 : ~l) : l;

/**
 * Item indices in rank order: `values` (finite) descending, ties by id ascending (plain
 * string comparison). `inIdOrder` lists every item in id order (default: worked out from
 * `ids`). A least-significant-digit sort in two stable stages (Knuth, TAOCP 5.2.5): the
 * items, in id order, by the low bits of their value keys, then by the high bits; so
 * equal values keep the id order, and no value or id is ever compared.
 *
 * @example
 * Array.from(rankDescending(new Float64Array([5, 9, 5]), ["b", "c", "a"])); // => [1, 2, 0]
 */
export function rankDescending(
  values: Float64Array,
  ids: readonly string[],
  inIdOrder = idOrder(ids),
): Int32Array {
  const n = values.length;
  const mask = (1 << indexBitsFor(n)) - 1;
  // The second stage takes whole 11-bit digits of the high bits, leaving room for the item below.
  const lowBits = 64 - 11 * Math.floor((64 - indexBitsFor(n)) / 11);
  const bits = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const place = new Int32Array(n);
  for (let k = 0; k < n; k++) place[inIdOrder[k]!] = k;
  const byLowBits = sortWrittenKeys(n, 64 - lowBits, (words) =>
    writeStageKeys(bits, place, lowBits, true, words),
  );
  for (let k = 0; k < n; k++) place[byLowBits[2 * k + LOW]! & mask] = k;
  const sorted = sortWrittenKeys(n, lowBits, (words) => writeStageKeys(bits, place, lowBits, false, words));
  const order = place; // each item's place is no longer needed: the order takes its memory
  for (let k = 0; k < n; k++) order[k] = sorted[2 * k + LOW]! & mask;
  return order;
}

/**
 * The keys of one stable stage of {@link rankDescending}: item `i` (its value's words in
 * `bits`) at `place[i]`, carrying `i` in its low bits, keyed by the low `lowBits` bits of
 * its descending value key, in the top bits (`low`), or else by the bits above them. Written
 * item by item, to scattered places: cheaper than reading scattered items.
 */
function writeStageKeys(
  bits: Uint32Array,
  place: Int32Array,
  lowBits: number,
  low: boolean,
  words: Uint32Array,
): void {
  const lowMask = (1 << lowBits) - 1;
  for (let i = 0; i < place.length; i++) {
    const k = place[i]!;
    const h = bits[2 * i + HIGH]!;
    const l = ~lowKey(h, bits[2 * i + LOW]!);
    words[2 * k + HIGH] = low ? l << (32 - lowBits) : ~highKey(h, bits[2 * i + LOW]!);
    words[2 * k + LOW] = low ? i : (l & ~lowMask) | i;
  }
}

/**
 * A sorted copy of `values` (finite numbers), ascending, `-0` as `0`; `values` is not changed.
 *
 * @example
 * sortAscending(new Float64Array([3, -1, 2])); // => Float64Array [-1, 2, 3]
 */
export function sortAscending(values: Float64Array): Float64Array {
  const n = values.length;
  const bits = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let signed = false;
  for (let i = 0; i < n && !signed; i++) signed = bits[2 * i + HIGH]! >>> 31 === 1;
  // Without a sign bit set (no negative value, no -0), a double's own bits are its key.
  if (!signed) return new Float64Array(sortWrittenKeys(n, 0, (words) => words.set(bits)).slice().buffer);
  const sorted = sortWrittenKeys(n, 0, (words) => {
    for (let i = 0; i < n; i++) {
      words[2 * i + HIGH] = highKey(bits[2 * i + HIGH]!, bits[2 * i + LOW]!);
      words[2 * i + LOW] = lowKey(bits[2 * i + HIGH]!, bits[2 * i + LOW]!);
    }
  });
  const out = new Uint32Array(2 * n);
  for (let k = 0; k < n; k++) {
    // Undo the key: a set top bit marks a value >= 0 (flip it back), else flip every bit.
    const h = sorted[2 * k + HIGH]!;
    const nonNegative = h >>> 31 === 1;
    out[2 * k + HIGH] = nonNegative ? h ^ 0x80000000 : ~h;
    out[2 * k + LOW] = nonNegative ? sorted[2 * k + LOW]! : ~sorted[2 * k + LOW]!;
  }
  return new Float64Array(out.buffer);
}

/**
 * The positions of `ids` in plain string order (equal ids by position). Each id's first
 * code units after the prefix all ids share are packed above its position in a 64-bit key,
 * in as few bits a unit as the units seen there need (decimal ids: 4 bits); ids whose keys
 * tie are then compared as strings.
 *
 * @example
 * Array.from(idOrder(["C10", "C9", "C1"])); // => [2, 0, 1]
 */
export function idOrder(ids: readonly string[]): Int32Array {
  return sortIds(ids, false)!;
}

/**
 * {@link idOrder} when every id of `ids` is distinct, else `undefined`. Equal ids have
 * equal keys and so are compared as strings anyway: telling them apart costs nothing more.
 *
 * @example
 * distinctIdOrder(["b", "a", "b"]); // => undefined
 */
export function distinctIdOrder(ids: readonly string[]): Int32Array | undefined {
  return sortIds(ids, true);
}

/** {@link idOrder}; with `distinct`, `undefined` as soon as two ids are equal. */
function sortIds(ids: readonly string[], distinct: boolean): Int32Array | undefined {
  const n = ids.length;
  const indexBits = indexBitsFor(n);
  const sorted = sortWrittenKeys(n, indexBits, (words) => writeIdKeys(ids, indexBits, words));
  const mask = (1 << indexBits) - 1;
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = sorted[2 * k + LOW]! & mask;
  // Ids whose packed units are equal come out by position: compare them as strings.
  let start = 0;
  for (let k = 1; k <= n; k++) {
    if (k < n && sorted[2 * k + HIGH] === sorted[2 * start + HIGH]) {
      if ((sorted[2 * k + LOW]! ^ sorted[2 * start + LOW]!) >>> indexBits === 0) continue;
    }
    if (k - start > 1) {
      const run = order.subarray(start, k).sort((x, y) => compareIds(ids[x]!, ids[y]!) || x - y);
      if (distinct && run.some((x, r) => r > 0 && ids[x] === ids[run[r - 1]!])) return undefined;
    }
    start = k;
  }
  return order;
}

/**
 * How {@link idOrder} packs units: after the prefix `prefix` (`from` units), `highUnits`
 * units into the high word and `lowUnits` into the low word above the index, each as
 * `unit - low + 1` in `bits` bits (0 past the end), left-aligned (times `highScale`, `lowScale`).
 */
interface UnitPacking {
  readonly prefix: string;
  readonly from: number;
  readonly bits: number;
  readonly low: number;
  readonly highUnits: number;
  readonly lowUnits: number;
  readonly highScale: number;
  readonly lowScale: number;
}

/**
 * Writes each id's key. The packing is guessed from 64 ids spread over the array and
 * checked on every id as it is written (one reading of each id instead of three); when an
 * id does not fit, it is worked out from all the ids, which always fit.
 */
function writeIdKeys(ids: readonly string[], indexBits: number, words: Uint32Array): void {
  const step = Math.max(1, Math.floor(ids.length / 64));
  const sample = Array.from({ length: Math.ceil(ids.length / step) }, (_, k) => ids[k * step]!);
  if (!packIds(ids, unitPacking(sample, indexBits), words)) packIds(ids, unitPacking(ids, indexBits), words);
}

/** The common prefix of `ids` and the range of the (at most 16) units after it: how many fit whole in the high word and above the index. */
function unitPacking(ids: readonly string[], indexBits: number): UnitPacking {
  const from = commonPrefixLength(ids);
  let low = 0xffff;
  let high = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const end = Math.min(id.length, from + 16);
    for (let c = from; c < end; c++) {
      const unit = id.charCodeAt(c);
      if (unit < low) low = unit;
      if (unit > high) high = unit;
    }
  }
  const bits = high < low ? 1 : 32 - Math.clz32(high - low + 1);
  const highUnits = Math.min(16, Math.floor(32 / bits));
  const lowUnits = Math.min(16 - highUnits, Math.floor((32 - indexBits) / bits));
  return {
    prefix: ids.length === 0 ? "" : ids[0]!.slice(0, from),
    from,
    bits,
    low,
    highUnits,
    lowUnits,
    highScale: 2 ** (32 - highUnits * bits),
    lowScale: 2 ** (32 - lowUnits * bits),
  };
}

/**
 * Writes each id's key (its packed units from the top bit down, then its position in the
 * low bits); `false` as soon as an id does not start with the prefix or has a unit the
 * packing's bits cannot hold.
 */
function packIds(ids: readonly string[], packing: UnitPacking, words: Uint32Array): boolean {
  const { prefix, from, low, highScale, lowScale } = packing;
  const scale = 2 ** packing.bits;
  const middle = from + packing.highUnits;
  const end = middle + packing.lowUnits;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const length = id.length;
    for (let c = 0; c < from; c++) if (id.charCodeAt(c) !== prefix.charCodeAt(c)) return false;
    let high = 0;
    let rest = 0;
    let outside = 0; // negative once a unit falls outside [0, scale)
    for (let c = from; c < middle; c++) {
      const unit = c < length ? id.charCodeAt(c) - low + 1 : 0;
      outside |= unit | (scale - 1 - unit);
      high = high * scale + unit;
    }
    for (let c = middle; c < end; c++) {
      const unit = c < length ? id.charCodeAt(c) - low + 1 : 0;
      outside |= unit | (scale - 1 - unit);
      rest = rest * scale + unit;
    }
    if (outside < 0) return false;
    words[2 * i + HIGH] = high * highScale;
    words[2 * i + LOW] = rest * lowScale + i;
  }
  return true;
}

/** The number of leading code units every id of `ids` shares (0 for none). */
function commonPrefixLength(ids: readonly string[]): number {
  if (ids.length === 0) return 0;
  const first = ids[0]!;
  let common = first.length;
  for (let i = 1; i < ids.length && common > 0; i++) {
    const id = ids[i]!;
    let k = 0;
    while (k < common && k < id.length && id.charCodeAt(k) === first.charCodeAt(k)) k++;
    common = k;
  }
  return common;
}
