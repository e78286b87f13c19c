/**
 * A registry of id arrays known to hold unique, non-empty strings (issue 11). Not public.
 *
 * The pareto functions check every id of columnar input on every call (a hash pass over
 * all ids). The `customerIds` of a `TransactionTable` are unique by construction (the
 * builders encode each distinct id once), and a table is trusted as built — like its
 * other columns, which no function checks again — so the builders register that array
 * here and the checks pass it without a second look. An array the checks verified is
 * remembered only when it is frozen (it can never change). Only identities are held,
 * weakly. (The builders do not freeze the array: reading a frozen array's elements is
 * about half as fast in V8, and every analysis reads the ids.)
 */
const verified = new WeakSet<object>();

/** Registers `ids`, which the caller built as distinct non-empty strings. Returns it. */
export function registerUniqueIds<T extends readonly string[]>(ids: T): T {
  verified.add(ids);
  return ids;
}

/** Whether `ids` is a registered id array. */
export function isVerifiedUniqueIds(ids: unknown): boolean {
  return typeof ids === "object" && ids !== null && verified.has(ids);
}

/** Registers `ids`, just verified by the caller, when it is frozen (and so cannot change). */
export function rememberVerifiedIds(ids: readonly string[]): void {
  if (Object.isFrozen(ids)) verified.add(ids);
}

/**
 * Dictionary encoding of customer ids, as every table builder does it: `code(id)` gives
 * the id's index in `ids`, adding it on first sight (so `ids` is in order of first
 * appearance, each id once). A `Map`, so ids such as `__proto__` are plain keys.
 */
export class IdDictionary {
  /** The distinct ids, in order of first appearance. */
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();

  /** The index of `id` in {@link ids}, added when new. */
  code(id: string): number {
    let c = this.index.get(id);
    if (c === undefined) {
      c = this.ids.length;
      this.ids.push(id);
      this.index.set(id, c);
    }
    return c;
  }

  /** One instance kept alive (see `CompensatedSums.kept` in internal/sum.ts). */
  static readonly kept: IdDictionary = new IdDictionary();
}
