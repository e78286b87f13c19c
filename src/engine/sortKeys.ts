/**
 * Sorting unsigned 64-bit keys, held as pairs of 32-bit words (low word first on
 * little-endian machines, as a `BigUint64Array` lays them out): a stable LSD radix sort of
 * 11-bit digits (Knuth, TAOCP vol. 3, 5.2.5), linear in the keys. The callers' keys differ
 * in their low bits, which ascend in input order, so sorting by the upper bits stably is
 * sorting by the whole key.
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Index of the high and the low 32-bit word of key i in the word array: 2i + HIGH, 2i + LOW. */
const HIGH = LITTLE_ENDIAN ? 1 : 0;
const LOW = 1 - HIGH;
const DIGIT_BITS = 11;
const DIGITS = 1 << DIGIT_BITS;
const MASK = DIGITS - 1;

/** The 11-bit digit of key `i` that starts at bit `bit` (0 = lowest). */
function digitAt(words: Uint32Array, i: number, bit: number): number {
  const high = words[2 * i + HIGH]!;
  if (bit >= 32) return (high >>> (bit - 32)) & MASK;
  const low = words[2 * i + LOW]! >>> bit;
  return (bit + DIGIT_BITS <= 32 ? low : low | (high << (32 - bit))) & MASK;
}

/**
 * Sorts the `n` keys of `words` by their bits from `fromBit` up, stably; returns the array
 * that holds the result (`words` or `spare`, both of 2n words). A digit every key shares
 * is skipped: it cannot change the order.
 */
function radixSort(words: Uint32Array, spare: Uint32Array, n: number, fromBit: number): Uint32Array {
  const counts = new Int32Array(DIGITS);
  let from = words;
  let to = spare;
  for (let bit = fromBit; bit < 64; bit += DIGIT_BITS) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[digitAt(from, i, bit)]!++;
    if (counts[digitAt(from, 0, bit)] === n) continue;
    let start = 0;
    for (let d = 0; d < DIGITS; d++) {
      const count = counts[d]!;
      counts[d] = start;
      start += count;
    }
    for (let i = 0; i < n; i++) {
      const j = counts[digitAt(from, i, bit)]!++;
      to[2 * j] = from[2 * i]!;
      to[2 * j + 1] = from[2 * i + 1]!;
    }
    [from, to] = [to, from];
  }
  return from;
}

/**
 * The keys sorted ascending (by their bits from `fromBit` up, stably; see above). Returns a
 * new array; `keys` is not changed.
 */
export function sortKeys(keys: BigUint64Array, fromBit: number): BigUint64Array {
  const words = sortWrittenKeys(keys.length, fromBit, (into) =>
    into.set(new Uint32Array(keys.buffer, keys.byteOffset, 2 * keys.length)),
  );
  return new BigUint64Array(words.buffer, words.byteOffset, keys.length);
}

/**
 * Sorts `n` keys that `write` puts into a fresh array (as the 32-bit words of 64-bit keys),
 * by their bits from `fromBit` up; keys equal there keep the order written, whatever their
 * low bits hold, so the low bits can carry an item along. Returns the sorted keys' words.
 */
export function sortWrittenKeys(
  n: number,
  fromBit: number,
  write: (words: Uint32Array) => void,
): Uint32Array {
  const words = new Uint32Array(2 * n);
  write(words);
  if (n < 2) return words;
  return radixSort(words, new Uint32Array(2 * n), n, fromBit);
}
