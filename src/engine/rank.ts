/**
 * Ranking through one sort of 64-bit keys: values descending with ties by id (the
 * library's ranking), values ascending, and ids in plain string order (UTF-16 code units,
 * as `<` compares them: the same on every machine and locale). Each item's key holds as
 * much of what it is ranked by as fits above its own index; items whose keys cannot tell
 * them apart are then ordered exactly, run by run.
 */
import { sortKeys } from "./sortKeys.js";

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
 * Writes into `words` (the 32-bit view of 64-bit keys) each value's key, whose unsigned
 * order is the order of the values: the IEEE-754 pattern with the sign bit flipped for
 * values >= 0, every bit flipped for negative ones (`-0` as `0`); complemented when
 * `descending`. With `position`, its low `indexBits` bits are replaced by `position[i]`.
 */
function writeValueKeys(
  values: Float64Array,
  words: Uint32Array,
  descending: boolean,
  position?: { bits: number; of: Int32Array },
): void {
  const bits = new Uint32Array(values.buffer, values.byteOffset, 2 * values.length);
  const flip = descending ? 0xffffffff : 0;
  const keep = position === undefined ? 0xffffffff : ~((1 << position.bits) - 1);
  for (let i = 0; i < values.length; i++) {
    const zero = values[i] === 0;
    const h = zero ? 0 : bits[2 * i + HIGH]!;
    const l = zero ? 0 : bits[2 * i + LOW]!;
    const negative = h >>> 31 === 1;
    words[2 * i + HIGH] = (negative ? ~h : h | 0x80000000) ^ flip;
    words[2 * i + LOW] =
      (((negative ? ~l : l) ^ flip) & keep) | (position === undefined ? 0 : position.of[i]!);
  }
}

/**
 * Item indices in rank order: `values` (finite) descending, ties by id ascending (plain
 * string comparison). `inIdOrder` lists every item in id order (default: worked out from
 * `ids`); each key holds the item's place in it below the value, so ties come out in id
 * order and only values closer than the key resolves need a second look.
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
  const indexBits = indexBitsFor(n);
  const rank = inverse(inIdOrder);
  const keys = new BigUint64Array(n);
  writeValueKeys(values, new Uint32Array(keys.buffer), true, { bits: indexBits, of: rank });
  const sorted = new Uint32Array(sortKeys(keys, indexBits).buffer);
  const mask = (1 << indexBits) - 1;
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = inIdOrder[sorted[2 * k + LOW]! & mask]!;
  // Keys equal above the rank: ties (in id order already) or values too close for the key.
  let start = 0;
  for (let k = 1; k <= n; k++) {
    if (k < n && sameAboveIndex(sorted, k, start, indexBits)) continue;
    if (k - start > 1 && !allEqual(values, order, start, k)) {
      order.subarray(start, k).sort((x, y) => values[y]! - values[x]! || rank[x]! - rank[y]!);
    }
    start = k;
  }
  return order;
}

/** Whether sorted keys `k` and `start` agree above their low `indexBits` bits. */
function sameAboveIndex(words: Uint32Array, k: number, start: number, indexBits: number): boolean {
  return (
    words[2 * k + HIGH] === words[2 * start + HIGH] &&
    (words[2 * k + LOW]! ^ words[2 * start + LOW]!) >>> indexBits === 0
  );
}

/** Whether the items `order[from .. to)` all have the same value. */
function allEqual(values: Float64Array, order: Int32Array, from: number, to: number): boolean {
  const first = values[order[from]!]!;
  for (let k = from + 1; k < to; k++) if (values[order[k]!] !== first) return false;
  return true;
}

/** The inverse of a permutation of `0 .. n - 1`. */
function inverse(permutation: Int32Array): Int32Array {
  const out = new Int32Array(permutation.length);
  for (let r = 0; r < permutation.length; r++) out[permutation[r]!] = r;
  return out;
}

/**
 * A sorted copy of `values` (finite numbers), ascending, `-0` as `0`; `values` is not changed.
 *
 * @example
 * sortAscending(new Float64Array([3, -1, 2])); // => Float64Array [-1, 2, 3]
 */
export function sortAscending(values: Float64Array): Float64Array {
  const keys = new BigUint64Array(values.length);
  writeValueKeys(values, new Uint32Array(keys.buffer), false);
  const words = new Uint32Array(sortKeys(keys, 0).buffer);
  for (let k = 0; k < values.length; k++) {
    // Undo the key: a set top bit marks a value >= 0 (flip it back), else flip every bit.
    const h = words[2 * k + HIGH]!;
    const nonNegative = h >>> 31 === 1;
    words[2 * k + HIGH] = nonNegative ? h ^ 0x80000000 : ~h;
    if (!nonNegative) words[2 * k + LOW] = ~words[2 * k + LOW]!;
  }
  return new Float64Array(words.buffer);
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
  const n = ids.length;
  const indexBits = indexBitsFor(n);
  const packing = unitPacking(ids, indexBits);
  const keys = new BigUint64Array(n);
  const words = new Uint32Array(keys.buffer);
  for (let i = 0; i < n; i++) writeIdKey(ids[i]!, i, packing, words);
  const sorted = new Uint32Array(sortKeys(keys, indexBits).buffer);
  const mask = (1 << indexBits) - 1;
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = sorted[2 * k + LOW]! & mask;
  // Ids whose packed units are equal come out by position: compare them as strings.
  let start = 0;
  for (let k = 1; k <= n; k++) {
    if (k < n && sameAboveIndex(sorted, k, start, indexBits)) continue;
    if (k - start > 1) order.subarray(start, k).sort((x, y) => compareIds(ids[x]!, ids[y]!) || x - y);
    start = k;
  }
  return order;
}

/**
 * How {@link idOrder} packs units: from position `from`, `highUnits` units into the high
 * word and `lowUnits` into the low word above the index, each as `unit - low + 1` in
 * `bits` bits (0 past the end), left-aligned (times `highScale`, `lowScale`).
 */
interface UnitPacking {
  readonly from: number;
  readonly bits: number;
  readonly low: number;
  readonly highUnits: number;
  readonly lowUnits: number;
  readonly highScale: number;
  readonly lowScale: number;
}

/** The units after the common prefix (at most 16): their range, and so how many fit whole in the high word and above the index. */
function unitPacking(ids: readonly string[], indexBits: number): UnitPacking {
  const from = commonPrefixLength(ids);
  let low = 0xffff;
  let high = 0;
  for (const id of ids) {
    for (let c = from; c < Math.min(id.length, from + 16); c++) {
      const unit = id.charCodeAt(c);
      if (unit < low) low = unit;
      if (unit > high) high = unit;
    }
  }
  const bits = high < low ? 1 : 32 - Math.clz32(high - low + 1);
  const highUnits = Math.min(16, Math.floor(32 / bits));
  const lowUnits = Math.min(16 - highUnits, Math.floor((32 - indexBits) / bits));
  return {
    from,
    bits,
    low,
    highUnits,
    lowUnits,
    highScale: 2 ** (32 - highUnits * bits),
    lowScale: 2 ** (32 - lowUnits * bits),
  };
}

/** Writes id `i`'s key: its packed units from the top bit down, then `i` in the low bits. */
function writeIdKey(id: string, i: number, packing: UnitPacking, words: Uint32Array): void {
  const { from, bits, low, highUnits, lowUnits } = packing;
  const scale = 2 ** bits;
  let high = 0;
  let rest = 0;
  for (let c = from; c < from + highUnits; c++)
    high = high * scale + (c < id.length ? id.charCodeAt(c) - low + 1 : 0);
  for (let c = from + highUnits; c < from + highUnits + lowUnits; c++) {
    rest = rest * scale + (c < id.length ? id.charCodeAt(c) - low + 1 : 0);
  }
  words[2 * i + HIGH] = high * packing.highScale;
  words[2 * i + LOW] = rest * packing.lowScale + i;
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
