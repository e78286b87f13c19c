import Papa from "papaparse";
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { assertOneOf, assertOptions } from "../internal/assert.js";
import { describeValue, parseDateInput } from "../internal/dates.js";
import { type ParsedTransaction, Transaction } from "../records/Transaction.js";
import { formatPath } from "../records/validate.js";

/** One CSV data row as the parser reads it: header name -> cell text. */
export type CsvRow = Readonly<Record<string, string>>;

/** Where a transaction field comes from: a header name, or a function of the row. */
export type CsvColumn<T> = string | ((row: CsvRow) => T);

/** Column mapping of {@link parseTransactionsCsv}; each default is the field's own name. */
export interface CsvColumns {
  /** Customer id column (default `"customerId"`). */
  readonly customerId?: CsvColumn<string>;
  /** Date column (default `"date"`), ISO-8601; no zone = UTC. */
  readonly date?: CsvColumn<string | Date>;
  /** Amount column (default `"amount"`). */
  readonly amount?: CsvColumn<number | string>;
  /** Profit column (default: none). An empty cell means "no profit". */
  readonly profit?: CsvColumn<number | string | undefined>;
  /** Quantity column (default: none). An empty cell means "no quantity". */
  readonly quantity?: CsvColumn<number | string | undefined>;
}

/** Options of {@link parseTransactionsCsv}. */
export interface ParseTransactionsCsvOptions {
  /** Column mapping (default: columns named `customerId`, `date`, `amount`). */
  readonly columns?: CsvColumns;
  /** Other columns copied as they are onto each transaction (default none). */
  readonly keep?: readonly string[];
  /** Field delimiter (default `","`). */
  readonly delimiter?: string;
  /** Decimal separator of number cells (default `"."`); `","` reads `12,5` as 12.5. */
  readonly decimal?: "." | ",";
  /**
   * What to do with rows that break the `Transaction` schema (default `"throw"`):
   * `"throw"` raises one error listing every bad row; `"skip"` leaves them out and
   * reports each in `invalid`.
   */
  readonly onInvalid?: "throw" | "skip";
  /**
   * Rows to leave out on purpose, with the reason (e.g. cancellations). Return a reason
   * string to exclude the row, or `undefined`/`null`/`false` to keep it. Excluded rows are
   * listed in `excluded` and counted per reason in `excludedCounts`. Default: none.
   */
  readonly exclude?: (row: CsvRow) => string | undefined | null | false;
}

/** A row that was not turned into a transaction because it broke the schema. */
export interface CsvInvalidRow {
  /** 1-based data row number (the header is not counted; the file line is `row + 1` when no cell holds a line break). */
  readonly row: number;
  /** Every problem of the row. */
  readonly issues: readonly ValidationIssue[];
}

/** A row left out by `exclude`. */
export interface CsvExcludedRow {
  /** 1-based data row number. */
  readonly row: number;
  /** The reason `exclude` returned. */
  readonly reason: string;
}

/** Result of {@link parseTransactionsCsv}. */
export interface ParseTransactionsCsvResult {
  /** The valid, kept rows as transactions (`date` parsed to a `Date`). */
  readonly transactions: ParsedTransaction[];
  /** Rows that broke the schema (only with `onInvalid: "skip"`; otherwise it throws). */
  readonly invalid: CsvInvalidRow[];
  /** Rows left out by `exclude`. */
  readonly excluded: CsvExcludedRow[];
  /** Excluded rows per reason. */
  readonly excludedCounts: Record<string, number>;
  /** Data rows read: `transactions.length + invalid.length + excluded.length`. */
  readonly rowCount: number;
}

const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Reads a number cell strictly: `"12.5"`, `"-3"`, `"1e3"`; `"12,5"` only with `decimal: ","`. */
function readNumber(cell: unknown, decimal: "." | ","): unknown {
  if (typeof cell !== "string") return cell;
  let text = cell.trim();
  if (decimal === ",") {
    if (text.includes(".")) return cell; // "1.234,5" thousands separators are not guessed
    text = text.replace(",", ".");
  }
  return NUMBER_PATTERN.test(text) ? Number(text) : cell;
}

/**
 * Parses a CSV transaction log (a real CSV parser: quoted cells, embedded delimiters
 * and line breaks, CRLF) into validated transactions, for BI scripts.
 *
 * Every row is checked against the `Transaction` schema. Bad rows are never dropped
 * silently: by default one `CustomerValueError` lists all of them with their row
 * numbers (the message shows the first 20 problems, `error.issues` holds every one); with
 * `onInvalid: "skip"` they are left out and listed in `invalid`. Rows you leave out on
 * purpose (`exclude`) are listed in `excluded` with your reason. Number cells are read
 * strictly (no thousands separators, no currency signs); an empty optional cell
 * (profit, quantity) means "absent".
 *
 * @param text - the CSV text, with a header row
 * @param options - column mapping, delimiter, decimal separator, what to do with bad rows
 * @returns the transactions and an account of every row not returned
 * @throws {CustomerValueError} `INVALID_RECORD` for bad rows (with `onInvalid: "throw"`) or a missing column;
 *   `INVALID_OPTION` for bad options
 * @example
 * const csv = "customerId,date,amount\nC1,2011-03-04,12.5\nC2,2011-03-05,oops\n";
 * const { transactions, invalid } = parseTransactionsCsv(csv, { onInvalid: "skip" });
 * transactions.length; // => 1
 * invalid[0].row; // => 2
 */
export function parseTransactionsCsv(
  text: string,
  options: ParseTransactionsCsvOptions = {},
): ParseTransactionsCsvResult {
  const fn = "parseTransactionsCsv";
  assertOptions(options, fn);
  if (typeof text !== "string") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: text must be a string, got ${describeValue(text)}`,
    );
  }
  const { columns = {}, keep = [], delimiter = ",", decimal = ".", onInvalid = "throw", exclude } = options;
  if (typeof columns !== "object" || columns === null || Array.isArray(columns)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: columns must be an object, got ${describeValue(columns)}`,
    );
  }
  if (!Array.isArray(keep) || !keep.every((name) => typeof name === "string")) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: keep must be an array of column names, got ${describeValue(keep)}`,
    );
  }
  if (exclude !== undefined && typeof exclude !== "function") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: exclude must be a function, got ${describeValue(exclude)}`,
    );
  }
  assertOneOf(onInvalid, ["throw", "skip"], `${fn}: onInvalid`);
  assertOneOf(decimal, [".", ","], `${fn}: decimal`);
  if (typeof delimiter !== "string" || delimiter.length === 0) {
    throw new CustomerValueError("INVALID_OPTION", `${fn}: delimiter must be a non-empty string`);
  }

  // Repeated header names get a suffix here ("amount", "amount_1"), as papaparse would give
  // them, but without papaparse's console warning; `repeatedHeaders` remembers them.
  const headerCounts = new Map<string, number>();
  const repeatedHeaders = new Set<string>();
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    transformHeader: (name) => {
      const count = headerCounts.get(name) ?? 0;
      headerCounts.set(name, count + 1);
      if (count === 0) return name;
      repeatedHeaders.add(name);
      return `${name}_${count}`;
    },
    delimiter,
    skipEmptyLines: "greedy",
  });
  const header = parsed.meta.fields ?? [];
  const mapping = {
    customerId: columns.customerId ?? "customerId",
    date: columns.date ?? "date",
    amount: columns.amount ?? "amount",
    profit: columns.profit,
    quantity: columns.quantity,
  };
  const missing = [
    ...Object.values(mapping).filter((c): c is string => typeof c === "string"),
    ...keep,
  ].filter((name) => !header.includes(name));
  // A column we read must not be ambiguous.
  const used = new Set<string>([
    ...Object.values(mapping).filter((c): c is string => typeof c === "string"),
    ...keep,
  ]);
  if (used.has("__proto__")) {
    // papaparse stores each row in a plain object, where a "__proto__" cell cannot be kept.
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: a column named "__proto__" cannot be read (rows are plain objects); rename the column in the file, got it in options.columns or options.keep`,
    );
  }
  const repeated = [...repeatedHeaders].filter((name) => used.has(name));
  if (repeated.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: the header must name each column it reads once, got ${repeated.map((m) => JSON.stringify(m)).join(", ")} more than once`,
    );
  }
  if (missing.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: the header has no column ${missing.map((m) => JSON.stringify(m)).join(", ")} (header: ${header.join(", ")}); map the columns with options.columns`,
    );
  }

  const cell = <T>(column: CsvColumn<T> | undefined, row: CsvRow): T | string | undefined =>
    column === undefined ? undefined : typeof column === "function" ? column(row) : row[column];
  const optionalNumber = (value: unknown) =>
    value === "" || value === undefined ? undefined : readNumber(value, decimal);

  const transactions: ParsedTransaction[] = [];
  const invalid: CsvInvalidRow[] = [];
  const excluded: CsvExcludedRow[] = [];
  const excludedCounts: Record<string, number> = Object.create(null);

  // Rows papaparse could not split correctly (e.g. too few fields) are invalid rows too.
  const structural = new Map<number, ValidationIssue[]>();
  for (const error of parsed.errors) {
    if (error.row === undefined || error.row === null) continue;
    const row = error.row + 1;
    const list = structural.get(row) ?? [];
    list.push({ path: `row ${row}`, message: error.message });
    structural.set(row, list);
  }

  parsed.data.forEach((raw, i) => {
    const row = i + 1;
    const reason = exclude?.(raw);
    if (reason) {
      excluded.push({ row, reason });
      excludedCounts[reason] = (excludedCounts[reason] ?? 0) + 1;
      return;
    }
    const record: Record<string, unknown> = {};
    for (const name of keep) record[name] = raw[name];
    const id = cell(mapping.customerId, raw);
    record.customerId = typeof id === "string" ? id.trim() : id;
    const date = cell(mapping.date, raw);
    record.date = typeof date === "string" ? date.trim() : date;
    record.amount = readNumber(cell(mapping.amount, raw), decimal);
    const profit = optionalNumber(cell(mapping.profit, raw));
    if (profit !== undefined) record.profit = profit;
    const quantity = optionalNumber(cell(mapping.quantity, raw));
    if (quantity !== undefined) record.quantity = quantity;

    const result = Transaction.safeParse(record);
    const issues = structural.get(row) ?? [];
    if (!result.success) {
      for (const issue of result.error.issues) {
        issues.push({ path: `row ${row}.${formatPath(issue.path)}`, message: issue.message });
      }
    }
    if (issues.length > 0) {
      invalid.push({ row, issues });
      return;
    }
    const transaction = result.data as ParsedTransaction;
    transaction.date = new Date(parseDateInput(transaction.date)!);
    transactions.push(transaction);
  });

  if (invalid.length > 0 && onInvalid === "throw") {
    const issues = invalid.flatMap((r) => r.issues);
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: ${invalid.length} invalid row${invalid.length === 1 ? "" : "s"} of ${parsed.data.length}` +
        `; pass onInvalid: "skip" to leave them out and get them in result.invalid`,
      { issues },
    );
  }
  return { transactions, invalid, excluded, excludedCounts, rowCount: parsed.data.length };
}
