import { rankDescending } from "../engine/rank.js";
import type { ValidationIssue } from "../errors/CustomerValueError.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertFinite, assertInRange, assertOneOf } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import {
  assertAccessor,
  assertItems,
  byGroup,
  type GroupAccessor,
  type GroupedResult,
  headCountFor,
  type IdAccessor,
  type NumberAccessor,
  rankOf,
  readItems,
  readNumbers,
} from "./internal.js";

/** How {@link keyCustomers} combines the sales ranking and the profit ranking. */
export type KeyCustomerCombine = "both" | "either" | "weighted";

/** The ways to combine the two rankings, for validation and documentation. */
export const KEY_CUSTOMER_COMBINE: readonly KeyCustomerCombine[] = ["both", "either", "weighted"];

/** Options of {@link keyCustomers}. */
export interface KeyCustomersOptions<T> {
  /** Each customer's sales: a numeric field name or a function of the item. Required. */
  readonly sales: NumberAccessor<T>;
  /** Each customer's profit (may be negative): a numeric field name or a function of the item. Required. */
  readonly profit: NumberAccessor<T>;
  /** Each item's id, unique (default: the item's `id` field, else its `customerId` field). */
  readonly id?: IdAccessor<T>;
  /** The head of each ranking: the top `headShare` of customers, in (0, 1] (default 0.2, "the top 20%"). */
  readonly headShare?: number;
  /**
   * How to combine the rankings (default `"both"`): `"both"` = in the head by sales
   * and in the head by profit; `"either"` = in at least one head; `"weighted"` = the
   * top `headCount` customers by the weighted rank score.
   */
  readonly combine?: KeyCustomerCombine;
  /** Weights of the sales and the profit rank scores (default `{ sales: 0.5, profit: 0.5 }`; >= 0, not both 0; normalised to sum 1). */
  readonly weights?: { readonly sales: number; readonly profit: number };
  /** Select per group (a field name or a function giving the group key); the result is then an array of `{ group, result }`. */
  readonly groupBy?: GroupAccessor<T>;
}

/** One customer in {@link keyCustomers}. */
export interface KeyCustomerRow<T> {
  /** The original item. */
  readonly item: T;
  /** Its id. */
  readonly id: string;
  /** Its sales. */
  readonly sales: number;
  /** Its profit. */
  readonly profit: number;
  /** Rank by sales, 1 = largest (ties by id ascending). */
  readonly salesRank: number;
  /** Rank by profit, 1 = largest (ties by id ascending). */
  readonly profitRank: number;
  /** `salesRank <= headCount`. */
  readonly inSalesHead: boolean;
  /** `profitRank <= headCount`. */
  readonly inProfitHead: boolean;
  /** Weighted rank score in (0, 1]: `w_s (n - salesRank + 1) / n + w_p (n - profitRank + 1) / n`. */
  readonly score: number;
  /** Whether the customer is a key customer under the chosen `combine` rule. */
  readonly isKey: boolean;
}

/** The result of {@link keyCustomers}. */
export interface KeyCustomersResult<T> {
  /** The rule used. */
  readonly combine: KeyCustomerCombine;
  /** The normalised weights (sum 1). */
  readonly weights: { readonly sales: number; readonly profit: number };
  /** Size of each ranking's head: the smallest whole `k >= headShare * n`. */
  readonly headCount: number;
  /** Number of customers, `n`. */
  readonly customerCount: number;
  /** Number of key customers. */
  readonly keyCount: number;
  /** The key customers' ids, in row order. */
  readonly keyIds: string[];
  /** The key customers (original items), in row order. */
  readonly key: T[];
  /** Every customer, ordered by score descending, ties by id ascending. */
  readonly customers: KeyCustomerRow<T>[];
}

/** {@link KeyCustomersOptions} with `groupBy` given. */
export type KeyCustomersGroupedOptions<T> = KeyCustomersOptions<T> & { readonly groupBy: GroupAccessor<T> };

/**
 * Key customers chosen by sales and profit together: rank the
 * customers by sales and by profit (each descending, ties by id ascending), take the
 * head of each ranking — the top `headCount` customers, `headCount` the smallest whole
 * `k >= headShare * n` (20% of 15 is 3) — and combine:
 * - `"both"` (default): key = in the sales head **and** in the profit head (at most
 *   `headCount` customers; the strict reading of "top 20% by sales and profit");
 * - `"either"`: key = in at least one head (between `headCount` and `2 * headCount`);
 * - `"weighted"`: score each customer by its rank percentiles,
 *   `score = w_s (n - salesRank + 1) / n + w_p (n - profitRank + 1) / n` (weights
 *   normalised to sum 1), and take the top `headCount` scores (ties by id ascending).
 *
 * Rankings use ranks, not values, so sales and profit may be negative (returns,
 * loss-making customers) and need no common scale. A lone customer is always key;
 * with `"both"` the result can be empty when the two heads do not overlap.
 *
 * @param items - one item per customer (never mutated)
 * @param options - see {@link KeyCustomersOptions}
 * @returns every customer with both ranks, head flags, score and key flag, plus the key
 *   customers; with `groupBy`, one `{ group, result }` per group (ascending key)
 * @throws {CustomerValueError} `EMPTY_INPUT` for no items; `INVALID_RECORD` for sales or
 *   profit that is not a finite number or a missing id; `DUPLICATE_ID` for a repeated
 *   id; `INVALID_OPTION` for a bad accessor, `headShare` outside (0, 1], an unknown
 *   `combine`, or negative / all-zero weights
 * @example
 * const r = keyCustomers(
 *   [
 *     { id: "a", sales: 100, profit: 5 }, { id: "b", sales: 90, profit: 30 },
 *     { id: "c", sales: 20, profit: 25 }, { id: "d", sales: 10, profit: -3 },
 *     { id: "e", sales: 5, profit: 1 },
 *   ],
 *   { sales: "sales", profit: "profit", headShare: 0.4 },
 * );
 * r.keyIds; // => ["b"]  (sales head a, b; profit head b, c)
 */
export function keyCustomers<T>(
  items: readonly T[],
  options: KeyCustomersGroupedOptions<T>,
): GroupedResult<KeyCustomersResult<T>>[];
export function keyCustomers<T>(items: readonly T[], options: KeyCustomersOptions<T>): KeyCustomersResult<T>;
export function keyCustomers<T>(
  items: readonly T[],
  options: KeyCustomersOptions<T>,
): KeyCustomersResult<T> | GroupedResult<KeyCustomersResult<T>>[] {
  const fn = "keyCustomers";
  if (typeof options !== "object" || options === null) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options must be an object with sales and profit accessors`,
    );
  }
  assertAccessor(options.sales, `${fn}: options.sales`);
  assertAccessor(options.profit, `${fn}: options.profit`);
  if (options.id !== undefined) assertAccessor(options.id, `${fn}: options.id`);
  const headShare = options.headShare ?? 0.2;
  assertInRange(headShare, `${fn}: options.headShare`, 0, 1, { minOpen: true });
  const combine = options.combine ?? "both";
  assertOneOf(combine, KEY_CUSTOMER_COMBINE, `${fn}: options.combine`);
  const weights = resolveWeights(options.weights, fn);
  const settings = { headShare, combine, weights };
  const analyse = (group: readonly T[], where: string) => select(group, options, settings, where);
  return options.groupBy === undefined ? analyse(items, fn) : byGroup(items, options.groupBy, fn, analyse);
}

interface Settings {
  readonly headShare: number;
  readonly combine: KeyCustomerCombine;
  readonly weights: { readonly sales: number; readonly profit: number };
}

function resolveWeights(
  weights: KeyCustomersOptions<unknown>["weights"],
  fn: string,
): { sales: number; profit: number } {
  if (weights === undefined) return { sales: 0.5, profit: 0.5 };
  if (typeof weights !== "object" || weights === null) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options.weights must be { sales, profit }, got ${describeValue(weights)}`,
    );
  }
  assertFinite(weights.sales, `${fn}: options.weights.sales`);
  assertFinite(weights.profit, `${fn}: options.weights.profit`);
  const sum = weights.sales + weights.profit;
  if (weights.sales < 0 || weights.profit < 0 || !(sum > 0)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options.weights must be >= 0 and not both 0, got ${describeValue(weights)}`,
    );
  }
  return { sales: weights.sales / sum + 0, profit: weights.profit / sum + 0 };
}

function select<T>(
  items: readonly T[],
  options: KeyCustomersOptions<T>,
  { headShare, combine, weights }: Settings,
  fn: string,
): KeyCustomersResult<T> {
  assertItems(items, fn);
  const issues: ValidationIssue[] = [];
  const profits = readNumbers(items, options.profit, "profit", issues);
  const sales = readItems(
    items,
    options.sales,
    options.id,
    { fn, name: "sales", nonNegative: false },
    issues,
  );
  const { ids, byId } = sales;
  const n = ids.length;
  const headCount = headCountFor(headShare, n);
  const salesRank = ranks(rankOf(sales));
  const profitRank = ranks(rankDescending(profits, ids, byId));
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    score[i] = (weights.sales * (n - salesRank[i]! + 1) + weights.profit * (n - profitRank[i]! + 1)) / n;
  }
  const customers: KeyCustomerRow<T>[] = [];
  for (const i of rankDescending(score, ids, byId)) {
    const inSalesHead = salesRank[i]! <= headCount;
    const inProfitHead = profitRank[i]! <= headCount;
    const isKey =
      combine === "both"
        ? inSalesHead && inProfitHead
        : combine === "either"
          ? inSalesHead || inProfitHead
          : customers.length < headCount;
    customers.push({
      item: items[i]!,
      id: ids[i]!,
      sales: sales.values[i]!,
      profit: profits[i]!,
      salesRank: salesRank[i]!,
      profitRank: profitRank[i]!,
      inSalesHead,
      inProfitHead,
      score: score[i]!,
      isKey,
    });
  }
  const keyRows = customers.filter((row) => row.isKey);
  const key = keyRows.map((row) => row.item);
  const keyIds = keyRows.map((row) => row.id);
  return { combine, weights, headCount, customerCount: n, keyCount: key.length, keyIds, key, customers };
}

/** Each item's rank (1 = first) from the items in rank order. */
function ranks(order: Int32Array): Int32Array {
  const rank = new Int32Array(order.length);
  order.forEach((i, r) => {
    rank[i] = r + 1;
  });
  return rank;
}
