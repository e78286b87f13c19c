import type { FrequencyRecencyMatrix } from "../models/internal/matrix.js";
import { assertRows, badRow, finishSpec, resolveChartOptions } from "./internal.js";
import { MODEL_TEXT, short } from "./modelText.js";
import type { ChartOptions, VegaLiteSpec } from "./types.js";

/** Options of {@link frequencyRecencyChart}. */
export type FrequencyRecencyChartOptions = ChartOptions;

/**
 * A heatmap of a `probabilityAliveMatrix` or `expectedPurchasesMatrix` result:
 * frequency up the vertical axis (most frequent on top), recency along the horizontal
 * (the last purchase later to the right), each cell coloured by its value. The usual
 * reading: customers in the top left bought often but not lately, and the model
 * believes many of them gone.
 *
 * @param matrix - the result of `probabilityAliveMatrix` or `expectedPurchasesMatrix`
 * @param options - locale, title and size
 * @returns a Vega-Lite v5 spec (plain JSON)
 * @throws {CustomerValueError} `EMPTY_INPUT` for no cells; `INVALID_RECORD` for a cell
 *   whose numbers are not finite (or a P(alive) outside [0, 1]); `INVALID_OPTION` for bad options
 * @example
 * const spec = frequencyRecencyChart(probabilityAliveMatrix(fit, { T: 39 }));
 * spec.title; // => "P(alive) by frequency and recency (T = 39)"
 */
export function frequencyRecencyChart(
  matrix: FrequencyRecencyMatrix,
  options: FrequencyRecencyChartOptions = {},
): VegaLiteSpec {
  const fn = "frequencyRecencyChart";
  const resolved = resolveChartOptions(options, fn, { title: () => "", width: 520, height: 400 });
  const text = MODEL_TEXT[resolved.locale];
  const alive = matrix?.quantity === "probabilityAlive";
  if (!alive && matrix?.quantity !== "expectedPurchases") {
    badRow(fn, "matrix.quantity", 'must be "probabilityAlive" or "expectedPurchases"', matrix?.quantity);
  }
  const cells = matrix.cells;
  assertRows(cells, fn, "matrix.cells");
  const data = cells.map((cell, i) => {
    const { frequency, recency, value } = cell ?? {};
    if (![frequency, recency, value].every((v) => typeof v === "number" && Number.isFinite(v))) {
      badRow(fn, `matrix.cells[${i}]`, "must hold finite numbers frequency, recency and value", cell);
    }
    if (alive && !(value! >= 0 && value! <= 1))
      badRow(fn, `matrix.cells[${i}].value`, "must be in [0, 1]", value);
    return { frequency: frequency!, recency: short(recency!), value: value! };
  });
  const recencies = [...new Set(data.map((d) => d.recency))];
  const label = alive ? text.probabilityAlive : text.expectedPurchases;
  const title = alive
    ? text.aliveTitle(short(matrix.T))
    : text.expectedTitle(short(matrix.t ?? 0), short(matrix.T));
  const body = {
    width: resolved.width,
    height: resolved.height,
    data: { values: data },
    mark: { type: "rect" },
    encoding: {
      x: {
        field: "recency",
        type: "ordinal",
        sort: recencies,
        axis: { title: text.recency, labelAngle: -45, labelOverlap: "greedy" },
      },
      y: { field: "frequency", type: "ordinal", sort: "descending", axis: { title: text.frequency } },
      color: {
        field: "value",
        type: "quantitative",
        scale: alive ? { scheme: "viridis", domain: [0, 1] } : { scheme: "viridis" },
        legend: { title: label },
      },
      tooltip: [
        { field: "frequency", type: "ordinal", title: text.frequency },
        { field: "recency", type: "ordinal", title: text.recency },
        { field: "value", type: "quantitative", format: ".3f", title: label },
      ],
    },
  };
  return finishSpec(body, { ...resolved, title: options.title ?? title });
}
