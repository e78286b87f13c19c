import { type CsvRow, csvBytes, readCsv } from "../engine/csv.js";
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { assertOneOf, assertOptions } from "../internal/assert.js";
import { describeValue, parseDateInput } from "../internal/dates.js";
import type { ParsedCustomer } from "../records/Customer.js";
import { parseCustomers } from "../records/validate.js";
import { CUSTOMER_COLUMNS } from "./customersToCsv.js";
import type { CsvInvalidRow } from "./parseTransactionsCsv.js";

/** Options of {@link parseCustomersCsv}. */
export interface ParseCustomersCsvOptions {
  /**
   * Header name of each customer field, where it differs from the field's name (default:
   * the field names `id`, `name`, `region`, `segment`, `value`, `firstContactAt`,
   * `terminationNoticeAt`, `noticeWithdrawnAt`, `satisfaction`; only `id` is required).
   */
  readonly columns?: Readonly<Partial<Record<(typeof CUSTOMER_COLUMNS)[number][0], string>>>;
  /** Other columns copied as text onto each customer (default none). */
  readonly keep?: readonly string[];
  /** Field delimiter (default `","`). */
  readonly delimiter?: string;
  /** Decimal separator of number cells (default `"."`). */
  readonly decimal?: "." | ",";
  /** `"throw"` (default): one error listing every bad row; `"skip"`: leave them out, listed in `invalid`. */
  readonly onInvalid?: "throw" | "skip";
}

/** Result of {@link parseCustomersCsv}. */
export interface ParseCustomersCsvResult {
  /** The valid rows as customers, dates as `Date`s. */
  readonly customers: ParsedCustomer[];
  /** Rows that broke the schema (with `onInvalid: "skip"`). */
  readonly invalid: CsvInvalidRow[];
  /** Data rows read. */
  readonly rowCount: number;
}

/**
 * Reads customer records from CSV (the format `customersToCsv` writes): one row per
 * customer, each checked against the `Customer` schema; a repeated id is an error at
 * every repeat. An empty cell means the field is absent; numbers are read strictly
 * (`"12,5"` only with `decimal: ","`); dates are ISO-8601 (no zone = UTC) and come back
 * as `Date`s. Columns other than the customer fields are ignored unless named in `keep`.
 *
 * @param text - the CSV text, with a header row
 * @param options - `columns`, `keep`, `delimiter`, `decimal`, `onInvalid`
 * @returns `{ customers, invalid, rowCount }`
 * @throws {CustomerValueError} `INVALID_RECORD` for bad rows (with `onInvalid: "throw"`) or
 *   a header without the id column; `INVALID_OPTION` for bad options
 * @example
 * parseCustomersCsv("id,region,value\nC1,North,1200\n").customers;
 * // => [{ id: "C1", region: "North", value: 1200 }]
 */
export function parseCustomersCsv(
  text: string,
  options: ParseCustomersCsvOptions = {},
): ParseCustomersCsvResult {
  const fn = "parseCustomersCsv";
  assertOptions(options, fn);
  if (typeof text !== "string") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: text must be a string, got ${describeValue(text)}`,
    );
  }
  const { columns = {}, keep = [], delimiter = ",", decimal = ".", onInvalid = "throw" } = options;
  assertOneOf(onInvalid, ["throw", "skip"], `${fn}: onInvalid`);
  assertOneOf(decimal, [".", ","], `${fn}: decimal`);
  if (!Array.isArray(keep) || !keep.every((name) => typeof name === "string")) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: keep must be an array of column names, got ${describeValue(keep)}`,
    );
  }
  let fields: { field: string; kind: string; at: number }[] = [];
  const locate = (header: readonly string[]) => {
    fields = CUSTOMER_COLUMNS.map(([field, kind]) => ({
      field,
      kind,
      at: header.indexOf(columns[field] ?? field),
    }));
    const missing = [
      ...(fields[0]!.at < 0 ? [columns.id ?? "id"] : []),
      ...keep.filter((name) => !header.includes(name)),
    ];
    if (missing.length > 0) {
      throw new CustomerValueError(
        "INVALID_RECORD",
        `${fn}: the header has no column ${missing.map((m) => JSON.stringify(m)).join(", ")} (header: ${header.join(", ")}); map the columns with options.columns`,
      );
    }
  };
  const rows: { record: Record<string, unknown>; cells: number; width: number }[] = [];
  const header = readCsv(csvBytes(text), { fn, delimiter }, (row) => {
    if (row.line === 1) locate(row.header);
    rows.push({ record: recordOf(row, fields, keep, decimal), cells: row.count, width: row.header.length });
  });
  if (rows.length === 0) locate(header);
  const invalid = invalidRows(rows, fn);
  if (invalid.rows.length > 0 && onInvalid === "throw") {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: ${invalid.rows.length} invalid row${invalid.rows.length === 1 ? "" : "s"} of ${rows.length}; pass onInvalid: "skip" to leave them out and get them in result.invalid`,
      { issues: invalid.rows.flatMap((r) => r.issues) },
    );
  }
  const customers = invalid.valid.map((c) => {
    const out = { ...c } as ParsedCustomer;
    for (const { field, kind } of fields) {
      if (kind === "date" && c[field] !== undefined) {
        (out as Record<string, unknown>)[field] = new Date(parseDateInput(c[field] as string) as number);
      }
    }
    return out;
  });
  return { customers, invalid: invalid.rows, rowCount: rows.length };
}

/**
 * The record a row stands for, under the cell policy: an empty unquoted cell leaves its
 * field out, a quoted `""` is the empty text; numbers read strictly (the text is kept when
 * it is not one, for the message); dates stay text until validated.
 */
function recordOf(
  row: CsvRow,
  fields: readonly { field: string; kind: string; at: number }[],
  keep: readonly string[],
  decimal: "." | ",",
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const { field, kind, at } of fields) {
    if (at < 0) continue;
    if (field !== "id" && row.isEmpty(at) && (kind !== "text" || row.quoted[at] === 0)) continue;
    if (kind === "number") {
      const n = row.number(at, decimal);
      record[field] = Number.isNaN(n) ? row.text(at) : n;
    } else record[field] = row.text(at);
  }
  for (const name of keep) record[name] = row.text(row.header.indexOf(name));
  return record;
}

/** Validates the rows one by one (row numbers from 1), then repeated ids among the valid ones. */
function invalidRows(
  rows: readonly { record: Record<string, unknown>; cells: number; width: number }[],
  fn: string,
): { rows: CsvInvalidRow[]; valid: ParsedCustomer[] } {
  const out: CsvInvalidRow[] = [];
  const valid: ParsedCustomer[] = [];
  const firstRow = new Map<string, number>();
  rows.forEach(({ record, cells, width }, i) => {
    const row = i + 1;
    const issues: ValidationIssue[] = [];
    if (cells !== width)
      issues.push({ path: `row ${row}`, message: `expected ${width} cells, got ${cells}` });
    try {
      const customer = parseCustomers([record], fn)[0] as ParsedCustomer;
      const first = firstRow.get(customer.id);
      if (first !== undefined) {
        issues.push({
          path: `row ${row}.id`,
          message: `duplicate customer id ${JSON.stringify(customer.id)} (first at row ${first})`,
        });
      } else if (issues.length === 0) {
        firstRow.set(customer.id, row);
        valid.push(customer);
      }
    } catch (error) {
      if (!(error instanceof CustomerValueError)) throw error;
      for (const issue of error.issues)
        issues.push({ path: `row ${row}${issue.path.replace(/^\[0\]/, "")}`, message: issue.message });
    }
    if (issues.length > 0) out.push({ row, issues });
  });
  return { rows: out, valid };
}
