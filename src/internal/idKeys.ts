/**
 * Prefix keys of customer ids: two numbers per id whose order is the order of the ids as
 * plain strings, as far as they tell the ids apart (issue 11). Not public.
 *
 * Why: a ranking puts items of equal value in id order, and on large customer bases most
 * items tie with another (totals in cents: at the bench's 864,479 customers, 70%). Their
 * strings lie all over the heap, so comparing two of them costs cache misses; the keys,
 * made once per `TransactionTable` (see tableOf.ts) and kept beside its `customerIds`, are
 * read instead (pareto/internal.ts, orderRuns). Like the table's other columns, they are
 * trusted as built: an id changed in place afterwards is not seen by them.
 *
 * The keys skip the prefix common to every id of the array (`C000…` in `C00025031`), then
 * encode the next 12 UTF-16 code units, six per key, each as `unit + 1` in 8 bits (0 past
 * the end of the id), so that comparing first keys, then second keys, compares those 12
 * units as strings do (a shorter id sorts first). An id with a unit of 255 or more among
 * them gets a first key of -1: such an id is compared as a string. So are two ids whose
 * keys are equal (the same 12 units after the common prefix).
 */

/** Code units per key: six of 8 bits fill 48 of a double's 53 exact bits. */
const UNITS_PER_KEY = 6;

/** Key arrays of id arrays, by identity (held weakly). */
const keysOfIds = new WeakMap<object, Float64Array>();

/** Computes and keeps the keys of `ids` (an array that will not change). Returns `ids`. */
export function registerIdKeys<T extends readonly string[]>(ids: T): T {
  keysOfIds.set(ids, idKeys(ids));
  return ids;
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
