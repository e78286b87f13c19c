import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertInteger, assertOptions } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import { escapeHtml, JUPYTER_DISPLAY } from "./internal.js";

/** One cell of a {@link TableView}: a number, text, boolean or `null`. */
export type TableCell = string | number | boolean | null;

/** Options of {@link tableView}. */
export interface TableViewOptions {
  /** The columns to show, in order (default: every field of the rows, in order of first appearance). */
  readonly columns?: readonly string[];
  /** Most rows shown (default 50); the rest are counted in a last line. */
  readonly maxRows?: number;
  /** A caption above the table (default none). */
  readonly title?: string;
  /** Significant decimals of non-integer numbers (default 4). */
  readonly decimals?: number;
}

/** A result as a table: plain data plus its HTML, shown as a table in Jupyter. */
export interface TableView {
  readonly title: string | null;
  readonly columns: string[];
  /** The rows shown (at most `maxRows`), as cells in `columns` order. */
  readonly rows: TableCell[][];
  /** Number of rows of the input (shown or not). */
  readonly totalRows: number;
  /** A self-contained `<table>` (escaped; numbers right-aligned), for notebooks and HTML reports. */
  readonly html: string;
}

/**
 * A result as a table for notebooks and reports: an array of records (one row each) or
 * one record (one row per field: `field`, `value`). Nested values (arrays, objects) are
 * written as JSON; dates as ISO-8601; numbers rounded to `decimals` places for display
 * (the data itself is not changed). In Deno's Jupyter kernel the returned object displays
 * as an HTML table (`text/html`) with a plain-text fallback.
 *
 * @param data - an array of records, or one record
 * @param options - `columns`, `maxRows`, `title`, `decimals`
 * @returns the table: its columns, the rows shown, the row count and the HTML
 * @throws {CustomerValueError} `INVALID_RECORD` when `data` is neither an array of objects
 *   nor an object; `INVALID_OPTION` for bad options
 * @example
 * tableView([{ id: "C1", value: 12.5 }]).html.startsWith("<table"); // => true
 */
export function tableView(data: readonly object[] | object, options: TableViewOptions = {}): TableView {
  const fn = "tableView";
  assertOptions(options, fn);
  const maxRows = options.maxRows ?? 50;
  const decimals = options.decimals ?? 4;
  assertInteger(maxRows, `${fn}: maxRows`, 1);
  assertInteger(decimals, `${fn}: decimals`, 0);
  const title = options.title ?? null;
  if (title !== null && typeof title !== "string") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: title must be a string, got ${describeValue(title)}`,
    );
  }
  if (data === null || typeof data !== "object") {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: data must be an array of records or a record, got ${describeValue(data)}`,
    );
  }
  const records: Record<string, unknown>[] = Array.isArray(data)
    ? data.map((row, i) => {
        if (row === null || typeof row !== "object") {
          throw new CustomerValueError(
            "INVALID_RECORD",
            `${fn}: data[${i}] must be a record, got ${describeValue(row)}`,
          );
        }
        return row as Record<string, unknown>;
      })
    : Object.entries(data).map(([field, value]) => ({ field, value }));

  let columns: string[];
  if (options.columns !== undefined) {
    columns = [...options.columns];
  } else {
    const seen = new Set<string>();
    for (const r of records.slice(0, maxRows)) for (const k of Object.keys(r)) seen.add(k);
    columns = [...seen];
  }
  const shown = records.slice(0, maxRows).map((r) => columns.map((c) => cell(r[c])));
  const html = toHtml(title, columns, shown, records.length, decimals);
  const view: TableView = { title, columns, rows: shown, totalRows: records.length, html };
  Object.defineProperty(view, JUPYTER_DISPLAY, {
    enumerable: false,
    value: () => ({
      "text/html": html,
      "text/plain": toText(title, columns, shown, records.length, decimals),
    }),
  });
  return view;
}

function cell(v: unknown): TableCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v + 0 : String(v);
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
  if (v instanceof Map) return JSON.stringify(Object.fromEntries(v));
  return JSON.stringify(v);
}

function show(v: TableCell, decimals: number): string {
  if (v === null) return "";
  if (typeof v === "number") {
    return Number.isInteger(v)
      ? v.toLocaleString("en-US")
      : v.toLocaleString("en-US", { maximumFractionDigits: decimals });
  }
  return String(v);
}

function toHtml(
  title: string | null,
  columns: string[],
  rows: TableCell[][],
  total: number,
  decimals: number,
): string {
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = rows
    .map(
      (r) =>
        `<tr>${r
          .map(
            (v) =>
              `<td${typeof v === "number" ? ' style="text-align:right"' : ""}>${escapeHtml(show(v, decimals))}</td>`,
          )
          .join("")}</tr>`,
    )
    .join("\n");
  const caption = title === null ? "" : `<caption>${escapeHtml(title)}</caption>`;
  const more =
    total > rows.length
      ? `\n<tfoot><tr><td colspan="${columns.length}">… ${total - rows.length} more row(s) of ${total}</td></tr></tfoot>`
      : "";
  return `<table class="cv-table">${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>${more}</table>`;
}

function toText(
  title: string | null,
  columns: string[],
  rows: TableCell[][],
  total: number,
  decimals: number,
): string {
  const text = [columns, ...rows.map((r) => r.map((v) => show(v, decimals)))];
  // A loop, not Math.max(...): maxRows may be large enough to overflow the argument list.
  const widths = columns.map((_, i) => text.reduce((w, r) => Math.max(w, String(r[i] ?? "").length), 0));
  const lines = text.map((r) =>
    r
      .map((c, i) => String(c ?? "").padEnd(widths[i]!))
      .join("  ")
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  if (total > rows.length) lines.push(`… ${total - rows.length} more row(s) of ${total}`);
  return (title === null ? "" : `${title}\n`) + lines.join("\n");
}
