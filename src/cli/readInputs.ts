/**
 * CSV readers for the `customer-value report` command's customer list and survey (the
 * transaction log goes through the public `parseTransactionsCsv`). Pure: text in, records
 * out; every bad row is reported at once with its data row number (1 = the first row
 * after the header), like `parseTransactionsCsv`.
 */
import Papa from "papaparse";
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import type { Customer } from "../records/Customer.js";
import type { SurveyResponse } from "../records/SurveyResponse.js";
import { validateCustomers, validateSurveyResponses } from "../records/validate.js";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const CUSTOMER_NUMBERS = new Set(["value", "satisfaction"]);
const CUSTOMER_FIELDS = new Set([
  "id",
  "name",
  "region",
  "segment",
  "value",
  "firstContactAt",
  "terminationNoticeAt",
  "noticeWithdrawnAt",
  "satisfaction",
]);

/**
 * Parses a CSV with a header row into rows of (column, cell) pairs. Rows are read as
 * arrays, never as objects keyed by the header, so a column named `__proto__` or
 * `constructor` cannot reach an object's prototype. Header names are trimmed; a name given
 * twice is an error.
 */
function parse(
  text: string,
  what: string,
  delimiter: string,
): { fields: string[]; rows: (readonly [string, string])[][] } {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: "greedy", delimiter });
  const [head = [], ...body] = parsed.data;
  const fields = head.map((name) => name.trim());
  const issues: ValidationIssue[] = parsed.errors.map((e) => ({
    path: e.row === undefined || e.row === null ? "file" : `row ${e.row}`,
    message: e.message,
  }));
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${what}: the CSV is malformed, got ${issues.length} problem(s)`,
      { issues },
    );
  }
  const repeated = fields.filter((name, i) => name !== "" && fields.indexOf(name) !== i);
  if (repeated.length > 0) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${what}: the header must name each column once, got ${[...new Set(repeated)].map((n) => JSON.stringify(n)).join(", ")} more than once`,
    );
  }
  const rows = body.map((cells) => fields.map((name, j) => [name, cells[j] ?? ""] as const));
  return { fields, rows };
}

/** Re-labels validation issues `[i].field` as `row i+1.field`. */
function byRow(error: unknown, what: string): never {
  if (error instanceof CustomerValueError && error.issues.length > 0) {
    const issues = error.issues.map((issue) => ({
      path: issue.path.replace(/^\[(\d+)\]\.?/, (_, i: string) => `row ${Number(i) + 1}.`).replace(/\.$/, ""),
      message: issue.message,
    }));
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${what}: every row must be valid, got ${issues.length} problem(s)`,
      {
        issues,
        cause: error,
      },
    );
  }
  throw error;
}

/**
 * Reads a customer list: a header row with `id` (or `customerId`) and any of `name`,
 * `region`, `segment`, `value`, `firstContactAt`, `terminationNoticeAt`,
 * `noticeWithdrawnAt`, `satisfaction`; other columns are ignored, empty cells mean absent.
 */
export function readCustomersCsv(text: string, what = "customers", delimiter = ","): Customer[] {
  const { fields, rows } = parse(text, what, delimiter);
  const idField = fields.includes("id") ? "id" : fields.includes("customerId") ? "customerId" : undefined;
  if (idField === undefined) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${what}: the header must have an "id" (or "customerId") column, got ${JSON.stringify(fields)}`,
    );
  }
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const [key, raw] of row) {
      const field = key === idField ? "id" : key;
      if (!CUSTOMER_FIELDS.has(field)) continue;
      const cell = raw.trim();
      if (cell === "") continue;
      record[field] = CUSTOMER_NUMBERS.has(field) && NUMBER.test(cell) ? Number(cell) : cell;
    }
    return record;
  });
  try {
    return validateCustomers(records);
  } catch (error) {
    byRow(error, what);
  }
}

/**
 * Reads survey responses: a header row with `customerId` and one column per indicator;
 * each cell a score, an empty cell meaning "indicator skipped" (`null`).
 */
export function readSurveyCsv(text: string, what = "survey", delimiter = ","): SurveyResponse[] {
  const { fields, rows } = parse(text, what, delimiter);
  if (!fields.includes("customerId")) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${what}: the header must have a "customerId" column, got ${JSON.stringify(fields)}`,
    );
  }
  if (fields.includes("__proto__")) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${what}: an indicator column named "__proto__" cannot be read (no score record can hold a field of that name); rename it in the file`,
    );
  }
  const records = rows.map((row) => {
    const scores: Record<string, unknown> = {};
    let customerId = "";
    for (const [name, raw] of row) {
      const cell = raw.trim();
      if (name === "customerId") customerId = cell;
      else if (name !== "") scores[name] = cell === "" ? null : NUMBER.test(cell) ? Number(cell) : cell;
    }
    return { customerId, scores };
  });
  try {
    return validateSurveyResponses(records);
  } catch (error) {
    byRow(error, what);
  }
}
