/**
 * Columnar items for the pareto module: customers given as parallel columns instead of
 * one object per customer.
 */

/**
 * Customers as parallel columns: `ids[i]`, `values[i]` (and `profits[i]`) belong to
 * customer `i`. The columnar counterpart of an array of `{ id, value }` items, accepted
 * by {@link paretoSplit}, {@link gini}, {@link lorenzCurve} and {@link abcClassify}. It is
 * checked like items: ids non-empty strings and unique (`DUPLICATE_ID`), numbers finite,
 * columns of the same length. The columns are never mutated.
 */
export interface ItemColumns {
  /** One id per customer, non-empty and unique. */
  readonly ids: readonly string[];
  /** Each customer's value (>= 0 where the function needs it), parallel to `ids`. */
  readonly values: Float64Array | readonly number[];
  /** Each customer's profit (may be negative), parallel to `ids`; reserved for profit analyses (no function reads it yet). */
  readonly profits?: Float64Array | readonly number[] | undefined;
}

/**
 * Whether `input` is {@link ItemColumns} (rather than an array of items): an object, not
 * an array, with `ids` and `values` properties. Only the shape is looked at; the
 * functions that take columns check their contents.
 *
 * @param input - anything
 * @returns `true` for an object with `ids` and `values` (and not an array)
 * @example
 * isItemColumns({ ids: ["a", "b"], values: [3, 1] }); // => true
 * isItemColumns([{ id: "a", value: 3 }]); // => false
 */
export function isItemColumns(input: unknown): input is ItemColumns {
  return (
    typeof input === "object" &&
    input !== null &&
    !Array.isArray(input) &&
    !ArrayBuffer.isView(input) &&
    "ids" in input &&
    "values" in input
  );
}
