import { assertInteger } from "../internal/assert.js";
import type { LorenzPoint } from "../pareto/lorenzCurve.js";
import { assertRows, badRow, COLORS, finishSpec, resolveChartOptions, thinIndices } from "./internal.js";
import type { ChartOptions, VegaLiteSpec } from "./types.js";

/** Options of {@link lorenzChart}. */
export interface LorenzChartOptions extends ChartOptions {
  /**
   * Most points drawn (default 500): longer curves are thinned to evenly spaced points,
   * always keeping both ends. The Gini coefficient in the subtitle uses every point.
   */
  readonly maxPoints?: number;
}

/**
 * A Lorenz curve of a `lorenzCurve` result: the cumulative share of value held by the
 * smallest customers (x: share of customers, y: share of value), the diagonal of perfect
 * equality, and the area between them shaded. The subtitle gives the Gini coefficient
 * read from the curve, `G = 1 − Σ (x_k − x_{k−1})(y_k + y_{k−1})` (trapezoids; for the
 * `n + 1` points of `lorenzCurve` this equals `gini(values)`, the `ineq::Gini` formula).
 *
 * @param points - the points of `lorenzCurve(values)`, from (0, 0) to (1, 1), x increasing
 * @param options - `maxPoints`, locale, title and size
 * @returns a Vega-Lite v5 spec (plain JSON)
 * @throws {CustomerValueError} `EMPTY_INPUT` for no points; `INVALID_RECORD` for a point
 *   whose shares are not finite numbers in [0, 1] or whose customer share decreases;
 *   `INVALID_OPTION` for bad options
 * @example
 * const spec = lorenzChart(lorenzCurve([1, 1, 2, 6]));
 * spec.title; // => { text: "Lorenz curve", subtitle: "Gini 0.400" }
 */
export function lorenzChart(points: readonly LorenzPoint[], options: LorenzChartOptions = {}): VegaLiteSpec {
  const fn = "lorenzChart";
  const resolved = resolveChartOptions(options, fn, { title: (t) => t.lorenzTitle, width: 420, height: 420 });
  const text = resolved.text;
  const maxPoints = options.maxPoints ?? 500;
  assertInteger(maxPoints, `${fn}: maxPoints`, 2);
  assertRows(points, fn, "points");

  let area = 0;
  let prevX = 0;
  let prevY = 0;
  points.forEach((p, k) => {
    const x = p?.customerShare;
    const y = p?.valueShare;
    if (typeof x !== "number" || !(x >= 0 && x <= 1))
      badRow(fn, `points[${k}].customerShare`, "must be in [0, 1]", x);
    if (typeof y !== "number" || !(y >= 0 && y <= 1))
      badRow(fn, `points[${k}].valueShare`, "must be in [0, 1]", y);
    if (x < prevX) badRow(fn, `points[${k}].customerShare`, `must not decrease (previous ${prevX})`, x);
    area += (x - prevX) * (y + prevY);
    prevX = x;
    prevY = y;
  });
  const gini = 1 - area;

  const curve = thinIndices(points.length, maxPoints).map((i) => {
    const p = points[i]!;
    return {
      customerShare: p.customerShare + 0,
      valueShare: p.valueShare + 0,
      equality: p.customerShare + 0,
    };
  });
  const axis = (title: string) => ({ format: ".0%", title, tickCount: 5 });
  const body = {
    width: resolved.width,
    height: resolved.height,
    data: { values: curve },
    encoding: {
      x: {
        field: "customerShare",
        type: "quantitative",
        scale: { domain: [0, 1], nice: false },
        axis: axis(text.lorenzX),
      },
    },
    layer: [
      {
        mark: { type: "area", color: COLORS.blue, opacity: 0.15 },
        encoding: {
          y: {
            field: "equality",
            type: "quantitative",
            scale: { domain: [0, 1], nice: false },
            axis: axis(text.lorenzY),
          },
          y2: { field: "valueShare" },
        },
      },
      {
        mark: { type: "line", color: COLORS.grey, strokeDash: [4, 4] },
        encoding: { y: { field: "equality", type: "quantitative" } },
      },
      {
        mark: { type: "line", color: COLORS.blue, strokeWidth: 2 },
        encoding: {
          y: { field: "valueShare", type: "quantitative" },
          tooltip: [
            { field: "customerShare", type: "quantitative", title: text.lorenzX, format: ".1%" },
            { field: "valueShare", type: "quantitative", title: text.lorenzY, format: ".1%" },
          ],
        },
      },
      {
        data: { values: [{ x: 0.62, y: 0.62, label: text.equality }] },
        mark: { type: "text", angle: 0, align: "right", dx: -8, dy: -8, color: "#777" },
        encoding: {
          x: { field: "x", type: "quantitative" },
          y: { field: "y", type: "quantitative" },
          text: { field: "label" },
        },
      },
    ],
  };
  return finishSpec(body, resolved, `${text.gini} ${Math.max(0, gini).toFixed(3)}`);
}
