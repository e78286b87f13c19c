import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertInRange } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import type { CompensatedSum } from "../internal/sum.js";
import {
  assertAccessor,
  assertItems,
  assertPositiveTotal,
  byGroup,
  type GroupAccessor,
  type GroupedResult,
  headCountFor,
  type IdAccessor,
  type NumberAccessor,
  type RankedColumns,
  rankColumns,
  rankItemColumns,
  reachTarget,
  readItems,
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
 * Splits customers into the head that carries the business and the tail (the 80/20
 * rule, DOMAIN.md section 2).
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
 * fall in the head only when the customer share requires it. Sums are compensated.
 *
 * Columnar input (issue 11): `items` may be {@link ItemColumns} `{ ids, values }` instead
 * of an array of items — the same checks, ranking and figures, with the ids as the head
 * and tail (rank order) and only `headShare` / `valueShare` as options (no `groupBy`).
 * Faster for many customers: no object per customer is read or returned.
 *
 * @param items - one item per customer, or {@link ItemColumns} (never mutated)
 * @param options - see {@link ParetoSplitOptions} (for columns: {@link ParetoSplitColumnsOptions}, optional)
 * @returns the head and tail (original items, rank order; ids for columns) with counts,
 *   values and shares; with `groupBy`, one `{ group, result }` per group, groups in
 *   ascending key order
 * @throws {CustomerValueError} `EMPTY_INPUT` for no items; `INVALID_RECORD` for a value
 *   that is not a finite number or a missing id; `DUPLICATE_ID` for a repeated id;
 *   `NEGATIVE_VALUE` for a negative value (use {@link whaleCurve} for profit);
 *   `ZERO_TOTAL` when every value is 0; `INVALID_OPTION` for a share outside (0, 1]
 *   or both shares given (or `groupBy` with columns); for columns also `INVALID_RECORD` for
 *   `ids` and `values` that are not arrays (`values` may be a `Float64Array`) of one length
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
  if (isItemColumns(items)) {
    const rule = resolveShares(options ?? {}, fn);
    if ((options as { groupBy?: unknown } | undefined)?.groupBy !== undefined) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fn}: options.groupBy is not available with columns (split the columns per group first)`,
      );
    }
    const ranked = rankItemColumns(items, fn);
    return splitColumns(ranked, rule, fn, ranked.columns.ids);
  }
  const recordOptions = options as ParetoSplitOptions<T>;
  const rule = resolveRule(recordOptions, fn);
  if (recordOptions.groupBy !== undefined) {
    return byGroup(items, recordOptions.groupBy, fn, (group, where) =>
      split(group, recordOptions, rule, where),
    );
  }
  return split(items, recordOptions, rule, fn);
}

interface Rule {
  readonly mode: "headShare" | "valueShare";
  readonly share: number;
}

function resolveRule<T>(options: ParetoSplitOptions<T>, fn: string): Rule {
  if (typeof options !== "object" || options === null) {
    throw new CustomerValueError("INVALID_OPTION", `${fn}: options must be an object with a value accessor`);
  }
  assertAccessor(options.value, `${fn}: options.value`);
  if (options.id !== undefined) assertAccessor(options.id, `${fn}: options.id`);
  return resolveShares(options, fn);
}

function resolveShares(options: ParetoSplitColumnsOptions, fn: string): Rule {
  if (typeof options !== "object" || options === null) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options must be an object, got ${describeValue(options)}`,
    );
  }
  const { headShare, valueShare } = options;
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

function split<T>(
  items: readonly T[],
  options: ParetoSplitOptions<T>,
  rule: Rule,
  fn: string,
): ParetoSplitResult<T> {
  assertItems(items, fn);
  const columns = readItems(items, options.value, options.id, fn, { valueName: "value", nonNegative: true });
  return splitColumns(rankColumns(columns), rule, fn, items);
}

/** The split of checked columns; `source[i]` is what the head and tail hold for item `i`. */
function splitColumns<R>(
  { columns, order, total: totalValue }: RankedColumns,
  rule: Rule,
  fn: string,
  source: readonly R[],
): ParetoSplitResult<R> {
  const { values } = columns;
  const n = values.length;
  assertPositiveTotal(totalValue, fn, "value");
  // By customer share: the top headCountFor(share, n) items. By value share: items in rank
  // order until their sum reaches the share of the total (at least one item, even for a
  // share so small that the empty head "reaches" it); see `reaches`.
  const sums = new Float64Array(3);
  if (rule.mode === "headShare") {
    sumHead(values, order, headCountFor(rule.share, n), Number.POSITIVE_INFINITY, sums);
  } else {
    sumHead(values, order, n, reachTarget(rule.share, totalValue), sums);
  }
  const headValue = sums[0]! + sums[1]! + 0;
  const headCount = sums[2]!;
  // Performance (issue 11): head and tail filled straight from the order, each allocated once.
  const headItems = new Array<R>(headCount);
  const tailItems = new Array<R>(n - headCount);
  pick(source, order, 0, headCount, headItems);
  pick(source, order, headCount, n, tailItems);
  return {
    mode: rule.mode,
    head: headItems,
    tail: tailItems,
    headCount,
    customerCount: n,
    headCustomerShare: headCount / n,
    headValue,
    totalValue,
    headValueShare: Math.min(1, headValue / totalValue),
    cutoffValue: values[order[headCount - 1]!]!,
  };
}

/**
 * Adds `values[order[r]]` for r = 0, 1, … (compensated, as {@link CompensatedSum}) until
 * `count` items are in, or, after the first, as soon as the sum is at least `target`.
 * Leaves the sum, its correction and the number of items added in `sums[0..2]`. A loop
 * kernel (see readOrder in kernels.ts).
 */
function sumHead(
  values: Float64Array,
  order: Uint32Array,
  count: number,
  target: number,
  sums: Float64Array,
): void {
  let total = 0;
  let correction = 0;
  for (let r = 0; r < count; r++) {
    if (r > 0 && total + correction + 0 >= target) break;
    const x = values[order[r]!]!;
    const t = total + x;
    correction += Math.abs(total) >= Math.abs(x) ? total - t + x : x - t + total;
    total = t;
    sums[0] = total;
    sums[1] = correction;
    sums[2] = r + 1;
  }
}

/** `out[r - from] = source[order[r]]` for r in [from, to) (a loop kernel). */
function pick<R>(source: readonly R[], order: Uint32Array, from: number, to: number, out: R[]): void {
  for (let r = from; r < to; r++) out[r - from] = source[order[r]!]!;
}
