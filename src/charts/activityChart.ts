import type { PeriodActivityRow } from "../rates/periodActivity.js";
import { assertRows, badRow, COLORS, finishSpec, resolveChartOptions } from "./internal.js";
import type { ChartOptions, VegaLiteSpec } from "./types.js";

/** The fields of a `periodActivity` row that the chart reads (`partial` is optional). */
export type ActivityChartRow = Pick<
  PeriodActivityRow,
  "period" | "new" | "retained" | "reactivated" | "churned"
> &
  Partial<Pick<PeriodActivityRow, "partial">>;

/** Options of {@link activityChart}. */
export type ActivityChartOptions = ChartOptions;

const KINDS = ["retained", "new", "reactivated", "churned"] as const;
const KIND_COLORS = [COLORS.blue, COLORS.green, COLORS.teal, COLORS.red];
/** The fill of a period the data do not fully cover. */
const PARTIAL_GREY = "#cfcfcf";

/**
 * Growth accounting per period, from the rows of `periodActivity`: one stacked bar per
 * period, new, retained and reactivated customers above zero (together: the period's
 * active customers) and churned customers below zero, so gains and losses read against
 * each other. Periods appear in the rows' order, empty periods included. A row marked
 * `partial` (a first or last period the data do not fully cover) is drawn in grey and
 * named in the subtitle: its counts describe part of a period.
 *
 * @param rows - the rows of `periodActivity(...)`
 * @param options - locale, title and size
 * @returns a Vega-Lite v5 spec (plain JSON)
 * @throws {CustomerValueError} `EMPTY_INPUT` for no rows; `INVALID_RECORD` for a row
 *   without a period key or with a count that is not a whole number >= 0; `INVALID_OPTION`
 *   for bad options
 * @example
 * const spec = activityChart(periodActivity(transactions, { period: "quarter" }));
 * spec.title; // => "Customer activity per period"
 */
export function activityChart(
  rows: readonly ActivityChartRow[],
  options: ActivityChartOptions = {},
): VegaLiteSpec {
  const fn = "activityChart";
  const resolved = resolveChartOptions(options, fn, {
    title: (t) => t.activityTitle,
    width: 640,
    height: 320,
  });
  const text = resolved.text;
  assertRows(rows, fn, "rows");

  const periods: string[] = [];
  const partial: string[] = [];
  const data: Record<string, string | number | boolean>[] = [];
  rows.forEach((row, i) => {
    if (row === null || typeof row !== "object" || typeof row.period !== "string") {
      badRow(fn, `rows[${i}].period`, "must be a period key string", row?.period);
    }
    if (row.partial !== undefined && typeof row.partial !== "boolean")
      badRow(fn, `rows[${i}].partial`, "must be true or false", row.partial);
    periods.push(row.period);
    if (row.partial === true) partial.push(row.period);
    KINDS.forEach((kind, order) => {
      const count = row[kind];
      if (!Number.isInteger(count) || count < 0)
        badRow(fn, `rows[${i}].${kind}`, "must be a whole number >= 0", count);
      data.push({
        period: row.period,
        kind: text.kinds[kind],
        order,
        count: kind === "churned" ? -count + 0 : count,
        customers: count,
        partial: row.partial === true,
      });
    });
  });

  const body = {
    width: resolved.width,
    height: resolved.height,
    data: { values: data },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          x: {
            field: "period",
            type: "ordinal",
            sort: periods,
            axis: { title: text.period, labelAngle: -45, labelOverlap: "greedy" },
          },
          y: { field: "count", type: "quantitative", stack: "zero", axis: { title: text.count } },
          color: {
            condition: { test: "datum.partial", value: PARTIAL_GREY },
            field: "kind",
            type: "nominal",
            scale: { domain: KINDS.map((k) => text.kinds[k]), range: KIND_COLORS },
            legend: { title: null, orient: "top", direction: "horizontal" },
          },
          order: { field: "order", type: "quantitative" },
          tooltip: [
            { field: "period", type: "ordinal", title: text.period },
            { field: "kind", type: "nominal", title: text.kind },
            { field: "customers", type: "quantitative", title: text.count },
          ],
        },
      },
      {
        data: { values: [{ y: 0 }] },
        mark: { type: "rule", color: "#555" },
        encoding: { y: { field: "y", type: "quantitative" } },
      },
    ],
  };
  return finishSpec(body, resolved, partial.length === 0 ? undefined : text.partialNote(partial.join(", ")));
}
