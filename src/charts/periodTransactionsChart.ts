import type { PeriodTransactionsRow } from "../models/periodTransactions.js";
import { finishSpec } from "./internal.js";
import { actualAndModelColor, readActualAndModel } from "./modelText.js";
import type { ChartOptions, VegaLiteSpec } from "./types.js";

/** Options of {@link periodTransactionsChart}. */
export type PeriodTransactionsChartOptions = ChartOptions;

/**
 * The period-transactions histogram of a `periodTransactions` result: for 0, 1, 2, …
 * repeat purchases in the calibration period, the customers who made that many, actual
 * and expected side by side. A model that misses the zero bar or the tail (the last,
 * pooled bar) misjudges how many customers are light or heavy buyers.
 *
 * @param rows - the rows of `periodTransactions`
 * @param options - locale, title and size
 * @returns a Vega-Lite v5 spec (plain JSON)
 * @throws {CustomerValueError} `EMPTY_INPUT` for no rows; `INVALID_RECORD` for a row
 *   without a label or with counts that are not finite numbers >= 0; `INVALID_OPTION` for bad options
 * @example
 * const spec = periodTransactionsChart(periodTransactions(fit, summary));
 * spec.title; // => "Customers by repeat purchases in the calibration period"
 */
export function periodTransactionsChart(
  rows: readonly PeriodTransactionsRow[],
  options: PeriodTransactionsChartOptions = {},
): VegaLiteSpec {
  const fn = "periodTransactionsChart";
  const { resolved, text, labels, data } = readActualAndModel(
    fn,
    rows,
    options,
    ["actual", "expected"],
    (_, customers) => ({ customers }),
  );
  const body = {
    width: resolved.width,
    height: resolved.height,
    data: { values: data },
    mark: { type: "bar" },
    encoding: {
      x: {
        field: "label",
        type: "ordinal",
        sort: labels,
        axis: { title: text.repeatPurchases, labelAngle: 0 },
      },
      xOffset: { field: "series", type: "nominal", sort: [text.actual, text.model] },
      y: { field: "customers", type: "quantitative", axis: { title: text.customers } },
      color: actualAndModelColor(text),
      tooltip: [
        { field: "label", type: "ordinal", title: text.repeatPurchases },
        { field: "series", type: "nominal", title: text.series },
        { field: "customers", type: "quantitative", format: ",.1f", title: text.customers },
      ],
    },
  };
  return finishSpec(body, { ...resolved, title: options.title ?? text.periodTransactionsTitle });
}
