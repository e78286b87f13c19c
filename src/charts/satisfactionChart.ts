import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import { badRow, COLORS, finishSpec, resolveChartOptions } from "./internal.js";
import type { ChartOptions, VegaLiteSpec } from "./types.js";

/** A plain and a value-weighted mean (`null` when no one answered). */
export interface SatisfactionMeans {
  readonly unweighted: number | null;
  readonly weighted: number | null;
  /** Confidence interval of the plain mean, drawn as an error bar when present. */
  readonly unweightedInterval?: { readonly lower: number; readonly upper: number } | null;
  /** Confidence interval of the weighted mean, drawn as an error bar when present. */
  readonly weightedInterval?: { readonly lower: number; readonly upper: number } | null;
}

/** The fields of a `valueWeightedSatisfaction` result that the chart reads. */
export interface SatisfactionChartInput {
  /** Per indicator: its plain and value-weighted mean. */
  readonly indicators: Readonly<Record<string, SatisfactionMeans>>;
  /** The overall index, shown as a last group when present. */
  readonly index?: SatisfactionMeans;
}

/** Options of {@link satisfactionChart}. */
export interface SatisfactionChartOptions extends ChartOptions {
  /** The y axis range, e.g. the survey scale `[1, 10]` (default: from 0 to the largest mean). */
  readonly scale?: readonly [number, number];
  /** Show the overall index as a last group (default `true` when the input has one). */
  readonly showIndex?: boolean;
}

/**
 * Plain versus value-weighted satisfaction per indicator, from a
 * `valueWeightedSatisfaction` result: for each indicator two bars side by side, the plain
 * mean of the scores and the value-weighted mean `Σ K_i D_ij / Σ K_i`, with their values
 * written above and their confidence intervals as error bars (when the result has them);
 * the overall index last. Where the weighted bar is lower, the customers
 * who carry the value are less satisfied than the headcount suggests.
 *
 * An indicator nobody answered (`null` means) has no bars. Indicators keep the result's
 * order.
 *
 * @param result - a `valueWeightedSatisfaction(...)` result (its `indicators` and `index`)
 * @param options - `scale`, `showIndex`, locale, title and size
 * @returns a Vega-Lite v5 spec (plain JSON)
 * @throws {CustomerValueError} `EMPTY_INPUT` for no indicators; `INVALID_RECORD` for a
 *   mean that is neither a finite number nor `null`; `INVALID_OPTION` for bad options
 * @example
 * const spec = satisfactionChart({ indicators: { quality: { unweighted: 7.2, weighted: 6.4 } } });
 * spec.title; // => "Satisfaction: plain vs value-weighted"
 */
export function satisfactionChart(
  result: SatisfactionChartInput,
  options: SatisfactionChartOptions = {},
): VegaLiteSpec {
  const fn = "satisfactionChart";
  const resolved = resolveChartOptions(options, fn, {
    title: (t) => t.satisfactionTitle,
    width: 520,
    height: 320,
  });
  const text = resolved.text;
  const scale = checkInput(result, options.scale, fn);
  const names = Object.keys(result.indicators);
  if (names.length === 0)
    throw new CustomerValueError("EMPTY_INPUT", `${fn}: result.indicators must not be empty, got {}`);
  const showIndex = options.showIndex ?? result.index !== undefined;

  const groups: [string, SatisfactionMeans, string][] = names.map((name) => [
    name,
    result.indicators[name]!,
    `indicators.${name}`,
  ]);
  if (showIndex && result.index !== undefined) groups.push([text.index, result.index, "index"]);
  const data: Record<string, string | number | null>[] = [];
  for (const [order, [name, means, path]] of groups.entries()) {
    for (const [key, label] of [
      ["unweighted", text.plain],
      ["weighted", text.weighted],
    ] as const) {
      const v = means?.[key];
      if (v === null) continue;
      if (typeof v !== "number" || !Number.isFinite(v))
        badRow(fn, `${path}.${key}`, "must be a finite number or null", v);
      const interval = means[key === "unweighted" ? "unweightedInterval" : "weightedInterval"];
      const ok = interval != null && Number.isFinite(interval.lower) && Number.isFinite(interval.upper);
      data.push({
        indicator: name,
        order,
        measure: label,
        mean: v + 0,
        lower: ok ? interval.lower + 0 : null,
        upper: ok ? interval.upper + 0 : null,
      });
    }
  }
  const measures = [text.plain, text.weighted];
  const y = {
    field: "mean",
    type: "quantitative",
    scale: scale === undefined ? { zero: true } : { domain: [scale[0], scale[1]], zero: false, clamp: true },
    axis: { title: text.mean },
  };
  const body = {
    width: resolved.width,
    height: resolved.height,
    data: { values: data },
    encoding: {
      // Sorted by a number field: indicator names are data, never written into an expression.
      x: {
        field: "indicator",
        type: "nominal",
        sort: { field: "order", op: "min" },
        axis: { title: null, labelAngle: 0 },
      },
      xOffset: { field: "measure", type: "nominal", sort: measures },
      y,
    },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          color: {
            field: "measure",
            type: "nominal",
            scale: { domain: measures, range: [COLORS.grey, COLORS.blue] },
            legend: { title: null, orient: "top", direction: "horizontal" },
          },
          tooltip: [
            { field: "indicator", type: "nominal", title: text.indicator },
            { field: "measure", type: "nominal", title: text.measure },
            { field: "mean", type: "quantitative", title: text.mean, format: ".3f" },
          ],
        },
      },
      {
        transform: [{ filter: "isValid(datum.lower) && isValid(datum.upper)" }],
        mark: { type: "rule", color: "#333" },
        encoding: { y: { field: "lower", type: "quantitative" }, y2: { field: "upper" } },
      },
      {
        mark: { type: "text", baseline: "bottom", dy: -3, fontSize: 10, color: "#333" },
        encoding: { text: { field: "mean", type: "quantitative", format: ".2f" } },
      },
    ],
  };
  return finishSpec(body, resolved);
}

/** Checks `scale` and the result's shape; returns the scale. */
function checkInput(
  result: SatisfactionChartInput,
  scale: SatisfactionChartOptions["scale"],
  fn: string,
): SatisfactionChartOptions["scale"] {
  if (
    scale !== undefined &&
    (!Array.isArray(scale) ||
      scale.length !== 2 ||
      !scale.every((x) => typeof x === "number" && Number.isFinite(x)) ||
      !(scale[0] < scale[1]))
  ) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: scale must be [min, max] with finite min < max, got ${describeValue(scale)}`,
    );
  }
  if (
    result === null ||
    typeof result !== "object" ||
    result.indicators === null ||
    typeof result.indicators !== "object"
  ) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: result must be a valueWeightedSatisfaction result with indicators, got ${describeValue(result)}`,
    );
  }
  return scale;
}
