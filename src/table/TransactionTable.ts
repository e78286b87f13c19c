import { IdDictionary } from "../engine/ids.js";
import { tableOf } from "./tableOf.js";
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { describeValue, parseDateInput, timeInRange } from "../internal/dates.js";
import { isRowCount, MAX_ROWS, readTransactions, type TransactionColumns } from "../engine/columns.js";
import type { Transaction } from "../records/Transaction.js";

/**
 * A transaction log as columns of typed arrays: the input for large data. Every
 * function that takes `transactions` accepts either an array of `Transaction` records
 * or a `TransactionTable`; with a table the per-row checks were done once, when it
 * was built, and no per-row objects exist.
 *
 * Row `i` is: customer `customerIds[customer[i]]`, at `time[i]` (epoch ms), for
 * `amount[i]`; `profit[i]` / `quantity[i]` are `NaN` where a row has none.
 */
export interface TransactionTable extends TransactionColumns {
  readonly kind: "TransactionTable";
}

/**
 * Where the fields of a transaction are in a file or table (for `transactionTableFromCsv`
 * and `transactionTableFromArrow`). Defaults: `customerId`, `date`, `amount`; `profit`
 * and `quantity` are read when a column of that name exists, unless set to `null`.
 */
export interface TransactionColumnNames {
  readonly customerId?: string;
  readonly date?: string;
  readonly amount?: string;
  readonly profit?: string | null;
  readonly quantity?: string | null;
}

/** What every function that takes a transaction log accepts: records, or a {@link TransactionTable}. */
export type TransactionInput = readonly Transaction[] | TransactionTable;

/** The column arrays {@link transactionTableFromColumns} accepts. */
export interface TransactionTableColumns {
  /** Customer id per row (non-empty strings). */
  readonly customerId: ArrayLike<string>;
  /** Date per row: epoch milliseconds, `Date` objects or ISO-8601 strings (no zone = UTC). */
  readonly date: ArrayLike<number | Date | string>;
  /** Amount per row (finite). */
  readonly amount: ArrayLike<number>;
  /** Profit per row (finite, or `NaN` for none). */
  readonly profit?: ArrayLike<number>;
  /** Quantity per row (finite, or `NaN` for none). */
  readonly quantity?: ArrayLike<number>;
}

/** Whether `value` is a {@link TransactionTable}. */
export function isTransactionTable(value: unknown): value is TransactionTable {
  return (
    typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "TransactionTable"
  );
}

/**
 * Builds a {@link TransactionTable} from `Transaction` records (validated as every
 * function validates them: every problem reported at once).
 *
 * @param transactions - the records
 * @returns the same log as columns
 * @throws {CustomerValueError} `INVALID_RECORD` listing every bad record
 * @example
 * const table = transactionTable([{ customerId: "C1", date: "2011-03-04", amount: 12.5 }]);
 * table.length; // => 1
 */
export function transactionTable(transactions: readonly Transaction[]): TransactionTable {
  return tableOf(readTransactions(transactions, "transactionTable", { profit: true, quantity: true }));
}

/** Problems listed in an error; every one is counted. */
const MAX_ISSUES = 1000;

/**
 * Builds a {@link TransactionTable} from column arrays (e.g. typed arrays from a
 * columnar reader), checking every row: ids non-empty, dates valid, amounts finite,
 * profit and quantity finite or `NaN` (= none), all columns of one length.
 *
 * @param columns - one array per field
 * @returns the table (the `time`, `amount`, `profit`, `quantity` arrays are copies)
 * @throws {CustomerValueError} `INVALID_RECORD` with every problem (the first 1,000 are kept in `issues`)
 * @example
 * const table = transactionTableFromColumns({
 *   customerId: ["C1", "C2"],
 *   date: ["2011-03-04", "2011-03-05"],
 *   amount: new Float64Array([12.5, 8]),
 * });
 * table.customerIds; // => ["C1", "C2"]
 */
export function transactionTableFromColumns(columns: TransactionTableColumns): TransactionTable {
  const fn = "transactionTableFromColumns";
  const rows = checkShape(columns, fn);
  const problems = new Problems();
  const ids = new IdDictionary();
  const customer = new Int32Array(rows);
  const time = new Float64Array(rows);
  const amount = new Float64Array(rows);
  const profit = columns.profit === undefined ? undefined : new Float64Array(rows);
  const quantity = columns.quantity === undefined ? undefined : new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const id = columns.customerId[i];
    if (typeof id === "string" && id.length > 0) customer[i] = ids.code(id);
    else problems.add(i, "customerId", `expected a non-empty string id, got ${describeValue(id)}`);
    const d = columns.date[i];
    // Epoch ms meet the same range check (years 0000..9999) as Dates and strings.
    const t = typeof d === "number" ? timeInRange(d) : parseDateInput(d);
    if (t === undefined) problems.add(i, "date", `expected a valid date, got ${describeValue(d)}`);
    else time[i] = t;
    const a = columns.amount[i];
    if (typeof a === "number" && Number.isFinite(a)) amount[i] = a;
    else problems.add(i, "amount", `expected a finite number, got ${describeValue(a)}`);
    copyOptional(columns.profit, profit, i, "profit", problems);
    copyOptional(columns.quantity, quantity, i, "quantity", problems);
  }
  problems.throwIfAny(fn, rows);
  return tableOf({ length: rows, customerIds: ids.ids, customer, time, amount, profit, quantity });
}

/** The number of rows: every column given must be an array of the customer column's length. */
function checkShape(columns: TransactionTableColumns, fn: string): number {
  if (typeof columns !== "object" || columns === null) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: expected an object of columns, got ${describeValue(columns)}`,
    );
  }
  const n = columns.customerId?.length;
  if (!isRowCount(n)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: customerId must be an array of ids (at most ${MAX_ROWS}), got ${describeValue(columns.customerId)}`,
    );
  }
  for (const name of ["date", "amount", "profit", "quantity"] as const) {
    const column = columns[name];
    const required = name === "date" || name === "amount";
    if ((required || column !== undefined) && column?.length !== n) {
      throw new CustomerValueError(
        "INVALID_RECORD",
        `${fn}: every column must have the same length; customerId has ${n}, ${name} has ${column?.length}`,
      );
    }
  }
  return n;
}

/** Row `i` of an optional number column (finite, or `NaN` = none) into `target`, or a problem. */
function copyOptional(
  source: ArrayLike<number> | undefined,
  target: Float64Array | undefined,
  i: number,
  name: string,
  problems: Problems,
): void {
  if (source === undefined || target === undefined) return;
  const v: unknown = source[i];
  if (typeof v === "number" && v !== Number.POSITIVE_INFINITY && v !== Number.NEGATIVE_INFINITY)
    target[i] = v;
  else problems.add(i, name, `expected a finite number or NaN (none), got ${describeValue(v)}`);
}

/** Every problem counted, the first 1,000 kept with their row and field. */
class Problems {
  private count = 0;
  private readonly issues: ValidationIssue[] = [];

  add(row: number, field: string, message: string): void {
    this.count++;
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path: `[${row}].${field}`, message });
  }

  throwIfAny(fn: string, rows: number): void {
    if (this.count === 0) return;
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: ${this.count} problem${this.count === 1 ? "" : "s"} in ${rows} rows`,
      {
        issues: this.issues,
      },
    );
  }
}
