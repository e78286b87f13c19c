import { countRetained, type CustomerSets } from "./retentionRate.js";

/**
 * The customer churn rate of a period from the two customer sets (balanced scorecard):
 *
 *     churnRate = |start \ end| / |start| = 1 - retentionRate
 *
 * Customers who joined during the period do not count. Duplicate ids count once.
 * An empty `start` has no base: the result is `null`.
 *
 * @param sets - `{ start, end }`, iterables (arrays, Sets) of customer ids
 * @returns the share of `start` that is no longer in `end`, in [0, 1]; `null` when `start` is empty
 * @throws {CustomerValueError} `INVALID_OPTION` when `start` or `end` is not an iterable of strings
 * @example
 * churnRate({ start: ["a", "b", "c", "d"], end: ["a", "b", "c", "e"] }); // => 0.25
 */
export function churnRate(sets: CustomerSets): number | null {
  const { retained, start } = countRetained(sets, "churnRate");
  return start === 0 ? null : (start - retained) / start;
}
