import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertInteger } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import type { WhaleCurveResult } from "../pareto/whaleCurve.js";
import {
  amount,
  assertRows,
  badRow,
  COLORS,
  finishSpec,
  percent,
  resolveChartOptions,
  thinIndices,
} from "./internal.js";
import type { ChartOptions, VegaLiteSpec } from "./types.js";

/** Options of {@link whaleChart}. */
export interface WhaleChartOptions extends ChartOptions {
  /** Most points drawn (default 500): longer curves are thinned evenly, keeping both ends and the peak. */
  readonly maxPoints?: number;
}

/**
 * A whale curve of a `whaleCurve` result: customers ranked from most to least profitable
 * (x: share of customers), the cumulative profit as a share of the total (y), a rule at
 * 100% and the peak marked (the hump above 100% is the profit the loss-making customers
 * give back). When the total profit is <= 0 the shares are undefined, so the y axis shows
 * the cumulative profit itself.
 *
 * @param result - a `whaleCurve` result
 * @param options - `maxPoints`, locale, title and size
 * @returns a Vega-Lite v5 spec (plain JSON)
 * @throws {CustomerValueError} `INVALID_RECORD` for a result of another shape or a
 *   point that is not finite; `EMPTY_INPUT` for no points; `INVALID_OPTION` for bad options
 * @example
 * const spec = whaleChart(whaleCurve(customers, { profit: "profit" }));
 * spec.title; // => "Whale curve: cumulative profit"
 */
export function whaleChart(result: WhaleCurveResult, options: WhaleChartOptions = {}): VegaLiteSpec {
  const fn = "whaleChart";
  const resolved = resolveChartOptions(options, fn, { title: (t) => t.whaleTitle, width: 560, height: 340 });
  const text = resolved.text;
  const maxPoints = options.maxPoints ?? 500;
  assertInteger(maxPoints, `${fn}: maxPoints`, 2);
  if (
    result === null ||
    typeof result !== "object" ||
    result.peak === null ||
    typeof result.peak !== "object"
  ) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: result must be a whaleCurve result, got ${describeValue(result)}`,
    );
  }
  const points = result.points;
  assertRows(points, fn, "result.points");
  const asShare = points.every((p) => p.cumulativeProfitShare !== null);
  const yOf = (p: (typeof points)[number]) => (asShare ? p.cumulativeProfitShare : p.cumulativeProfit);
  points.forEach((p, k) => {
    if (typeof p?.customerShare !== "number" || !Number.isFinite(p.customerShare)) {
      badRow(fn, `points[${k}].customerShare`, "must be a finite number", p?.customerShare);
    }
    const y = yOf(p);
    if (typeof y !== "number" || !Number.isFinite(y)) {
      badRow(
        fn,
        `points[${k}].${asShare ? "cumulativeProfitShare" : "cumulativeProfit"}`,
        "must be a finite number",
        y,
      );
    }
  });

  const peak = result.peak;
  const curve = thinIndices(points.length, maxPoints, [peak.customerCount]).map((i) => {
    const p = points[i]!;
    return { customerShare: p.customerShare + 0, y: (yOf(p) as number) + 0, profit: p.cumulativeProfit + 0 };
  });
  const peakY = asShare ? peak.profitShare : peak.profit;
  const label = asShare
    ? text.peak(percent(peak.profitShare ?? 0), percent(peak.customerShare))
    : text.peakMoney(amount(peak.profit), percent(peak.customerShare));
  const yTitle = asShare ? text.whaleY : text.whaleYMoney;
  const yAxis = asShare ? { format: ".0%", title: yTitle } : { format: ",.0f", title: yTitle };

  const body = {
    width: resolved.width,
    height: resolved.height,
    layer: [
      {
        data: { values: curve },
        mark: {
          type: "area",
          color: COLORS.teal,
          opacity: 0.2,
          line: { color: COLORS.teal, strokeWidth: 2 },
        },
        encoding: {
          x: {
            field: "customerShare",
            type: "quantitative",
            scale: { domain: [0, 1], nice: false },
            axis: { format: ".0%", title: text.whaleX },
          },
          y: { field: "y", type: "quantitative", axis: yAxis },
          tooltip: [
            { field: "customerShare", type: "quantitative", title: text.whaleX, format: ".1%" },
            { field: "y", type: "quantitative", title: yTitle, format: asShare ? ".1%" : ",.2f" },
            { field: "profit", type: "quantitative", title: text.whaleYMoney, format: ",.2f" },
          ],
        },
      },
      {
        data: { values: [{ y: asShare ? 1 : result.totalProfit + 0 }] },
        mark: { type: "rule", color: COLORS.grey, strokeDash: [4, 4] },
        encoding: { y: { field: "y", type: "quantitative" } },
      },
      {
        data: { values: [{ x: peak.customerShare + 0, y: peakY === null ? null : peakY + 0 }] },
        mark: { type: "point", filled: true, size: 70, color: COLORS.red },
        encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
      },
      {
        data: { values: [{ x: peak.customerShare + 0, y: peakY === null ? null : peakY + 0, label }] },
        mark: {
          type: "text",
          align: peak.customerShare > 0.5 ? "right" : "left",
          dx: peak.customerShare > 0.5 ? -8 : 8,
          dy: -10,
          color: COLORS.red,
        },
        encoding: {
          x: { field: "x", type: "quantitative" },
          y: { field: "y", type: "quantitative" },
          text: { field: "label" },
        },
      },
    ],
  };
  return finishSpec(body, resolved);
}
