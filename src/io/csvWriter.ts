/**
 * Cell writing shared by the CSV writers (not exported from the package). The readers'
 * cell policy fixes what a writer must quote: an unquoted cell is trimmed of spaces and
 * tabs, a quoted one kept verbatim, so a cell that starts or ends with whitespace, or
 * holds the delimiter, a quote, CR or LF, is quoted (a quote inside written `""`).
 */
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertOneOf, assertOptions } from "../internal/assert.js";
import { describeValue, parseDateInput } from "../internal/dates.js";

/** Options shared by `transactionsToCsv` and `customersToCsv`. */
export interface CsvWriteOptions {
  /** Field delimiter, one ASCII character other than a quote or a line break (default `","`). */
  readonly delimiter?: string;
  /** Line ending (default `"\n"`; `"\r\n"` as RFC 4180 writes it). */
  readonly newline?: "\n" | "\r\n";
  /**
   * Prefix text cells that a spreadsheet would run as a formula (starting with `=`, `+`,
   * `-`, `@`, a tab or CR) with `'`, so that opening the file runs nothing (default
   * `false`). Such a file is for spreadsheets: the readers then return the `'` too.
   */
  readonly formulaSafe?: boolean;
  /** Start with a UTF-8 byte-order mark, which spreadsheets need to read UTF-8 (default `false`). */
  readonly bom?: boolean;
}

/** The resolved options of a writer. */
export interface CsvWriter {
  readonly delimiter: string;
  readonly newline: string;
  readonly formulaSafe: boolean;
  readonly bom: boolean;
}

/** Checks and resolves the writer options once. */
export function csvWriter(options: CsvWriteOptions, fn: string): CsvWriter {
  assertOptions(options, fn);
  const { delimiter = ",", newline = "\n", formulaSafe = false, bom = false } = options;
  // The readers take one ASCII character other than a quote or a line break.
  if (
    typeof delimiter !== "string" ||
    delimiter.length !== 1 ||
    delimiter.charCodeAt(0) > 127 ||
    /["\r\n]/.test(delimiter)
  ) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: delimiter must be one ASCII character other than a quote or a line break, got ${describeValue(delimiter)}`,
    );
  }
  assertOneOf(newline, ["\n", "\r\n"], `${fn}: newline`);
  if (typeof formulaSafe !== "boolean") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: formulaSafe must be a boolean, got ${describeValue(formulaSafe)}`,
    );
  }
  if (typeof bom !== "boolean") {
    throw new CustomerValueError("INVALID_OPTION", `${fn}: bom must be a boolean, got ${describeValue(bom)}`);
  }
  return { delimiter, newline, formulaSafe, bom };
}

// OWASP's list of a formula's first characters (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell: `'`-prefixed when formula-safe and needed, quoted when the readers would change it otherwise. */
export function textCell(text: string, writer: CsvWriter): string {
  const safe = writer.formulaSafe && FORMULA_START.test(text) ? `'${text}` : text;
  return needsQuotes(safe, writer.delimiter) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A number cell the readers parse back to the same double, `-0` included. */
export function numberCell(value: number): string {
  return Object.is(value, -0) ? "-0" : String(value);
}

/** A date cell: the instant in ISO-8601 UTC (`2011-03-04T10:00:00.000Z`). */
export function dateCell(value: Date | string): string {
  return new Date(parseDateInput(value) as number).toISOString();
}

function needsQuotes(text: string, delimiter: string): boolean {
  return (
    text === "" ||
    /^\s|\s$/.test(text) ||
    text.includes(delimiter) ||
    text.includes('"') ||
    text.includes("\n") ||
    text.includes("\r")
  );
}

/** Joins the header and the rows into the file's text. */
export function csvText(rows: readonly (readonly string[])[], writer: CsvWriter): string {
  const body = rows.map((cells) => cells.join(writer.delimiter)).join(writer.newline);
  return `${writer.bom ? "\uFEFF" : ""}${body}${writer.newline}`;
}
