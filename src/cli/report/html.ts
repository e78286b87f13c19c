/**
 * HTML pieces of the report: escaped tables with numbers right-aligned, definition lines,
 * model-fit warnings, and the set of data values (ids, file names, formulas) the page shows — listed in the
 * page so that a language check can tell data from the report's own words.
 */
import { escapeHtml } from "../../charts/internal.js";
import type { FitWarning } from "../../models/internal/warnings.js";
import type { ReportText } from "./text.js";

/** Strings of the data the page shows as they are (not words of the report's language). */
export class DataValues {
  readonly values = new Set<string>();

  /** Notes `value` as data and returns it. */
  add<T extends string>(value: T): T {
    if (value !== "") this.values.add(value);
    return value;
  }

  /** The list as a JSON script element (with `<` escaped so no value can close the script). */
  script(): string {
    const json = JSON.stringify([...this.values].sort()).replace(/</g, "\\u003c");
    return `<script type="application/json" id="cv-data-values">${json}</script>`;
  }
}

/** One table: headers, rows of formatted cells, which columns are numbers. */
export interface TableSpec {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns to right-align (default: every column but the first). */
  readonly numeric?: readonly boolean[];
  /** A last line saying how many rows are not shown. */
  readonly more?: string;
}

/** A table as HTML (`class="cv-table"`). */
export function htmlTable(table: TableSpec): string {
  const numeric = table.numeric ?? table.columns.map((_, i) => i > 0);
  const align = (i: number) => (numeric[i] ? ' class="num"' : "");
  const head = table.columns.map((c, i) => `<th${align(i)}>${escapeHtml(c)}</th>`).join("");
  const body = table.rows
    .map((row) => `<tr>${row.map((cell, i) => `<td${align(i)}>${escapeHtml(cell)}</td>`).join("")}</tr>`)
    .join("\n");
  const more =
    table.more === undefined
      ? ""
      : `\n<tfoot><tr><td colspan="${table.columns.length}">${escapeHtml(table.more)}</td></tr></tfoot>`;
  return `<table class="cv-table"><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>${more}</table>`;
}

/** The one-line definition under a figure or table. */
export function definition(text: string): string {
  return `<p class="definition">${escapeHtml(text)}</p>`;
}

/**
 * A fit's warnings as notes: what each means for the reader, in the report's language,
 * then the model's own account with its numbers (as data).
 */
export function fitWarnings(warnings: readonly FitWarning[], t: ReportText, data: DataValues): string {
  return warnings
    .map((w) => `<p class="warning">${escapeHtml(`${t.fitWarnings[w.code]} ${data.add(w.message)}.`)}</p>`)
    .join("\n");
}
