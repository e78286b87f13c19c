/**
 * Reading records into columns, the form every analysis works on: one typed array per
 * field, customer ids dictionary-encoded. The validation pattern of the whole library: a
 * fast loop accepts clean records; at the first bad one the whole input goes to the zod
 * schema, which words every problem with its path — one source of truth for the messages,
 * no cost on clean data.
 */
import type * as z from "zod/mini";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue, parseDateInput, timeInRange } from "../internal/dates.js";
import { parseRecords } from "../records/validate.js";
import { Transaction } from "../records/Transaction.js";
import { firstRepeat, IdDictionary, isMarkedUnique, markUniqueIds } from "./ids.js";

/** A transaction log as columns. Row `i` is customer `customerIds[customer[i]]`. */
export interface TransactionColumns {
  /** Number of rows. */
  readonly length: number;
  /** The distinct customer ids, in order of first appearance. */
  readonly customerIds: readonly string[];
  /** Per row: index into `customerIds`. */
  readonly customer: Int32Array;
  /** Per row: epoch milliseconds. */
  readonly time: Float64Array;
  /** Per row: the amount. */
  readonly amount: Float64Array;
  /** Per row: the profit, `NaN` where a row has none; `undefined` when no row has one or it was not wanted. */
  readonly profit: Float64Array | undefined;
  /** Per row: the quantity, `NaN` where a row has none; `undefined` when no row has one or it was not wanted. */
  readonly quantity: Float64Array | undefined;
}

/**
 * Throws the schema's account of every problem in `input` (`INVALID_RECORD`, each issue
 * with its path); called once a fast check has found a bad record.
 */
export function rejectRecords(input: unknown, schema: z.ZodMiniType, fn: string, what: string): never {
  parseRecords(input, schema, fn, what);
  // The fast check and the schema disagree: still refuse, naming the function.
  throw new CustomerValueError("INVALID_RECORD", `${fn}: invalid ${what}`);
}

/** The most rows a log can have: rows are numbered in 32-bit signed integers. */
export const MAX_ROWS = 2 ** 31 - 1;

/** Whether `n` is a row count: a whole number from 0 to {@link MAX_ROWS}. */
export const isRowCount = (n: unknown): n is number =>
  typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= MAX_ROWS;

const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** A column of optional numbers, `NaN` for none, made at the first row that has one. */
class OptionalColumn {
  values: Float64Array | undefined;
  constructor(private readonly length: number) {}
  set(i: number, v: number): void {
    if (this.values === undefined) this.values = new Float64Array(this.length).fill(Number.NaN);
    this.values[i] = v;
  }
}

/** The optional columns a caller keeps; every row's profit and quantity are checked either way. */
export interface ColumnsWanted {
  readonly profit?: boolean;
  readonly quantity?: boolean;
}

/**
 * Checks and columnises a transaction log: an array of `Transaction` records (dates as
 * `Date`s or ISO-8601 strings), or a `TransactionTable`, whose columns are used as they are.
 * Profit and quantity become columns only when `wanted`: an analysis that does not read
 * them does not pay for two more arrays the length of the log.
 *
 * @param transactions - the log
 * @param fn - the public function, for messages
 * @param wanted - the optional columns to keep (none by default)
 * @throws {CustomerValueError} `INVALID_RECORD` listing every bad record
 */
export function readTransactions(
  transactions: unknown,
  fn: string,
  wanted: ColumnsWanted = {},
): TransactionColumns {
  if (isTable(transactions)) return tableColumns(transactions, fn);
  if (!Array.isArray(transactions)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: expected an array of transactions, got ${describeValue(transactions)}`,
    );
  }
  const n = transactions.length;
  const customer = new Int32Array(n);
  const time = new Float64Array(n);
  const amount = new Float64Array(n);
  const profit = wanted.profit === true ? new OptionalColumn(n) : undefined;
  const quantity = wanted.quantity === true ? new OptionalColumn(n) : undefined;
  const ids = new IdDictionary();
  // Ids and numbers in one pass, dates in a second: the id dictionary and the date reader
  // then keep their own working sets in cache.
  for (let i = 0; i < n; i++) {
    const row = transactions[i] as Partial<Transaction> | null;
    if (typeof row !== "object" || row === null) rejectRecords(transactions, Transaction, fn, "transactions");
    const { customerId, amount: a, profit: p, quantity: q } = row;
    if (typeof customerId !== "string" || customerId === "" || !isFiniteNumber(a)) {
      rejectRecords(transactions, Transaction, fn, "transactions");
    }
    if ((p !== undefined && !isFiniteNumber(p)) || (q !== undefined && !isFiniteNumber(q))) {
      rejectRecords(transactions, Transaction, fn, "transactions");
    }
    customer[i] = ids.code(customerId);
    amount[i] = a;
    if (p !== undefined) profit?.set(i, p);
    if (q !== undefined) quantity?.set(i, q);
  }
  let lastDate: unknown;
  let lastTime: number | undefined;
  for (let i = 0; i < n; i++) {
    const date = (transactions[i] as Transaction).date;
    // Logs in date order repeat a date string row after row: read it once.
    const t = date === lastDate ? lastTime : parseDateInput(date);
    if (t === undefined) rejectRecords(transactions, Transaction, fn, "transactions");
    lastDate = date;
    lastTime = t;
    time[i] = t;
  }
  return {
    length: n,
    customerIds: markUniqueIds(ids.ids),
    customer,
    time,
    amount,
    profit: profit?.values,
    quantity: quantity?.values,
  };
}

/** A table's columns: as they are when this library built it, else checked in full. */
function tableColumns(table: TransactionColumns, fn: string): TransactionColumns {
  return isMarkedUnique(table.customerIds) ? table : checkedTable(table, fn);
}

/**
 * A table this library did not build (a JSON round trip, a structured clone, a hand-made
 * object), checked as the builders check columns: typed arrays of one length, distinct
 * non-empty ids, every customer number an index into them, times in years 0000 to 9999,
 * amounts finite, profit and quantity finite or NaN (none).
 */
function checkedTable(table: TransactionColumns, fn: string): TransactionColumns {
  const { length: n, customerIds, customer, time, amount, profit, quantity } = table;
  const fail = (rule: string): never => {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: a TransactionTable that this library did not build must have ${rule}; build one with transactionTable or transactionTableFromColumns`,
    );
  };
  const float = (c: unknown) => c instanceof Float64Array && c.length === n;
  if (!isRowCount(n) || !(customer instanceof Int32Array) || customer.length !== n) {
    fail("a customer Int32Array of `length` rows");
  }
  if (!float(time) || !float(amount) || ![profit, quantity].every((c) => c === undefined || float(c))) {
    fail("time, amount (and any profit, quantity) as Float64Arrays of `length` rows");
  }
  const ids: unknown = customerIds;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string" && id !== "") || firstRepeat(ids)) {
    fail("distinct non-empty customerIds");
  }
  const badRow = firstBadRow(table);
  if (badRow >= 0) fail(`a valid customer number, time and amount in every row (row ${badRow} has not)`);
  return {
    length: n,
    customerIds: markUniqueIds([...customerIds]),
    customer,
    time,
    amount,
    profit,
    quantity,
  };
}

/** The first row whose customer number, time, amount, profit or quantity is out of range; -1 for none. */
function firstBadRow({
  length,
  customerIds,
  customer,
  time,
  amount,
  profit,
  quantity,
}: TransactionColumns): number {
  const optional = (column: Float64Array | undefined, i: number) =>
    column === undefined || Number.isNaN(column[i]!) || Number.isFinite(column[i]!);
  for (let i = 0; i < length; i++) {
    const c = customer[i]!;
    const valid = c >= 0 && c < customerIds.length && timeInRange(time[i]!) !== undefined;
    if (!valid || !Number.isFinite(amount[i]!) || !optional(profit, i) || !optional(quantity, i)) return i;
  }
  return -1;
}

/** Whether `value` is a `TransactionTable` (checked when it was built). */
function isTable(value: unknown): value is TransactionColumns {
  return (
    typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "TransactionTable"
  );
}
