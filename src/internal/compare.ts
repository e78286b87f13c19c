/**
 * Ranking helpers. Ties are broken by id ascending with plain string comparison
 * (UTF-16 code units, as `<` compares), so results are the same on every machine
 * and locale — `localeCompare` would not be.
 */

/** Plain string comparison: negative when `a` sorts before `b`. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Order by value descending, then id ascending (the library's ranking order). */
export function compareByValueDesc(
  a: { value: number; id: string },
  b: { value: number; id: string },
): number {
  return b.value - a.value || compareIds(a.id, b.id);
}

/** Order by value ascending, then id ascending. */
export function compareByValueAsc(
  a: { value: number; id: string },
  b: { value: number; id: string },
): number {
  return a.value - b.value || compareIds(a.id, b.id);
}
