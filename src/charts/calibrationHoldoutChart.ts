import type { CalibrationVsHoldoutRow } from "../models/calibrationVsHoldout.js";
import { finishSpec } from "./internal.js";
import { actualAndModelColor, readActualAndModel } from "./modelText.js";
import type { ChartOptions, VegaLiteSpec } from "./types.js";

/** Options of {@link calibrationHoldoutChart}. */
export type CalibrationHoldoutChartOptions = ChartOptions;

/**
 * The calibration-against-holdout plot of a `calibrationVsHoldout` result: customers
 * grouped by their repeat purchases in the calibration period; per group the mean
 * purchases in the holdout period, actual and predicted, as two lines with points. A
 * model that is right on average but wrong per group sorts customers poorly.
 *
 * @param rows - the rows of `calibrationVsHoldout`
 * @param options - locale, title and size
 * @returns a Vega-Lite v5 spec (plain JSON)
 * @throws {CustomerValueError} `EMPTY_INPUT` for no rows; `INVALID_RECORD` for a row
 *   without a label or with means that are not finite numbers >= 0; `INVALID_OPTION` for bad options
 * @example
 * const spec = calibrationHoldoutChart(calibrationVsHoldout(fit, rows));
 * spec.title; // => "Holdout purchases by calibration-period purchases"
 */
export function calibrationHoldoutChart(
  rows: readonly CalibrationVsHoldoutRow[],
  options: CalibrationHoldoutChartOptions = {},
): VegaLiteSpec {
  const fn = "calibrationHoldoutChart";
  const { resolved, text, labels, data } = readActualAndModel(
    fn,
    rows,
    options,
    ["actualMean", "predictedMean"],
    (row, mean) => ({ mean, customers: row.customers }),
  );
  const encoding = {
    x: {
      field: "label",
      type: "ordinal",
      sort: labels,
      axis: { title: text.calibrationPurchases, labelAngle: 0 },
    },
    y: { field: "mean", type: "quantitative", axis: { title: text.holdoutMean } },
    color: actualAndModelColor(text),
    tooltip: [
      { field: "label", type: "ordinal", title: text.calibrationPurchases },
      { field: "series", type: "nominal", title: text.series },
      { field: "mean", type: "quantitative", format: ".3f", title: text.holdoutMean },
      { field: "customers", type: "quantitative", title: text.customers },
    ],
  };
  const body = {
    width: resolved.width,
    height: resolved.height,
    data: { values: data },
    layer: [
      { mark: { type: "line", strokeWidth: 2 }, encoding },
      { mark: { type: "point", filled: true, size: 50 }, encoding },
    ],
  };
  return finishSpec(body, { ...resolved, title: options.title ?? text.calibrationHoldoutTitle });
}
