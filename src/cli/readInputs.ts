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

function parse(
  text: string,
  what: string,
  delimiter: string,
): { fields: string[]; rows: Record<string, string>[] } {
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: "greedy",
    delimiter,
    transformHeader: (h) => h.trim(),
  });
  const issues: ValidationIssue[] = parsed.errors.map((e) => ({
    path: e.row === undefined ? "file" : `row ${e.row + 1}`,
    message: e.message,
  }));
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${what}: the CSV is malformed, got ${issues.length} problem(s)`,
      {
        issues,
      },
    );
  }
  return { fields: parsed.meta.fields ?? [], rows: parsed.data };
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
    for (const [key, raw] of Object.entries(row)) {
      const field = key === idField ? "id" : key;
      if (!CUSTOMER_FIELDS.has(field) || raw === undefined) continue;
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
  const indicators = fields.filter((f) => f !== "customerId" && f !== "");
  const records = rows.map((row) => {
    const scores: Record<string, unknown> = {};
    for (const indicator of indicators) {
      const cell = (row[indicator] ?? "").trim();
      scores[indicator] = cell === "" ? null : NUMBER.test(cell) ? Number(cell) : cell;
    }
    return { customerId: (row["customerId"] ?? "").trim(), scores };
  });
  try {
    return validateSurveyResponses(records);
  } catch (error) {
    byRow(error, what);
  }
}
