import Papa from "papaparse";
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

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

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
  if (typeof delimiter !== "string" || delimiter.length !== 1 || /["\r\n]/.test(delimiter)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: delimiter must be one character other than a quote or a line break, got ${describeValue(delimiter)}`,
    );
  }
  if (!Array.isArray(keep) || !keep.every((name) => typeof name === "string")) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: keep must be an array of column names, got ${describeValue(keep)}`,
    );
  }
  const parsed = Papa.parse<string[]>(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, {
    delimiter,
    skipEmptyLines: "greedy",
  });
  const [head = [], ...rows] = parsed.data;
  const header = head.map((name) => name.trim());
  const duplicate = header.find((name, i) => name !== "" && header.indexOf(name) !== i);
  if (duplicate !== undefined) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: the header names the column ${JSON.stringify(duplicate)} twice`,
    );
  }
  const fields = CUSTOMER_COLUMNS.map(([field, kind]) => ({
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

  const records = rows.map((cells) => {
    const record: Record<string, unknown> = {};
    for (const { field, kind, at } of fields) {
      const cell = at < 0 ? "" : (cells[at] ?? "").trim();
      if (cell === "" && field !== "id") continue;
      record[field] = kind === "number" ? readNumber(cell, decimal) : cell;
    }
    for (const name of keep) record[name] = cells[header.indexOf(name)] ?? "";
    return record;
  });
  const invalid = invalidRows(records, header.length, rows, fn);
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

function readNumber(cell: string, decimal: "." | ","): unknown {
  const text = decimal === "," ? (cell.includes(".") ? "x" : cell.replace(",", ".")) : cell;
  return NUMBER.test(text) ? Number(text) : cell;
}

/** Validates the rows one by one (row numbers from 1), then repeated ids among the valid ones. */
function invalidRows(
  records: readonly Record<string, unknown>[],
  width: number,
  rows: readonly (readonly string[])[],
  fn: string,
): { rows: CsvInvalidRow[]; valid: ParsedCustomer[] } {
  const out: CsvInvalidRow[] = [];
  const valid: ParsedCustomer[] = [];
  const firstRow = new Map<string, number>();
  records.forEach((record, i) => {
    const row = i + 1;
    const issues: ValidationIssue[] = [];
    if ((rows[i]?.length ?? 0) !== width) {
      issues.push({ path: `row ${row}`, message: `expected ${width} cells, got ${rows[i]?.length ?? 0}` });
    }
    try {
      const [customer] = parseCustomers([record], fn) as ParsedCustomer[];
      const first = firstRow.get(customer!.id);
      if (first !== undefined) {
        issues.push({
          path: `row ${row}.id`,
          message: `duplicate customer id ${JSON.stringify(customer!.id)} (first at row ${first})`,
        });
      } else if (issues.length === 0) {
        firstRow.set(customer!.id, row);
        valid.push(customer!);
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
