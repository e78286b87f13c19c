import { CompensatedSum } from "../engine/sum.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import {
  assertAccessor,
  byGroup,
  type GroupAccessor,
  type GroupedResult,
  type IdAccessor,
  type NumberAccessor,
  rankOf,
  readItems,
} from "./internal.js";

/** Options of {@link whaleCurve}. */
export interface WhaleCurveOptions<T> {
  /** Each item's profit (may be negative): a numeric field name or a function of the item. Required. */
  readonly profit: NumberAccessor<T>;
  /** Each item's id, unique (default: the item's `id` field, else its `customerId` field). */
  readonly id?: IdAccessor<T>;
  /** One curve per group (a field name or a function giving the group key); the result is then an array of `{ group, result }`. */
  readonly groupBy?: GroupAccessor<T>;
}

/** One point of a whale curve: after the `k` most profitable customers. */
export interface WhalePoint {
  /** `k / n`. */
  readonly customerShare: number;
  /** Cumulative profit of those `k` customers / total profit; `null` when the total profit is <= 0. */
  readonly cumulativeProfitShare: number | null;
  /** Cumulative profit of those `k` customers (compensated sum). */
  readonly cumulativeProfit: number;
}

/** The highest point of a whale curve. */
export interface WhalePeak {
  /** Share of customers at the peak (the first `k` at which the maximum is reached). */
  readonly customerShare: number;
  /** Peak cumulative profit / total profit (above 1 when some customers lose money); `null` when the total profit is <= 0. */
  readonly profitShare: number | null;
  /** Peak cumulative profit. */
  readonly profit: number;
  /** Number of customers at the peak, `k`. */
  readonly customerCount: number;
}

/** The result of {@link whaleCurve}. */
export interface WhaleCurveResult {
  /** `n + 1` points from `(0, 0)`, customers ranked from most to least profitable. */
  readonly points: WhalePoint[];
  /** The peak of the curve. */
  readonly peak: WhalePeak;
  /** Total profit of all customers (compensated sum; may be <= 0). */
  readonly totalProfit: number;
  /** Number of customers, `n`. */
  readonly customerCount: number;
}

/** {@link WhaleCurveOptions} with `groupBy` given. */
export type WhaleCurveGroupedOptions<T> = WhaleCurveOptions<T> & { readonly groupBy: GroupAccessor<T> };

/**
 * The whale curve: cumulative profit against customers ranked from most to least
 * profitable (ties by id ascending), as a share of total profit. Profit may be negative,
 * so the curve rises above 100% of total profit while profitable customers are added and
 * falls back to 100% as the loss-makers are added. The peak is the maximum of the
 * cumulative profit over `k = 0..n` (the first `k` that reaches it); with every customer
 * loss-making the peak is the origin (0 customers).
 *
 * Point `k` has `customerShare = k / n` and `cumulativeProfitShare = P_k / P_n`, where
 * `P_k` is the compensated sum of the `k` largest profits. When the total profit `P_n`
 * is 0 or negative, the shares have no meaning and are `null` (absolute
 * `cumulativeProfit` is still given); the last point's share is exactly 1 otherwise.
 *
 * @param items - one item per customer (never mutated)
 * @param options - see {@link WhaleCurveOptions}
 * @returns the points, the peak, the total profit and the customer count; with
 *   `groupBy`, one `{ group, result }` per group (ascending key)
 * @throws {CustomerValueError} `EMPTY_INPUT` for no items; `INVALID_RECORD` for a profit
 *   that is not a finite number, a missing id, or a cumulative profit beyond the largest
 *   double; `DUPLICATE_ID` for a repeated id; `INVALID_OPTION` for a missing `profit` accessor
 * @example
 * const r = whaleCurve(
 *   [{ id: "a", p: 80 }, { id: "b", p: 40 }, { id: "c", p: -20 }],
 *   { profit: "p" },
 * );
 * r.peak; // => { customerShare: 0.6666666666666666, profitShare: 1.2, profit: 120, customerCount: 2 }
 */
export function whaleCurve<T>(
  items: readonly T[],
  options: WhaleCurveGroupedOptions<T>,
): GroupedResult<WhaleCurveResult>[];
export function whaleCurve<T>(items: readonly T[], options: WhaleCurveOptions<T>): WhaleCurveResult;
export function whaleCurve<T>(
  items: readonly T[],
  options: WhaleCurveOptions<T>,
): WhaleCurveResult | GroupedResult<WhaleCurveResult>[] {
  const fn = "whaleCurve";
  if (typeof options !== "object" || options === null) {
    throw new CustomerValueError("INVALID_OPTION", `${fn}: options must be an object with a profit accessor`);
  }
  const { profit, id, groupBy } = options;
  assertAccessor(profit, `${fn}: options.profit`);
  if (id !== undefined) assertAccessor(id, `${fn}: options.id`);
  const analyse = (group: readonly T[], where: string) => curve(group, profit, id, where);
  return groupBy === undefined ? analyse(items, fn) : byGroup(items, groupBy, fn, analyse);
}

function curve<T>(
  items: readonly T[],
  profit: NumberAccessor<T>,
  id: IdAccessor<T> | undefined,
  fn: string,
): WhaleCurveResult {
  const columns = readItems(items, profit, id, { fn, name: "profit", nonNegative: false });
  const { values } = columns;
  const order = rankOf(columns);
  const n = values.length;
  const cumulative = new Float64Array(n + 1);
  const running = new CompensatedSum();
  let peakK = 0;
  for (let k = 1; k <= n; k++) {
    cumulative[k] = running.add(values[order[k - 1]!]!).value;
    if (!Number.isFinite(cumulative[k]!)) {
      throw new CustomerValueError(
        "INVALID_RECORD",
        `${fn}: cumulative profit must be a finite number, got ${cumulative[k]} (the profits are too large to add up)`,
      );
    }
    if (cumulative[k]! > cumulative[peakK]!) peakK = k;
  }
  const totalProfit = cumulative[n]!;
  const share = (k: number): number | null => {
    if (!(totalProfit > 0)) return null;
    const ratio = k === n ? 1 : cumulative[k]! / totalProfit + 0;
    if (Number.isFinite(ratio)) return ratio;
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: cumulative profit / total profit must be a finite number, got ${cumulative[k]} / ${totalProfit} (a total so small against the profits that the share overflows)`,
    );
  };
  const points: WhalePoint[] = new Array(n + 1);
  for (let k = 0; k <= n; k++) {
    points[k] = { customerShare: k / n, cumulativeProfitShare: share(k), cumulativeProfit: cumulative[k]! };
  }
  const peak = {
    customerShare: peakK / n,
    profitShare: share(peakK),
    profit: cumulative[peakK]!,
    customerCount: peakK,
  };
  return { points, peak, totalProfit, customerCount: n };
}
