/**
 * Customer ids: dictionary encoding (each distinct id numbered once, in order of first
 * appearance), lookups, repeats, and the id order of an id array. Every id table is a
 * `Map`, so ids such as `__proto__` or `constructor` are plain keys.
 */
import { idOrder } from "./rank.js";

/**
 * Numbers ids in order of first appearance: `code(id)` gives the id's index in `ids`,
 * adding it when new; `find(id)` looks one up without adding it (-1 when absent).
 */
export class IdDictionary {
  /** The distinct ids, in order of first appearance. */
  readonly ids: string[] = [];
  private readonly codes = new Map<string, number>();

  /** A dictionary of `ids` in their order (repeats keep their first number). */
  static of(ids: Iterable<string>): IdDictionary {
    const dictionary = new IdDictionary();
    for (const id of ids) dictionary.code(id);
    return dictionary;
  }

  /** The number of `id`, added when new. */
  code(id: string): number {
    let c = this.codes.get(id);
    if (c === undefined) {
      c = this.ids.length;
      this.ids.push(id);
      this.codes.set(id, c);
    }
    return c;
  }

  /** The number of `id`, or -1 when it is not in the dictionary. */
  find(id: string): number {
    return this.codes.get(id) ?? -1;
  }
}

/**
 * The first repeated id of `ids` as `[first position, repeating position]` (the smallest
 * repeating position), or `undefined` when every id is distinct.
 *
 * @example
 * firstRepeat(["a", "b", "a", "b"]); // => [0, 2]
 */
export function firstRepeat(ids: ArrayLike<string>): [number, number] | undefined {
  const seen = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const before = seen.get(ids[i]!);
    if (before !== undefined) return [before, i];
    seen.set(ids[i]!, i);
  }
  return undefined;
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
 * hash table (FNV-1a over the bytes, linear probing, kept at most half full) beside a copy
 * of each distinct id's bytes.
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
  private readonly decoder = new TextDecoder();

  /** The code of the id written in `bytes[from .. to)`, added when new. */
  codeOf(bytes: Uint8Array, from: number, to: number): number {
    let hash = 0x811c9dc5;
    for (let k = from; k < to; k++) hash = Math.imul(hash ^ bytes[k]!, 0x01000193);
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
    this.ids.push(this.decoder.decode(bytes.subarray(from, to)));
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
