import { CompensatedSum, fsumInOrder } from "../engine/sum.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertInRange } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import {
  assertAccessor,
  assertPositive,
  byGroup,
  type Columns,
  type GroupAccessor,
  type GroupedResult,
  type IdAccessor,
  type NumberAccessor,
  rankOf,
  reaches,
  readColumns,
  readItems,
  scaledForShares,
} from "./internal.js";
import { isItemColumns, type ItemColumns } from "./itemColumns.js";

/** An ABC class: A (the vital few), B, C (the trivial many). */
export type AbcClass = "A" | "B" | "C";

/** Options of {@link abcClassify}. */
export interface AbcClassifyOptions<T> {
  /** Each item's value (>= 0): a numeric field name or a function of the item. Required. */
  readonly value: NumberAccessor<T>;
  /** Each item's id, unique (default: the item's `id` field, else its `customerId` field). */
  readonly id?: IdAccessor<T>;
  /** The two cumulative-share cut-offs `[a, b]`, `0 < a <= b <= 1` (default `[0.8, 0.95]`; 70/90 is also in use). */
  readonly cutoffs?: readonly [number, number];
  /** Classify each group separately (a field name or a function giving the group key); the result is then an array of `{ group, result }`. */
  readonly groupBy?: GroupAccessor<T>;
}

/** One classified item of {@link abcClassify}. */
export interface AbcItem<T> {
  /** The original item. */
  readonly item: T;
  /** Its id. */
  readonly id: string;
  /** Its rank, 1 = largest value (ties by id ascending). */
  readonly rank: number;
  /** Its value. */
  readonly value: number;
  /** Cumulative share of the total held by the items up to and including this one. */
  readonly cumulativeShare: number;
  /** Its class. */
  readonly class: AbcClass;
}

/** The result of {@link abcClassify}. */
export interface AbcClassifyResult<T> {
  /** Every item, in rank order. */
  readonly items: AbcItem<T>[];
  /** How many items fall in each class. */
  readonly counts: { readonly A: number; readonly B: number; readonly C: number };
}

/** {@link AbcClassifyOptions} with `groupBy` given. */
export type AbcClassifyGroupedOptions<T> = AbcClassifyOptions<T> & { readonly groupBy: GroupAccessor<T> };

/**
 * ABC classification by cumulative value share.
 *
 * Items are ranked by value descending (ties by id ascending). With cut-offs `[a, b]`
 * an item is **A** while the cumulative share of the items ranked *before* it is below
 * `a`, **B** while it is below `b`, and **C** after. So the top item is always A, and
 * the item that crosses a cut-off still belongs to the class it started in. "Below"
 * allows a relative 1e-12 of floating error: a cumulative share that reaches the
 * cut-off exactly (80 of 100) counts as reached. Classes are therefore ordered by rank.
 *
 * Edge cases: one item is A; items with value 0 after the total is reached are C. Only
 * shares are returned, so values whose total is beyond the largest double still classify.
 *
 * `items` may also be {@link ItemColumns} `{ ids, values }`; each classified `item` is
 * then the id, and only `cutoffs` applies (no `groupBy`).
 *
 * @param items - one item per customer, or {@link ItemColumns} (never mutated)
 * @param options - see {@link AbcClassifyOptions} (for columns: only `cutoffs`, optional)
 * @returns the items in rank order with rank, value, cumulative share and class, and
 *   the class counts; with `groupBy`, one `{ group, result }` per group (ascending key)
 * @throws {CustomerValueError} `EMPTY_INPUT`, `INVALID_RECORD`, `DUPLICATE_ID`,
 *   `NEGATIVE_VALUE` (use {@link whaleCurve} for profit), `ZERO_TOTAL` (every value 0),
 *   `INVALID_OPTION` for cut-offs that are not `0 < a <= b <= 1`
 * @example
 * const r = abcClassify(
 *   [{ id: "a", v: 60 }, { id: "b", v: 25 }, { id: "c", v: 10 }, { id: "d", v: 5 }],
 *   { value: "v" },
 * );
 * r.items.map((x) => x.class).join(""); // => "AABC" (shares before: 0, 0.6, 0.85, 0.95)
 */
export function abcClassify(
  columns: ItemColumns,
  options?: { readonly cutoffs?: readonly [number, number] },
): AbcClassifyResult<string>;
export function abcClassify<T>(
  items: readonly T[],
  options: AbcClassifyGroupedOptions<T>,
): GroupedResult<AbcClassifyResult<T>>[];
export function abcClassify<T>(items: readonly T[], options: AbcClassifyOptions<T>): AbcClassifyResult<T>;
export function abcClassify<T>(
  items: readonly T[] | ItemColumns,
  maybeOptions?: AbcClassifyOptions<T> | { readonly cutoffs?: readonly [number, number] },
): AbcClassifyResult<T> | AbcClassifyResult<string> | GroupedResult<AbcClassifyResult<T>>[] {
  const fn = "abcClassify";
  const columnar = isItemColumns(items);
  const options = (columnar ? (maybeOptions ?? {}) : maybeOptions) as AbcClassifyOptions<T>;
  if (typeof options !== "object" || options === null) {
    throw new CustomerValueError("INVALID_OPTION", `${fn}: options must be an object with a value accessor`);
  }
  const cutoffs = resolveCutoffs(options.cutoffs, fn);
  if (columnar) {
    if (options.groupBy !== undefined) {
      throw new CustomerValueError("INVALID_OPTION", `${fn}: options.groupBy is not available with columns`);
    }
    const columns = readColumns(items, fn);
    return classify(columns, columns.ids, cutoffs, fn);
  }
  const { value, id, groupBy } = options;
  assertAccessor(value, `${fn}: options.value`);
  if (id !== undefined) assertAccessor(id, `${fn}: options.id`);
  const analyse = (group: readonly T[], where: string) =>
    classify(
      readItems(group, value, id, { fn: where, name: "value", nonNegative: true }),
      group,
      cutoffs,
      where,
    );
  return groupBy === undefined ? analyse(items, fn) : byGroup(items, groupBy, fn, analyse);
}

/** The cut-offs `[a, b]`, checked: `0 < a <= b <= 1` (default `[0.8, 0.95]`). */
function resolveCutoffs(cutoffs: unknown, fn: string): readonly [number, number] {
  if (cutoffs === undefined) return [0.8, 0.95];
  if (!Array.isArray(cutoffs) || cutoffs.length !== 2) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options.cutoffs must be a pair [a, b], got ${describeValue(cutoffs)}`,
    );
  }
  const [a, b] = cutoffs as unknown[];
  assertInRange(a, `${fn}: options.cutoffs[0]`, 0, 1, { minOpen: true });
  assertInRange(b, `${fn}: options.cutoffs[1]`, 0, 1, { minOpen: true });
  if (a > b) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options.cutoffs must be ascending (a <= b), got [${a}, ${b}]`,
    );
  }
  return [a, b];
}

/** The classes of checked columns; `source[i]` is what each row holds as `item` for item `i`. */
function classify<R>(
  columns: Columns,
  source: readonly R[],
  [a, b]: readonly [number, number],
  fn: string,
): AbcClassifyResult<R> {
  const { ids, values } = columns;
  const order = rankOf(columns);
  const n = order.length;
  const shareOf = scaledForShares(values, values[order[0]!]!, n);
  const totalValue = fsumInOrder(shareOf, order);
  assertPositive(totalValue, fn);
  const items: AbcItem<R>[] = new Array(n);
  const counts = { A: 0, B: 0, C: 0 };
  const cumulative = new CompensatedSum();
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    const before = cumulative.value;
    const cls: AbcClass = !reaches(before, a, totalValue) ? "A" : !reaches(before, b, totalValue) ? "B" : "C";
    counts[cls]++;
    cumulative.add(shareOf[i]!);
    const cumulativeShare = Math.min(1, cumulative.value / totalValue);
    items[r] = { item: source[i]!, id: ids[i]!, rank: r + 1, value: values[i]!, cumulativeShare, class: cls };
  }
  return { items, counts };
}
