/** Accessor and result types shared by the functions of the pareto module. */

/** Reads a number from an item: the name of a numeric field, or a function of the item. */
export type NumberAccessor<T> = (keyof T & string) | ((item: T) => number);

/** Reads an id from an item: the name of a string field, or a function of the item. */
export type IdAccessor<T> = (keyof T & string) | ((item: T) => string);

/** Reads a group key from an item: the name of a string field, or a function of the item. */
export type GroupAccessor<T> = (keyof T & string) | ((item: T) => string);

/** One group of a grouped analysis: the group key and the analysis of that group's items. */
export interface GroupedResult<R> {
  /** The group key (the `groupBy` field's value or the function's result). */
  readonly group: string;
  /** The analysis of the items of this group alone. */
  readonly result: R;
}
