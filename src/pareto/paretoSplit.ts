import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertInRange } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import {
  assertAccessor,
  byGroup,
  type Columns,
  type GroupAccessor,
  type GroupedResult,
  headOf,
  type IdAccessor,
  type NumberAccessor,
  rankOf,
  type HeadRule,
  readColumns,
  readItems,
  reportedTotal,
} from "./internal.js";
import { isItemColumns, type ItemColumns } from "./itemColumns.js";

/** Options of {@link paretoSplit}. Give at most one of `headShare` and `valueShare`. */
export interface ParetoSplitOptions<T> {
  /** Each item's value (>= 0): a numeric field name or a function of the item. Required. */
  readonly value: NumberAccessor<T>;
  /** Each item's id, unique (default: the item's `id` field, else its `customerId` field). */
  readonly id?: IdAccessor<T>;
  /** Split by customer share: the head is the top `headShare` of the items, in (0, 1] (default 0.2 when `valueShare` is not given). */
  readonly headShare?: number;
  /** Split by value share: the head is the smallest top group holding at least `valueShare` of the total, in (0, 1]. */
  readonly valueShare?: number;
  /** Analyse each group separately (a field name or a function giving the group key); the result is then an array of `{ group, result }`. */
  readonly groupBy?: GroupAccessor<T>;
}

/** Options of {@link paretoSplit} on {@link ItemColumns}: the rule only (at most one of the two shares). */
export interface ParetoSplitColumnsOptions {
  /** Split by customer share, in (0, 1] (default 0.2 when `valueShare` is not given). */
  readonly headShare?: number | undefined;
  /** Split by value share, in (0, 1]. */
  readonly valueShare?: number | undefined;
}

/** The result of {@link paretoSplit}. */
export interface ParetoSplitResult<T> {
  /** `"headShare"` or `"valueShare"`: which rule chose the head. */
  readonly mode: "headShare" | "valueShare";
  /** The head: the original items, in rank order (value descending, ties by id ascending). */
  readonly head: T[];
  /** The tail: every other item, in rank order. */
  readonly tail: T[];
  /** Number of items in the head (>= 1). */
  readonly headCount: number;
  /** Number of items (head plus tail). */
  readonly customerCount: number;
  /** `headCount / customerCount`. */
  readonly headCustomerShare: number;
  /** Total value of the head (compensated sum). */
  readonly headValue: number;
  /** Total value of all items (compensated sum, > 0). */
  readonly totalValue: number;
  /** `headValue / totalValue`. */
  readonly headValueShare: number;
  /** The value of the last (smallest) item in the head. */
  readonly cutoffValue: number;
}

/** {@link ParetoSplitOptions} with `groupBy` given. */
export type ParetoSplitGroupedOptions<T> = ParetoSplitOptions<T> & { readonly groupBy: GroupAccessor<T> };

/**
 * Splits customers into the head that carries the business and the tail (the 80/20 rule).
 *
 * Items are ranked by value descending, ties broken by id ascending (plain string
 * comparison), so the split is reproducible. Two rules choose the head:
 * - by customer share (`headShare`, default 0.2): the top `headCount` items, where
 *   `headCount` is the smallest whole `k >= headShare * n`, robust to floating error
 *   (20% of 15 customers is 3, not 4; 20% of 11 is 3);
 * - by value share (`valueShare`): the smallest top group whose cumulative value
 *   reaches `valueShare * total` — exactly reached or first exceeded (within a relative
 *   1e-12 of the total, to absorb floating error).
 *
 * Edge cases: one item is a head of one; items whose value is 0 rank last (by id) and
 * fall in the head only when the customer share requires it. Sums are compensated, so
 * `[1e16, 1, 1, 1, 1]` holds 1e16 + 4.
 *
 * `items` may also be {@link ItemColumns} `{ ids, values }`: the same checks, ranking and
 * figures, with the ids as head and tail and only the two shares as options.
 *
 * @param items - one item per customer, or {@link ItemColumns} (never mutated)
 * @param options - see {@link ParetoSplitOptions} (for columns: {@link ParetoSplitColumnsOptions}, optional)
 * @returns the head and tail (original items, rank order; ids for columns) with counts,
 *   values and shares; with `groupBy`, one `{ group, result }` per group, groups in
 *   ascending key order
 * @throws {CustomerValueError} `EMPTY_INPUT` for no items; `INVALID_RECORD` for a value
 *   that is not a finite number, a missing id, or a total beyond the largest double;
 *   `DUPLICATE_ID` for a repeated id; `NEGATIVE_VALUE` for a negative value (use
 *   {@link whaleCurve} for profit); `ZERO_TOTAL` when every value is 0; `INVALID_OPTION`
 *   for a share outside (0, 1], both shares given, or `groupBy` with columns
 * @example
 * const customers = [
 *   { id: "a", sales: 50 }, { id: "b", sales: 30 }, { id: "c", sales: 10 },
 *   { id: "d", sales: 6 }, { id: "e", sales: 4 },
 * ];
 * paretoSplit(customers, { value: "sales" }).headValueShare; // => 0.5
 * paretoSplit(customers, { value: "sales", valueShare: 0.8 }).headCount; // => 2
 * paretoSplit({ ids: ["a", "b", "c"], values: [10, 70, 20] }, { headShare: 0.3 }).head; // => ["b"]
 */
export function paretoSplit(
  columns: ItemColumns,
  options?: ParetoSplitColumnsOptions,
): ParetoSplitResult<string>;
export function paretoSplit<T>(
  items: readonly T[],
  options: ParetoSplitGroupedOptions<T>,
): GroupedResult<ParetoSplitResult<T>>[];
export function paretoSplit<T>(items: readonly T[], options: ParetoSplitOptions<T>): ParetoSplitResult<T>;
export function paretoSplit<T>(
  items: readonly T[] | ItemColumns,
  options?: ParetoSplitOptions<T> | ParetoSplitColumnsOptions,
): ParetoSplitResult<T> | ParetoSplitResult<string> | GroupedResult<ParetoSplitResult<T>>[] {
  const fn = "paretoSplit";
  const rule = resolveRule(options ?? (isItemColumns(items) ? {} : options), fn);
  const { value, id, groupBy } = (options ?? {}) as Partial<ParetoSplitOptions<T>>;
  if (isItemColumns(items)) {
    if (groupBy !== undefined) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fn}: options.groupBy is not available with columns (split the columns per group first)`,
      );
    }
    const columns = readColumns(items, fn);
    return split(columns, rule, fn, columns.ids);
  }
  assertAccessor(value, `${fn}: options.value`);
  if (id !== undefined) assertAccessor(id, `${fn}: options.id`);
  const analyse = (group: readonly T[], where: string) =>
    split(readItems(group, value!, id, { fn: where, name: "value", nonNegative: true }), rule, where, group);
  return groupBy === undefined ? analyse(items, fn) : byGroup(items, groupBy, fn, analyse);
}

function resolveRule(options: unknown, fn: string): HeadRule {
  if (typeof options !== "object" || options === null) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options must be an object with a value accessor, got ${describeValue(options)}`,
    );
  }
  const { headShare, valueShare } = options as ParetoSplitColumnsOptions;
  if (headShare !== undefined && valueShare !== undefined) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: give headShare or valueShare, not both, got headShare ${describeValue(headShare)} and valueShare ${describeValue(valueShare)}`,
    );
  }
  if (valueShare !== undefined) {
    assertInRange(valueShare, `${fn}: options.valueShare`, 0, 1, { minOpen: true });
    return { mode: "valueShare", share: valueShare };
  }
  const share = headShare ?? 0.2;
  assertInRange(share, `${fn}: options.headShare`, 0, 1, { minOpen: true });
  return { mode: "headShare", share };
}

/** The split of checked columns; `source[i]` is what the head and tail hold for item `i`. */
function split<R>(columns: Columns, rule: HeadRule, fn: string, source: readonly R[]): ParetoSplitResult<R> {
  const { values } = columns;
  const n = values.length;
  const totalValue = reportedTotal(values, fn);
  const order = rankOf(columns);
  const { headCount, headValue } = headOf(values, order, rule, totalValue);
  return {
    mode: rule.mode,
    head: pick(source, order, 0, headCount),
    tail: pick(source, order, headCount, n),
    headCount,
    customerCount: n,
    headCustomerShare: headCount / n,
    headValue,
    totalValue,
    headValueShare: Math.min(1, headValue / totalValue),
    cutoffValue: values[order[headCount - 1]!]!,
  };
}

/** `source[order[r]]` for r in [from, to). */
function pick<R>(source: readonly R[], order: Int32Array, from: number, to: number): R[] {
  const out = new Array<R>(to - from);
  for (let r = from; r < to; r++) out[r - from] = source[order[r]!]!;
  return out;
}
