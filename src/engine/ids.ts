/**
 * Customer ids: dictionary encoding (each distinct id numbered once, in order of first
 * appearance), lookups, repeats, and the id order of an id array. No id is ever an object
 * key, so ids such as `__proto__` or `constructor` are plain strings.
 */
import { compareIds, idOrder } from "./rank.js";
import { sortKeys } from "./sortKeys.js";

/**
 * Numbers ids in order of first appearance: `code(id)` gives the id's index in `ids`,
 * adding it when new; `find(id)` looks one up without adding it (-1 when absent).
 *
 * An open-addressing hash table (linear probing, at most half full, {@link hashOfId}) in
 * one typed array: each slot holds an id's hash and number side by side, and a string is
 * compared only when the hashes match. The hash is seeded at random per dictionary, so
 * that ids cannot be crafted to share one slot (hash flooding).
 */
export class IdDictionary {
  /** The distinct ids, in order of first appearance. */
  readonly ids: string[] = [];
  /** Slot `s`: `cells[2s]` the hash, `cells[2s + 1]` the number + 1 (0: empty). */
  private cells = new Int32Array(2 * 16);
  private mask = 15;
  private readonly seed = randomSeed();

  /** A dictionary of `ids` in their order (repeats keep their first number). */
  static of(ids: Iterable<string>): IdDictionary {
    const dictionary = new IdDictionary();
    if (Array.isArray(ids)) dictionary.resize(ids.length);
    for (const id of ids) dictionary.code(id);
    return dictionary;
  }

  /** The number of `id`, added when new. */
  code(id: string): number {
    const h = hashOfId(id, this.seed) | 0;
    const s = this.slotOf(id, h);
    const found = this.cells[2 * s + 1]! - 1;
    if (found >= 0) return found;
    const c = this.ids.length;
    this.ids.push(id);
    this.cells[2 * s] = h;
    this.cells[2 * s + 1] = c + 1;
    if (2 * (c + 1) > this.mask + 1) this.resize(c + 1);
    return c;
  }

  /** The number of `id`, or -1 when it is not in the dictionary. */
  find(id: string): number {
    return this.cells[2 * this.slotOf(id, hashOfId(id, this.seed) | 0) + 1]! - 1;
  }

  /** The slot that holds `id` (hash `h`), else the empty slot where it would go. */
  private slotOf(id: string, h: number): number {
    const { cells, mask, ids } = this;
    let s = h & mask;
    for (;;) {
      const c = cells[2 * s + 1]! - 1;
      if (c < 0 || (cells[2 * s] === h && ids[c] === id)) return s;
      s = (s + 1) & mask;
    }
  }

  /** Makes room for `count` ids (slots at least twice as many), moving those already in. */
  private resize(count: number): void {
    let slots = this.mask + 1;
    while (slots < 2 * count) slots *= 2;
    if (slots === this.mask + 1) return;
    const old = this.cells;
    this.cells = new Int32Array(2 * slots);
    this.mask = slots - 1;
    for (let k = 0; k < old.length; k += 2) {
      if (old[k + 1] === 0) continue;
      let s = old[k]! & this.mask;
      while (this.cells[2 * s + 1] !== 0) s = (s + 1) & this.mask;
      this.cells[2 * s] = old[k]!;
      this.cells[2 * s + 1] = old[k + 1]!;
    }
  }
}

/**
 * A 32-bit hash of `id`: FNV-1a over its UTF-16 code units from `seed` (FNV's offset basis
 * by default), then mixed (the finaliser of MurmurHash3) so that its high bits spread ids
 * that differ only in their last unit.
 */
export function hashOfId(id: string, seed = FNV_BASIS): number {
  let h = seed;
  for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
  return mix(h);
}

const FNV_BASIS = 0x811c9dc5;

/** The finaliser of MurmurHash3 (its first three steps), as an unsigned 32-bit number. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * A random starting state for a hash table's FNV-1a: colliding ids built for one state
 * (a chain of colliding blocks) do not collide from another, unknown one.
 */
const randomSeed = () => (Math.random() * 2 ** 32) >>> 0;

/**
 * The first repeated id of `ids` as `[first position, repeating position]` (the smallest
 * repeating position), or `undefined` when every id is distinct. The ids are sorted by
 * hash ({@link sortKeys}, no hash table): equal ids end up side by side, by position, and
 * only ids whose hashes agree are compared as strings.
 *
 * @example
 * firstRepeat(["a", "b", "a", "b"]); // => [0, 2]
 */
export function firstRepeat(ids: readonly string[]): [number, number] | undefined {
  const n = ids.length;
  const indexBits = n <= 1 ? 1 : 32 - Math.clz32(n - 1);
  const keys = new BigUint64Array(n);
  const words = new Uint32Array(keys.buffer);
  const [high, low] = LITTLE_ENDIAN ? [1, 0] : [0, 1];
  for (let i = 0; i < n; i++) {
    // The hash's top 32 bits above the position: equal ids sort together, by position.
    words[2 * i + high] = hashOfId(ids[i]!);
    words[2 * i + low] = i;
  }
  const sorted = new Uint32Array(sortKeys(keys, indexBits).buffer);
  let found: [number, number] | undefined;
  let start = 0;
  for (let k = 1; k <= n; k++) {
    if (k < n && sorted[2 * k + high] === sorted[2 * start + high]) continue;
    if (k - start > 1) found = earlier(found, repeatAmong(ids, sorted, start, k, low));
    start = k;
  }
  return found;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The pair with the smaller repeating position. */
const earlier = (a: [number, number] | undefined, b: [number, number] | undefined) =>
  a === undefined || (b !== undefined && b[1] < a[1]) ? b : a;

/** The first repeat among the positions of sorted keys `from .. to - 1` (one hash; positions ascending). */
function repeatAmong(
  ids: readonly string[],
  sorted: Uint32Array,
  from: number,
  to: number,
  low: number,
): [number, number] | undefined {
  const positions = Array.from({ length: to - from }, (_, k) => sorted[2 * (from + k) + low]!);
  // Colliding ids by string then position: a run of equal ids starts at its first position.
  positions.sort((x, y) => compareIds(ids[x]!, ids[y]!) || x - y);
  let found: [number, number] | undefined;
  for (let k = 1; k < positions.length; k++) {
    const first = positions[k - 1]!;
    const at = positions[k]!;
    if (ids[at] === ids[first] && (k === 1 || ids[positions[k - 2]!] !== ids[at]))
      found = earlier(found, [first, at]);
  }
  return found;
}

/**
 * Id arrays known to hold distinct non-empty strings: a table's `customerIds`, built so.
 * Like a table's other columns they are trusted as built and not checked again; only
 * identities are held, weakly.
 */
const uniqueIds = new WeakSet<object>();

/** Marks `ids`, which the caller built as distinct non-empty strings, and returns it. */
export function markUniqueIds<T extends readonly string[]>(ids: T): T {
  uniqueIds.add(ids);
  return ids;
}

/** Whether `ids` was marked by {@link markUniqueIds} (or checked and frozen). */
export function isMarkedUnique(ids: unknown): boolean {
  return typeof ids === "object" && ids !== null && uniqueIds.has(ids);
}

/** Marks `ids`, just checked by the caller, when it is frozen (and so can never change). */
export function rememberCheckedIds(ids: readonly string[]): void {
  if (Object.isFrozen(ids)) uniqueIds.add(ids);
}

/** The id order of marked arrays, made once per array. */
const orders = new WeakMap<object, Int32Array>();

/**
 * The positions of `ids` in plain string order ({@link idOrder}), kept for an array marked
 * unique (a table's ids are read in that order by every ranking and by-id result).
 */
export function idOrderOf(ids: readonly string[]): Int32Array {
  if (!isMarkedUnique(ids)) return idOrder(ids);
  let order = orders.get(ids);
  if (order === undefined || order.length !== ids.length) {
    order = idOrder(ids);
    orders.set(ids, order);
  }
  return order;
}

/**
 * Ids numbered in order of first appearance, looked up by their UTF-8 bytes, so that
 * reading a file makes a string only for each new id, not for every row: an open-addressing
 * hash table (FNV-1a over the bytes from a random seed, mixed as {@link hashOfId}; linear
 * probing, kept at most half full) beside a copy of each distinct id's bytes.
 */
export class ByteIdDictionary {
  /** The distinct ids, in order of first appearance. */
  readonly ids: string[] = [];
  /** Slot s: the code + 1 of the id stored there (0: empty), and its hash. */
  private slots = new Int32Array(2048);
  private hashes = new Int32Array(2048);
  /** Id c's bytes are `arena[starts[c] .. starts[c + 1])`. */
  private arena = new Uint8Array(1 << 16);
  private starts = new Int32Array(1025);
  // ignoreBOM: a U+FEFF that starts an id is part of it.
  // fatal: bytes that are not UTF-8 would all decode to U+FFFD, making distinct ids equal.
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true });
  private readonly seed = randomSeed();

  /** The code of the id written in `bytes[from .. to)`, added when new; -1 when they are not UTF-8. */
  codeOf(bytes: Uint8Array, from: number, to: number): number {
    let hash = this.seed;
    for (let k = from; k < to; k++) hash = Math.imul(hash ^ bytes[k]!, 0x01000193);
    hash = mix(hash) | 0;
    const mask = this.slots.length - 1;
    let s = hash & mask;
    for (let code = this.slots[s]! - 1; code >= 0; code = this.slots[s]! - 1) {
      if (this.hashes[s] === hash && this.sameBytes(code, bytes, from, to)) return code;
      s = (s + 1) & mask;
    }
    return this.add(bytes, from, to, hash, s);
  }

  private sameBytes(code: number, bytes: Uint8Array, from: number, to: number): boolean {
    const at = this.starts[code]!;
    if (this.starts[code + 1]! - at !== to - from) return false;
    for (let k = 0; k < to - from; k++) if (this.arena[at + k] !== bytes[from + k]) return false;
    return true;
  }

  private add(bytes: Uint8Array, from: number, to: number, hash: number, slot: number): number {
    const code = this.ids.length;
    let id: string;
    try {
      id = this.decoder.decode(bytes.subarray(from, to));
    } catch {
      return -1;
    }
    this.ids.push(id);
    const at = this.starts[code]!;
    if (code + 2 > this.starts.length) this.starts = grown(this.starts, 2 * this.starts.length);
    if (at + (to - from) > this.arena.length) this.arena = grown(this.arena, 2 * (at + (to - from)));
    this.arena.set(bytes.subarray(from, to), at);
    this.starts[code + 1] = at + (to - from);
    this.slots[slot] = code + 1;
    this.hashes[slot] = hash;
    if (2 * this.ids.length > this.slots.length) this.rehash();
    return code;
  }

  /** Doubles the table and places every id again. */
  private rehash(): void {
    const old = { slots: this.slots, hashes: this.hashes };
    this.slots = new Int32Array(2 * old.slots.length);
    this.hashes = new Int32Array(2 * old.slots.length);
    const mask = this.slots.length - 1;
    for (let t = 0; t < old.slots.length; t++) {
      if (old.slots[t] === 0) continue;
      let s = old.hashes[t]! & mask;
      while (this.slots[s] !== 0) s = (s + 1) & mask;
      this.slots[s] = old.slots[t]!;
      this.hashes[s] = old.hashes[t]!;
    }
  }
}

/** A copy of `array` in a new array of `size` elements. */
function grown<T extends Int32Array | Uint8Array>(array: T, size: number): T {
  const out = new (array.constructor as new (n: number) => T)(size);
  out.set(array);
  return out;
}

/**
 * `map.get` for ids asked in turn, reading the Map's entries in order for as long as the
 * ids follow it — a merge join, as when the Map was built from the same rows — instead of
 * hashing each id (whose lookups miss the cache at a million ids: over 10× the time). From
 * the first id out of step on, `get`. A subclass of `Map` keeps its own `get`.
 */
export function lookupInOrder<V>(map: ReadonlyMap<string, V>): (id: string) => V | undefined {
  if (Object.getPrototypeOf(map) !== Map.prototype) return (id) => map.get(id);
  let entries: Iterator<[string, V]> | undefined;
  let inStep = true;
  return (id) => {
    if (inStep) {
      entries ??= map.entries(); // made at the first lookup, as `get` would first be called
      const next = entries.next();
      if (next.done !== true && next.value[0] === id) return next.value[1];
      inStep = false;
      entries = undefined;
    }
    return map.get(id);
  };
}
