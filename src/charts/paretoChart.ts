import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertInRange, assertInteger } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import { CompensatedSum } from "../engine/sum.js";
import type { AbcClassifyResult } from "../pareto/abcClassify.js";
import type { ParetoSplitResult } from "../pareto/paretoSplit.js";
import type { IdAccessor, NumberAccessor } from "../pareto/types.js";
import { COLORS, finishSpec, num, percent, resolveChartOptions, TEXT } from "./internal.js";
import type { ChartOptions, VegaLiteSpec } from "./types.js";

/** Options of {@link paretoChart}. */
export interface ParetoChartOptions<T> extends ChartOptions {
  /**
   * Each item's value, as given to `paretoSplit` (a numeric field name or a function).
   * Required for a `paretoSplit` result, whose `head` and `tail` hold the original items
   * (leaving it out is a type error); ignored for an `abcClassify` result, which carries
   * each value.
   */
  readonly value?: NumberAccessor<T>;
  /** Each item's id for tooltips (default: the item's `id`, else its `customerId`). */
  readonly id?: IdAccessor<T>;
  /**
   * Most bars drawn (default 60): with more customers than this, neighbouring customers
   * (in rank order, never across the head/tail or ABC class boundary) share one bar,
   * whose height is their total value.
   */
  readonly maxBars?: number;
  /** Cumulative share marked with a horizontal rule, in (0, 1] (default 0.8); `null` for none. */
  readonly markShare?: number | null;
}

/** One bar of the chart: one customer, or a run of neighbouring customers. */
interface Bar {
  start: number;
  end: number;
  value: number;
  cumulativeShare: number;
  part: string;
  label: string;
  customers: number;
}

/**
 * A Pareto chart of a `paretoSplit` or `abcClassify` result: one bar per customer in rank
 * order (height = value; left axis), the cumulative share of value as a line (right axis,
 * 0–100%), a horizontal rule at `markShare` (80%) and a vertical rule where the head ends.
 * The x axis is the share of customers, so the head's customer share reads off directly.
 *
 * Bars are coloured head/tail (`paretoSplit`) or by ABC class (`abcClassify`). The
 * cumulative share after `k` customers is `(v_1 + … + v_k) / total` (compensated sums),
 * which for the head equals the result's `headValueShare`.
 *
 * @param result - a `paretoSplit` result (with `options.value`) or an `abcClassify` result
 * @param options - the value/id accessors, `maxBars`, `markShare`, locale, title and size
 * @returns a Vega-Lite v5 spec (plain JSON)
 * @throws {CustomerValueError} `INVALID_OPTION` for a missing `value` accessor or bad
 *   options; `INVALID_RECORD` for an item whose value is not a finite number >= 0 or a
 *   result of another shape; `EMPTY_INPUT` for a result without items
 * @example
 * const split = paretoSplit(customers, { value: "revenue" });
 * const spec = paretoChart(split, { value: "revenue" });
 * spec.$schema; // => "https://vega.github.io/schema/vega-lite/v5.json"
 */
export function paretoChart<T>(
  result: ParetoSplitResult<T>,
  options: ParetoChartOptions<T> & { readonly value: NumberAccessor<T> },
): VegaLiteSpec;
export function paretoChart<T>(result: AbcClassifyResult<T>, options?: ParetoChartOptions<T>): VegaLiteSpec;
export function paretoChart<T>(
  result: ParetoSplitResult<T> | AbcClassifyResult<T>,
  options: ParetoChartOptions<T> = {},
): VegaLiteSpec {
  const fn = "paretoChart";
  const resolved = resolveChartOptions(options, fn, { title: (t) => t.paretoTitle, width: 600, height: 320 });
  const text = resolved.text;
  const maxBars = options.maxBars ?? 60;
  assertInteger(maxBars, `${fn}: maxBars`, 1);
  const markShare = options.markShare === undefined ? 0.8 : options.markShare;
  if (markShare !== null) assertInRange(markShare, `${fn}: markShare`, 0, 1, { minOpen: true });

  const { ids, values, parts, partNames, partColors, headCount } = readResult(result, options, fn);
  const n = values.length;
  if (n === 0) throw new CustomerValueError("EMPTY_INPUT", `${fn}: the result holds no items, got 0`);

  const sum = new CompensatedSum();
  for (let i = 0; i < n; i++) sum.add(values[i]!);
  const totalValue = sum.value;
  if (!(totalValue > 0)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: the items' total value must be > 0, got ${totalValue}`,
    );
  }

  const bars = groupBars({ ids, values, parts, partNames, maxBars, totalValue });
  const grouped = bars.length < n;

  const line = [
    { end: 0, cumulativeShare: 0 },
    ...bars.map((b) => ({ end: b.end, cumulativeShare: b.cumulativeShare })),
  ];
  const headShare = headCount === null ? null : headCount / n;
  const headValueShare = headCount === null ? null : cumulativeAt(values, headCount, totalValue);

  const cumulativeLayers: Record<string, unknown>[] = [
    {
      data: { values: line },
      mark: {
        type: "line",
        color: COLORS.red,
        point: { size: 18, color: COLORS.red },
        interpolate: "linear",
      },
      encoding: {
        x: { field: "end", type: "quantitative" },
        y: {
          field: "cumulativeShare",
          type: "quantitative",
          scale: { domain: [0, 1] },
          axis: { format: ".0%", title: text.cumulativeShare, orient: "right", grid: false },
        },
      },
    },
  ];
  if (markShare !== null) {
    cumulativeLayers.push(
      {
        data: { values: [{ share: markShare, label: text.mark(percent(markShare)) }] },
        mark: { type: "rule", color: COLORS.grey, strokeDash: [4, 4] },
        encoding: { y: { field: "share", type: "quantitative" } },
      },
      {
        data: { values: [{ share: markShare, label: text.mark(percent(markShare)) }] },
        mark: { type: "text", align: "right", dx: -4, dy: -6, color: "#555" },
        encoding: {
          x: { datum: 1, type: "quantitative" },
          y: { field: "share", type: "quantitative" },
          text: { field: "label" },
        },
      },
    );
  }
  if (headShare !== null && headValueShare !== null) {
    const note = text.headNote(percent(headShare), percent(headValueShare));
    cumulativeLayers.push(
      {
        data: { values: [{ share: headShare }] },
        mark: { type: "rule", color: COLORS.blue, strokeDash: [2, 3] },
        encoding: { x: { field: "share", type: "quantitative" } },
      },
      {
        data: { values: [{ share: headShare, y: 0.5, note }] },
        mark: { type: "text", align: "left", dx: 6, color: COLORS.blue },
        encoding: {
          x: { field: "share", type: "quantitative" },
          y: { field: "y", type: "quantitative" },
          text: { field: "note" },
        },
      },
    );
  }

  const body = {
    width: resolved.width,
    height: resolved.height,
    layer: [
      {
        data: { values: bars.map((b) => ({ ...b, value: num(b.value) })) },
        mark: { type: "rect", stroke: "white", strokeWidth: grouped ? 0.5 : 0.25 },
        encoding: {
          x: {
            field: "start",
            type: "quantitative",
            scale: { domain: [0, 1], nice: false },
            axis: { format: ".0%", title: text.customerShare },
          },
          x2: { field: "end" },
          y: { field: "value", type: "quantitative", axis: { title: text.value } },
          color: {
            field: "part",
            type: "nominal",
            scale: { domain: partNames, range: partColors },
            legend: { title: null, orient: "top-right", direction: "horizontal" },
          },
          tooltip: [
            { field: "label", type: "nominal", title: text.customer },
            { field: "customers", type: "quantitative", title: text.customers },
            { field: "value", type: "quantitative", title: text.value, format: ",.2f" },
            { field: "cumulativeShare", type: "quantitative", title: text.cumulativeShare, format: ".1%" },
          ],
        },
      },
      { layer: cumulativeLayers },
    ],
    resolve: { scale: { y: "independent" } },
  };
  const subtitle = grouped ? groupNote(resolved.locale, n, bars.length) : undefined;
  return finishSpec(body, resolved, subtitle);
}

function groupNote(locale: "en" | "zh", n: number, bars: number): string {
  const per = Math.round(n / bars);
  return locale === "zh"
    ? `${n} 位客户，每根柱约 ${per} 位客户（按排名相邻合并）`
    : `${n} customers; each bar is about ${per} neighbouring customers in rank order`;
}

/** Cumulative share of the first `k` values (compensated). */
function cumulativeAt(values: readonly number[], k: number, total: number): number {
  const s = new CompensatedSum();
  for (let i = 0; i < k; i++) s.add(values[i]!);
  return Math.min(1, s.value / total);
}

interface ReadResult {
  ids: string[];
  values: number[];
  parts: number[];
  partNames: string[];
  partColors: string[];
  headCount: number | null;
}

function readResult<T>(
  result: ParetoSplitResult<T> | AbcClassifyResult<T>,
  options: ParetoChartOptions<T>,
  fn: string,
): ReadResult {
  const text = TEXT[options.locale ?? "en"];
  if (result === null || typeof result !== "object") {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: result must be a paretoSplit or abcClassify result, got ${describeValue(result)}`,
    );
  }
  const ids: string[] = [];
  const values: number[] = [];
  const parts: number[] = [];
  if ("items" in result && Array.isArray(result.items)) {
    const classes = ["A", "B", "C"];
    result.items.forEach((row, i) => {
      checkValue(row.value, `items[${i}].value`, fn);
      ids.push(String(row.id));
      values.push(row.value);
      parts.push(Math.max(0, classes.indexOf(row.class)));
    });
    return {
      ids,
      values,
      parts,
      partNames: classes.map((c) => `${text.abcClass} ${c}`),
      partColors: [COLORS.blue, COLORS.teal, COLORS.grey],
      headCount: null,
    };
  }
  if ("head" in result && Array.isArray(result.head) && Array.isArray(result.tail)) {
    const value = options.value;
    if (typeof value !== "function" && (typeof value !== "string" || value === "")) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fn}: options.value must be the value accessor given to paretoSplit (a field name or a function), got ${describeValue(value)}`,
      );
    }
    const read = (item: T, where: string): void => {
      const v = typeof value === "function" ? value(item) : (item as Record<string, unknown>)[value];
      checkValue(v, where, fn);
      ids.push(readId(item, options.id));
      values.push(v);
    };
    result.head.forEach((item, i) => {
      read(item, `head[${i}]`);
      parts.push(0);
    });
    result.tail.forEach((item, i) => {
      read(item, `tail[${i}]`);
      parts.push(1);
    });
    return {
      ids,
      values,
      parts,
      partNames: [text.head, text.tail],
      partColors: [COLORS.blue, COLORS.grey],
      headCount: result.head.length,
    };
  }
  throw new CustomerValueError(
    "INVALID_RECORD",
    `${fn}: result must be a paretoSplit result ({ head, tail }) or an abcClassify result ({ items }), got ${describeValue(result)}`,
  );
}

function checkValue(v: unknown, where: string, fn: string): asserts v is number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: ${where} value must be a finite number >= 0, got ${describeValue(v)}`,
    );
  }
}

function readId<T>(item: T, id: IdAccessor<T> | undefined): string {
  if (typeof id === "function") return String(id(item));
  const record = item as Record<string, unknown>;
  const key = id ?? ("id" in record ? "id" : "customerId");
  return String(record[key] ?? "");
}

/**
 * The bars of the chart: runs of customers with the same part (head/tail, or class), then
 * at most about `maxBars` bars spread over the runs by size, each with its cumulative share.
 */
function groupBars(input: {
  readonly ids: readonly string[];
  readonly values: ArrayLike<number>;
  readonly parts: ArrayLike<number>;
  readonly partNames: readonly string[];
  readonly maxBars: number;
  readonly totalValue: number;
}): Bar[] {
  const { ids, values, parts, partNames, maxBars, totalValue } = input;
  const n = values.length;
  const runs: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const last = runs[runs.length - 1];
    if (last !== undefined && parts[last[1] - 1] === parts[i]) last[1] = i + 1;
    else runs.push([i, i + 1]);
  }
  const budget = Math.max(maxBars, runs.length);
  const bars: Bar[] = [];
  const total = new CompensatedSum();
  for (const [from, to] of runs) {
    const size = to - from;
    const count = Math.min(size, Math.max(1, Math.round((budget * size) / n)));
    for (let g = 0; g < count; g++) {
      const a = from + Math.floor((g * size) / count);
      const b = from + Math.floor(((g + 1) * size) / count);
      const group = new CompensatedSum();
      for (let i = a; i < b; i++) {
        group.add(values[i]!);
        total.add(values[i]!);
      }
      bars.push({
        start: a / n,
        end: b / n,
        value: group.value + 0,
        cumulativeShare: Math.min(1, total.value / totalValue),
        part: partNames[parts[a]!]!,
        label: b - a === 1 ? ids[a]! : `#${a + 1}–#${b}`,
        customers: b - a,
      });
    }
  }
  return bars;
}
