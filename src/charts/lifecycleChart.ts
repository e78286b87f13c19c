import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import { CompensatedSums } from "../engine/sum.js";
import type { LifecycleRow } from "../lifecycle/classifyLifecycles.js";
import { LIFECYCLE_LABELS, LIFECYCLE_STAGES, type LifecycleStage } from "../lifecycle/stages.js";
import { assertRows, badRow, COLORS, finishSpec, resolveChartOptions } from "./internal.js";
import type { ChartOptions, VegaLiteSpec } from "./types.js";

/** The fields of a `classifyLifecycles` row that the chart reads. */
export type LifecycleChartRow = Pick<LifecycleRow, "customerId" | "stage" | "phase"> & {
  readonly evidence?: { readonly purchaseValue: number };
};

/** Options of {@link lifecycleChart}. */
export interface LifecycleChartOptions extends ChartOptions {
  /**
   * Each customer's value (>= 0): a function of the row, or a `Map` / record from customer
   * id to value (default: the row's `evidence.purchaseValue`, the customer's purchases up
   * to `asOf`).
   */
  readonly value?:
    | ((row: LifecycleChartRow) => number)
    | ReadonlyMap<string, number>
    | Readonly<Record<string, number>>;
}

/** Colours of the seven stages in cycle order, then the termination phase of decline. */
const STAGE_COLORS = [
  COLORS.grey, // prospecting
  COLORS.teal, // socialization
  COLORS.green, // growth
  COLORS.blue, // maturity
  COLORS.orange, // decline (endangerment)
  COLORS.red, // interruption
  COLORS.purple, // recovery
  COLORS.brown, // decline (termination)
];

/**
 * Customers and value per stage of the seven-stage relationship lifecycle, from the rows
 * of `classifyLifecycles`: two bar panels side by side (number of customers; their total
 * value), the stages in the order of the cycle — prospecting, socialization, growth,
 * maturity, decline, interruption, recovery — every stage shown even when empty. The
 * decline bar is split into its endangerment and termination phases. Stage names follow
 * `lifecycleLabel` in English or Chinese.
 *
 * @param rows - the rows of `classifyLifecycles(...)`
 * @param options - `value` (default each row's purchase value), locale, title, size (of each panel)
 * @returns a Vega-Lite v5 spec (plain JSON)
 * @throws {CustomerValueError} `EMPTY_INPUT` for no rows; `INVALID_RECORD` for an unknown
 *   stage or a value that is not a finite number >= 0; `MISSING_VALUE` when a `Map` or
 *   record of values lacks a customer; `INVALID_OPTION` for bad options
 * @example
 * const spec = lifecycleChart(classifyLifecycles(customers, transactions, { asOf: "2024-12-31" }));
 * spec.title; // => "Customers and value per lifecycle stage"
 */
export function lifecycleChart(
  rows: readonly LifecycleChartRow[],
  options: LifecycleChartOptions = {},
): VegaLiteSpec {
  const fn = "lifecycleChart";
  const resolved = resolveChartOptions(options, fn, {
    title: (t) => t.lifecycleTitle,
    width: 280,
    height: 260,
  });
  const text = resolved.text;
  const labels = LIFECYCLE_LABELS[resolved.locale];
  const readValue = valueReader(options.value, fn);
  assertRows(rows, fn, "rows");

  // Segments: the seven stages in order (decline = its endangerment phase) + decline/termination.
  const segmentOf = (stage: LifecycleStage, phase: unknown): number =>
    stage === "decline" && phase === "termination" ? 7 : LIFECYCLE_STAGES.indexOf(stage);
  const counts = new Array<number>(8).fill(0);
  const values = new CompensatedSums(8);
  rows.forEach((row, i) => {
    if (row === null || typeof row !== "object" || !LIFECYCLE_STAGES.includes(row.stage)) {
      badRow(fn, `rows[${i}].stage`, `must be one of ${LIFECYCLE_STAGES.join(", ")}`, row?.stage);
    }
    const v = readValue(row, i);
    const segment = segmentOf(row.stage, row.phase);
    counts[segment]!++;
    values.add(segment, v);
  });

  const segmentLabel = (s: number): string =>
    s === 7
      ? `${labels.decline} · ${labels.termination}`
      : s === 4
        ? `${labels.decline} · ${labels.endangerment}`
        : labels[LIFECYCLE_STAGES[s]!];
  const segmentStage = (s: number): string => labels[s === 7 ? "decline" : LIFECYCLE_STAGES[s]!];
  const data = counts.map((count, s) => ({
    stage: segmentStage(s),
    segment: segmentLabel(s),
    order: s === 7 ? 4.5 : s,
    customers: count,
    value: values.value(s) + 0,
  }));
  const stageOrder = LIFECYCLE_STAGES.map((s) => labels[s]);
  const segmentOrder = [0, 1, 2, 3, 4, 7, 5, 6].map(segmentLabel);
  const segmentColors = [0, 1, 2, 3, 4, 7, 5, 6].map((s) => STAGE_COLORS[s]!);

  const panel = (field: "customers" | "value", title: string, format: string, showStageAxis: boolean) => ({
    width: resolved.width,
    height: resolved.height,
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          y: {
            field: "stage",
            type: "nominal",
            sort: stageOrder,
            scale: { domain: stageOrder },
            axis: showStageAxis ? { title: null } : null,
          },
          x: { field, type: "quantitative", stack: "zero", axis: { title, format } },
          color: {
            field: "segment",
            type: "nominal",
            scale: { domain: segmentOrder, range: segmentColors },
            legend: { title: text.stage },
          },
          order: { field: "order", type: "quantitative" },
          tooltip: [
            { field: "segment", type: "nominal", title: text.stage },
            { field: "customers", type: "quantitative", title: text.customersPerStage },
            { field: "value", type: "quantitative", title: text.valuePerStage, format: ",.2f" },
          ],
        },
      },
      {
        // A distinct output name per panel: Vega-Lite would otherwise merge the two aggregates.
        transform: [{ aggregate: [{ op: "sum", field, as: `${field}Total` }], groupby: ["stage"] }],
        mark: { type: "text", align: "left", dx: 4, fontSize: 10, color: "#333" },
        encoding: {
          y: { field: "stage", type: "nominal", sort: stageOrder, scale: { domain: stageOrder } },
          x: { field: `${field}Total`, type: "quantitative" },
          text: { field: `${field}Total`, type: "quantitative", format },
        },
      },
    ],
  });

  const body = {
    data: { values: data },
    hconcat: [
      panel("customers", text.customersPerStage, ",.0f", true),
      panel("value", text.valuePerStage, ",.0f", false),
    ],
    resolve: { scale: { color: "shared" } },
  };
  return finishSpec(body, resolved);
}

function valueReader(
  value: LifecycleChartOptions["value"],
  fn: string,
): (row: LifecycleChartRow, i: number) => number {
  const check = (v: unknown, i: number, where: string): number => {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
      badRow(fn, `rows[${i}]${where}`, "must be a finite number >= 0", v);
    return v;
  };
  if (value === undefined)
    return (row, i) => check(row.evidence?.purchaseValue, i, ".evidence.purchaseValue");
  if (typeof value === "function") return (row, i) => check(value(row), i, " value");
  if (value instanceof Map || (typeof value === "object" && value !== null)) {
    const lookup =
      value instanceof Map
        ? (id: string) => value.get(id)
        : (id: string) => (Object.hasOwn(value, id) ? (value as Record<string, number>)[id] : undefined);
    return (row, i) => {
      const v = lookup(row.customerId);
      if (v === undefined) {
        throw new CustomerValueError(
          "MISSING_VALUE",
          `${fn}: every customer needs a value in options.value, got none for ${describeValue(row.customerId)} (rows[${i}])`,
        );
      }
      return check(v, i, " value");
    };
  }
  throw new CustomerValueError(
    "INVALID_OPTION",
    `${fn}: value must be a function, a Map or a record of customer values, got ${describeValue(value)}`,
  );
}
