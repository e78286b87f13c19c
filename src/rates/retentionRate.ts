import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";

/** The two customer sets of a period: who was a customer at its start, and at its end. */
export interface CustomerSets {
  /** Ids of the customers at the start of the period (duplicates count once). */
  readonly start: Iterable<string>;
  /** Ids of the customers at the end of the period (duplicates count once). */
  readonly end: Iterable<string>;
}

/** Reads an iterable of ids into a `Set`, rejecting anything that is not a string id. */
export function readIdSet(ids: unknown, where: string): Set<string> {
  if (typeof ids === "string" || ids === null || typeof ids !== "object" || !(Symbol.iterator in ids)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${where} must be an iterable of customer ids (an array or a Set), got ${describeValue(ids)}`,
    );
  }
  const set = new Set<string>();
  for (const id of ids as Iterable<unknown>) {
    if (typeof id !== "string") {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${where} must hold customer ids as strings, got ${describeValue(id)}`,
      );
    }
    set.add(id);
  }
  return set;
}

/** `|start ∩ end|` and `|start|` for the two sets. */
export function countRetained(sets: CustomerSets, fnName: string): { retained: number; start: number } {
  if (typeof sets !== "object" || sets === null) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fnName}: expected { start, end }, got ${describeValue(sets)}`,
    );
  }
  const start = readIdSet(sets.start, `${fnName}: start`);
  const end = readIdSet(sets.end, `${fnName}: end`);
  let retained = 0;
  for (const id of start) if (end.has(id)) retained++;
  return { retained, start: start.size };
}

/**
 * The customer retention rate of a period from the two customer sets (the
 * balanced scorecard's "old-customer keep rate"):
 *
 *     retentionRate = |start ∩ end| / |start|
 *
 * Customers who joined during the period (in `end` but not in `start`) do not count.
 * Duplicate ids count once. An empty `start` has no base: the result is `null`.
 *
 * @param sets - `{ start, end }`, iterables (arrays, Sets) of customer ids
 * @returns the share of `start` that is still in `end`, in [0, 1]; `null` when `start` is empty
 * @throws {CustomerValueError} `INVALID_OPTION` when `start` or `end` is not an iterable of strings
 * @example
 * retentionRate({ start: ["a", "b", "c", "d"], end: ["a", "b", "c", "e"] }); // => 0.75
 */
export function retentionRate(sets: CustomerSets): number | null {
  const { retained, start } = countRetained(sets, "retentionRate");
  return start === 0 ? null : retained / start;
}
