import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertOneOf, assertOptions } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import type { CohortRow } from "../rates/cohortRetention.js";
import { assertRows, badRow, finishSpec, resolveChartOptions } from "./internal.js";
import type { ChartOptions, VegaLiteSpec } from "./types.js";

/** A row of `cohortRetention` as the heatmap reads it (the partial flags are optional). */
export type CohortHeatmapRow = Omit<CohortRow, "partial" | "lastColumnPartial"> &
  Partial<Pick<CohortRow, "partial" | "lastColumnPartial">>;

/** Options of {@link cohortHeatmap}. */
export interface CohortHeatmapOptions extends ChartOptions {
  /** What each cell shows: `"retention"` (customers, default) or `"revenueRetention"` (revenue vs the first period). */
  readonly measure?: "retention" | "revenueRetention";
  /** Write each cell's percentage in it (default: when there are at most 400 cells). */
  readonly labels?: boolean;
}

/**
 * A cohort retention heatmap of a `cohortRetention` result: one row per cohort (the
 * period of its customers' first purchase, oldest on top), one column per period since
 * that first purchase (0, 1, 2, …), the cell coloured by `retention[k]` (or
 * `revenueRetention[k]`) on a 0–100% scale. Reading down a column compares cohorts at
 * the same age; the triangle's edge is the last period in the data.
 *
 * Revenue retention can exceed 100% (the colour then stays at the top of the scale; the
 * label and tooltip give the value) and is `null` for a cohort whose first-period revenue
 * is <= 0: those cells are left blank. Cells of periods the data do not fully cover (a row
 * marked `partial`, or each row's last cell when `lastColumnPartial`) are grey, named in
 * the subtitle: their retention counts part of a period only.
 *
 * @param rows - the rows of `cohortRetention(...)`
 * @param options - `measure`, `labels`, locale, title and size
 * @returns a Vega-Lite v5 spec (plain JSON)
 * @throws {CustomerValueError} `EMPTY_INPUT` for no rows; `INVALID_RECORD` for a row
 *   without a cohort key or with a value that is not a finite number (or `null` for
 *   revenue retention); `INVALID_OPTION` for bad options
 * @example
 * const spec = cohortHeatmap(cohortRetention(transactions));
 * spec.title; // => "Cohort retention"
 */
export function cohortHeatmap(
  rows: readonly CohortHeatmapRow[],
  options: CohortHeatmapOptions = {},
): VegaLiteSpec {
  const fn = "cohortHeatmap";
  assertOptions(options, fn);
  const measure = options.measure ?? "retention";
  assertOneOf(measure, ["retention", "revenueRetention"] as const, `${fn}: measure`);
  const resolved = resolveChartOptions(options, fn, {
    title: (t) => (measure === "retention" ? t.cohortTitle : t.cohortRevenueTitle),
    width: 560,
    height: 400,
  });
  const text = resolved.text;
  if (options.labels !== undefined && typeof options.labels !== "boolean") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: labels must be true or false, got ${describeValue(options.labels)}`,
    );
  }
  assertRows(rows, fn, "rows");

  const cells: Record<string, string | number | boolean | null>[] = [];
  const partialCohorts: string[] = [];
  let lastPartial = false;
  rows.forEach((row, i) => {
    if (row === null || typeof row !== "object" || typeof row.cohort !== "string") {
      badRow(fn, `rows[${i}].cohort`, "must be a period key string", row?.cohort);
    }
    const values = row[measure];
    if (!Array.isArray(values)) badRow(fn, `rows[${i}].${measure}`, "must be an array", values);
    const partialRow = row.partial === true;
    const partialLast = row.lastColumnPartial === true;
    if (partialRow) partialCohorts.push(row.cohort);
    lastPartial ||= partialLast;
    values.forEach((v, k) => {
      const partial = partialRow || (partialLast && k === values.length - 1);
      if (v === null && measure === "revenueRetention") return;
      if (typeof v !== "number" || !Number.isFinite(v))
        badRow(fn, `rows[${i}].${measure}[${k}]`, "must be a finite number", v);
      cells.push({
        cohort: row.cohort,
        k,
        value: v + 0,
        size: row.size,
        active: row.active?.[k] ?? null,
        order: i,
        partial,
      });
    });
  });
  const labels = options.labels ?? cells.length <= 400;

  const measureTitle = measure === "retention" ? text.retention : text.revenueRetention;
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: "rect", stroke: "white", strokeWidth: 0.5 },
      encoding: {
        color: {
          condition: { test: "datum.partial", value: "#d9d9d9" },
          field: "value",
          type: "quantitative",
          scale: { scheme: "blues", domain: [0, 1], clamp: true },
          legend: { title: measureTitle, format: ".0%" },
        },
        tooltip: [
          { field: "cohort", type: "ordinal", title: text.cohort },
          { field: "k", type: "ordinal", title: text.periodsSince },
          { field: "value", type: "quantitative", title: measureTitle, format: ".1%" },
          { field: "size", type: "quantitative", title: text.cohortSize },
          { field: "active", type: "quantitative", title: text.customers },
        ],
      },
    },
  ];
  if (labels) {
    layers.push({
      mark: { type: "text", fontSize: 9 },
      encoding: {
        text: { field: "value", type: "quantitative", format: ".0%" },
        color: { condition: { test: "datum.value > 0.55 && !datum.partial", value: "white" }, value: "#222" },
      },
    });
  }
  const body = {
    width: resolved.width,
    height: resolved.height,
    data: { values: cells },
    encoding: {
      x: {
        field: "k",
        type: "ordinal",
        sort: "ascending",
        axis: { title: text.periodsSince, labelAngle: 0 },
      },
      // Sorted by a number field: cohort keys are data, never written into an expression.
      y: {
        field: "cohort",
        type: "ordinal",
        sort: { field: "order", op: "min" },
        axis: { title: text.cohort },
      },
    },
    layer: layers,
  };
  const partial = [
    ...(lastPartial ? [text.lastPeriodPartial] : []),
    ...partialCohorts.map(text.cohortPartial),
  ];
  return finishSpec(body, resolved, partial.length === 0 ? undefined : text.partialNote(partial.join(", ")));
}
