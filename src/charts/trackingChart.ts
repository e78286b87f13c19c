import type { PurchaseTracking } from "../models/purchaseTracking.js";
import { assertOneOf } from "../internal/assert.js";
import { assertRows, badRow, COLORS, finishSpec, resolveChartOptions } from "./internal.js";
import { MODEL_TEXT } from "./modelText.js";
import type { ChartOptions, VegaLiteSpec } from "./types.js";

/** Options of {@link trackingChart}. */
export interface TrackingChartOptions extends ChartOptions {
  /** `"cumulative"` (default) or `"incremental"` (purchases per period). */
  readonly view?: "cumulative" | "incremental";
}

/**
 * The tracking plot of a `purchaseTracking` result: repeat purchases per period (or
 * cumulated), actual as a solid line and the model's expectation as a dashed one, with
 * a vertical rule at the end of the calibration period. A model that tracks well in
 * calibration but drifts away in the holdout forecasts poorly.
 *
 * @param tracking - the result of `purchaseTracking`
 * @param options - `view` (`"cumulative"` or `"incremental"`), locale, title and size
 * @returns a Vega-Lite v5 spec (plain JSON)
 * @throws {CustomerValueError} `EMPTY_INPUT` for no rows; `INVALID_RECORD` for a row
 *   whose counts are not finite numbers >= 0; `INVALID_OPTION` for bad options
 * @example
 * const spec = trackingChart(purchaseTracking(fit, log, { unit: "week", calibrationEnd: "1997-09-30" }));
 * spec.title; // => "Repeat purchases: actual vs model"
 */
export function trackingChart(tracking: PurchaseTracking, options: TrackingChartOptions = {}): VegaLiteSpec {
  const fn = "trackingChart";
  const resolved = resolveChartOptions(options, fn, { title: () => "", width: 640, height: 320 });
  const text = MODEL_TEXT[resolved.locale];
  const view = options.view ?? "cumulative";
  assertOneOf(view, ["cumulative", "incremental"] as const, `${fn}: view`);
  const rows = tracking?.rows;
  assertRows(rows, fn, "tracking.rows");
  const cumulative = view === "cumulative";
  const data = rows.flatMap((row, i) => {
    const actual = cumulative ? row?.actualCumulative : row?.actual;
    const expected = cumulative ? row?.expectedCumulative : row?.expected;
    for (const [name, v] of [
      ["actual", actual],
      ["expected", expected],
    ] as const) {
      if (typeof v !== "number" || !(v >= 0) || !Number.isFinite(v))
        badRow(fn, `tracking.rows[${i}].${name}`, "must be a finite number >= 0", v);
    }
    return [
      { period: row.period, series: text.actual, purchases: actual as number, end: row.end },
      { period: row.period, series: text.model, purchases: expected as number, end: row.end },
    ];
  });
  const boundary = tracking.calibrationPeriods + 0.5;
  const body = {
    width: resolved.width,
    height: resolved.height,
    layer: [
      {
        data: { values: data },
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x: { field: "period", type: "quantitative", axis: { title: text.periodAxis(tracking.period) } },
          y: {
            field: "purchases",
            type: "quantitative",
            axis: { title: cumulative ? text.trackingCumulative : text.trackingIncremental },
          },
          color: {
            field: "series",
            type: "nominal",
            scale: { domain: [text.actual, text.model], range: [COLORS.blue, COLORS.orange] },
            legend: { title: null, orient: "top", direction: "horizontal" },
          },
          strokeDash: {
            field: "series",
            type: "nominal",
            scale: {
              domain: [text.actual, text.model],
              range: [
                [1, 0],
                [6, 4],
              ],
            },
          },
          tooltip: [
            { field: "period", type: "quantitative", title: text.periodAxis(tracking.period) },
            { field: "end", type: "nominal", title: text.periodEnd },
            { field: "series", type: "nominal", title: text.series },
            {
              field: "purchases",
              type: "quantitative",
              format: ",.1f",
              title: cumulative ? text.trackingCumulative : text.trackingIncremental,
            },
          ],
        },
      },
      ...(tracking.calibrationPeriods > 0 && tracking.calibrationPeriods < rows.length
        ? [
            {
              data: { values: [{ at: boundary, label: text.calibrationEnd }] },
              layer: [
                {
                  mark: { type: "rule", color: "#555", strokeDash: [2, 2] },
                  encoding: { x: { field: "at", type: "quantitative" } },
                },
                {
                  mark: {
                    type: "text",
                    align: "left",
                    baseline: "top",
                    dx: 4,
                    dy: 4,
                    color: "#555",
                    fontSize: 11,
                  },
                  encoding: {
                    x: { field: "at", type: "quantitative" },
                    y: { value: 0 },
                    text: { field: "label", type: "nominal" },
                  },
                },
              ],
            },
          ]
        : []),
    ],
  };
  return finishSpec(body, { ...resolved, title: options.title ?? text.trackingTitle });
}
