import { type CsvRow, csvBytes, readCsv } from "../engine/csv.js";
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { assertOneOf, assertOptions } from "../internal/assert.js";
import { describeValue, parseDateInput } from "../internal/dates.js";
import { Transaction } from "../records/Transaction.js";
import { formatPath } from "../records/validate.js";

/** One CSV data row as the parser reads it: header name -> cell text. */
export type CsvRowRecord = Readonly<Record<string, string>>;
export type { CsvRowRecord as CsvRow };

/** Where a transaction field comes from: a header name, or a function of the row. */
export type CsvColumn<T> = string | ((row: CsvRowRecord) => T);

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
  readonly exclude?: (row: CsvRowRecord) => string | undefined | null | false;
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
  readonly transactions: Transaction[];
  /** Rows that broke the schema (only with `onInvalid: "skip"`; otherwise it throws). */
  readonly invalid: CsvInvalidRow[];
  /** Rows left out by `exclude`. */
  readonly excluded: CsvExcludedRow[];
  /** Excluded rows per reason. */
  readonly excludedCounts: Record<string, number>;
  /** Data rows read: `transactions.length + invalid.length + excluded.length`. */
  readonly rowCount: number;
}

/** A number cell read strictly: `"12.5"`, `"-3"`, `"1e3"`; `"12,5"` only with `decimal: ","`. */
const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function readNumber(cell: unknown, decimal: "." | ","): unknown {
  if (typeof cell !== "string") return cell;
  let text = cell.trim();
  if (decimal === ",") {
    if (text.includes(".")) return cell; // "1.234,5" thousands separators are not guessed
    text = text.replace(",", ".");
  }
  return NUMBER_PATTERN.test(text) ? Number(text) : cell;
}

/** The options, checked, with their defaults. */
interface Settings {
  readonly mapping: Required<Pick<CsvColumns, "customerId" | "date" | "amount">> & {
    readonly profit: CsvColumns["profit"] | undefined;
    readonly quantity: CsvColumns["quantity"] | undefined;
  };
  readonly keep: readonly string[];
  readonly delimiter: string;
  readonly decimal: "." | ",";
  readonly onInvalid: "throw" | "skip";
  readonly exclude: ParseTransactionsCsvOptions["exclude"];
}

function settingsOf(text: unknown, options: ParseTransactionsCsvOptions, fn: string): Settings {
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
  const mapping = {
    customerId: columns.customerId ?? "customerId",
    date: columns.date ?? "date",
    amount: columns.amount ?? "amount",
    profit: columns.profit,
    quantity: columns.quantity,
  };
  return { mapping, keep, delimiter, decimal, onInvalid, exclude };
}

/** Every column the settings read by name: present in the header, and never `__proto__`. */
function checkHeader(header: readonly string[], { mapping, keep }: Settings, fn: string): void {
  const used = [...Object.values(mapping).filter((c): c is string => typeof c === "string"), ...keep];
  if (used.includes("__proto__")) {
    // Rows are plain objects, where a "__proto__" cell cannot be kept.
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: a column named "__proto__" cannot be read (rows are plain objects); rename the column in the file, got it in options.columns or options.keep`,
    );
  }
  const missing = used.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: the header has no column ${missing.map((m) => JSON.stringify(m)).join(", ")} (header: ${header.join(", ")}); map the columns with options.columns`,
    );
  }
}

/** The row as an object of header name to cell text (a null prototype: any name is a plain key). */
function rowObject(row: CsvRow): CsvRowRecord {
  const record: Record<string, string> = Object.create(null);
  for (let k = 0; k < row.header.length; k++) record[row.header[k]!] = row.text(k);
  return record;
}

/** The record a row stands for, before validation. */
function recordOf(cells: CsvRowRecord, { mapping, keep, decimal }: Settings): Record<string, unknown> {
  const cell = <T>(column: CsvColumn<T> | undefined): T | string | undefined =>
    column === undefined ? undefined : typeof column === "function" ? column(cells) : cells[column];
  const optionalNumber = (value: unknown) =>
    value === "" || value === undefined ? undefined : readNumber(value, decimal);
  const record: Record<string, unknown> = {};
  for (const name of keep) record[name] = cells[name];
  record.customerId = cell(mapping.customerId);
  record.date = cell(mapping.date);
  record.amount = readNumber(cell(mapping.amount), decimal);
  const profit = optionalNumber(cell(mapping.profit));
  if (profit !== undefined) record.profit = profit;
  const quantity = optionalNumber(cell(mapping.quantity));
  if (quantity !== undefined) record.quantity = quantity;
  return record;
}

/**
 * Parses a CSV transaction log into validated transactions, for BI scripts: quoted cells,
 * embedded delimiters and line breaks, CRLF; cells follow the library's CSV policy
 * (docs/csv.md: unquoted cells trimmed, quoted cells verbatim, a header naming a column
 * twice refused).
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
 *   `INVALID_OPTION` for bad options or a header naming a column twice
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
  const settings = settingsOf(text, options, fn);
  const result = new CsvResult();
  const header = readCsv(csvBytes(text), { fn, delimiter: settings.delimiter }, (row) => {
    if (row.line === 1) checkHeader(row.header, settings, fn);
    result.take(row, settings);
  });
  if (result.rowCount === 0) checkHeader(header, settings, fn);
  const { invalid, rowCount } = result;
  if (invalid.length > 0 && settings.onInvalid === "throw") {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: ${invalid.length} invalid row${invalid.length === 1 ? "" : "s"} of ${rowCount}` +
        `; pass onInvalid: "skip" to leave them out and get them in result.invalid`,
      { issues: invalid.flatMap((r) => r.issues) },
    );
  }
  return result.outcome();
}

/** Every row accounted for: a transaction, an invalid row or an excluded row. */
class CsvResult {
  readonly transactions: Transaction[] = [];
  readonly invalid: CsvInvalidRow[] = [];
  readonly excluded: CsvExcludedRow[] = [];
  readonly excludedCounts: Record<string, number> = Object.create(null);
  rowCount = 0;

  take(row: CsvRow, settings: Settings): void {
    const line = ++this.rowCount;
    const cells = rowObject(row);
    const reason = settings.exclude?.(cells);
    if (reason) {
      this.excluded.push({ row: line, reason });
      this.excludedCounts[reason] = (this.excludedCounts[reason] ?? 0) + 1;
      return;
    }
    const issues: ValidationIssue[] = [];
    if (row.count !== row.header.length) {
      issues.push({ path: `row ${line}`, message: `expected ${row.header.length} cells, got ${row.count}` });
    }
    const parsed = Transaction.safeParse(recordOf(cells, settings));
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        issues.push({ path: `row ${line}.${formatPath(issue.path)}`, message: issue.message });
    }
    if (issues.length > 0 || !parsed.success) {
      this.invalid.push({ row: line, issues });
      return;
    }
    const transaction = parsed.data as Transaction;
    transaction.date = new Date(parseDateInput(transaction.date)!);
    this.transactions.push(transaction);
  }

  outcome(): ParseTransactionsCsvResult {
    const { transactions, invalid, excluded, excludedCounts, rowCount } = this;
    return { transactions, invalid, excluded, excludedCounts, rowCount };
  }
}
