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
