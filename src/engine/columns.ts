/**
 * Reading records into columns, the form every analysis works on: one typed array per
 * field, customer ids dictionary-encoded. The validation pattern of the whole library: a
 * fast loop accepts clean records; at the first bad one the whole input goes to the zod
 * schema, which words every problem with its path — one source of truth for the messages,
 * no cost on clean data.
 */
import type { z } from "zod";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue, parseDateInput } from "../internal/dates.js";
import { parseRecords } from "../records/validate.js";
import { Transaction } from "../records/Transaction.js";
import { IdDictionary, markUniqueIds } from "./ids.js";

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
  /** Per row: the profit, `NaN` where a row has none; `undefined` when no row has one. */
  readonly profit: Float64Array | undefined;
  /** Per row: the quantity, `NaN` where a row has none; `undefined` when no row has one. */
  readonly quantity: Float64Array | undefined;
}

/**
 * Throws the schema's account of every problem in `input` (`INVALID_RECORD`, each issue
 * with its path); called once a fast check has found a bad record.
 */
export function rejectRecords(input: unknown, schema: z.ZodType, fn: string, what: string): never {
  parseRecords(input, schema, fn, what);
  // The fast check and the schema disagree: still refuse, naming the function.
  throw new CustomerValueError("INVALID_RECORD", `${fn}: invalid ${what}`);
}

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

/**
 * Checks and columnises a transaction log: an array of `Transaction` records (dates as
 * `Date`s or ISO-8601 strings), or a `TransactionTable`, whose columns are used as they are.
 *
 * @param transactions - the log
 * @param fn - the public function, for messages
 * @throws {CustomerValueError} `INVALID_RECORD` listing every bad record
 */
export function readTransactions(transactions: unknown, fn: string): TransactionColumns {
  if (isTable(transactions)) return transactions;
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
  const profit = new OptionalColumn(n);
  const quantity = new OptionalColumn(n);
  const ids = new IdDictionary();
  let lastDate: unknown;
  let lastTime: number | undefined;
  for (let i = 0; i < n; i++) {
    const row = transactions[i] as Partial<Transaction> | null;
    if (typeof row !== "object" || row === null) rejectRecords(transactions, Transaction, fn, "transactions");
    const { customerId, date, amount: a, profit: p, quantity: q } = row;
    // Logs in date order repeat a date string row after row: read it once.
    const t = date === lastDate ? lastTime : parseDateInput(date);
    if (typeof customerId !== "string" || customerId === "" || t === undefined || !isFiniteNumber(a)) {
      rejectRecords(transactions, Transaction, fn, "transactions");
    }
    if ((p !== undefined && !isFiniteNumber(p)) || (q !== undefined && !isFiniteNumber(q))) {
      rejectRecords(transactions, Transaction, fn, "transactions");
    }
    lastDate = date;
    lastTime = t;
    customer[i] = ids.code(customerId);
    time[i] = t;
    amount[i] = a;
    if (p !== undefined) profit.set(i, p);
    if (q !== undefined) quantity.set(i, q);
  }
  return {
    length: n,
    customerIds: markUniqueIds(ids.ids),
    customer,
    time,
    amount,
    profit: profit.values,
    quantity: quantity.values,
  };
}

/** Whether `value` is a `TransactionTable` (checked when it was built). */
function isTable(value: unknown): value is TransactionColumns {
  return (
    typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "TransactionTable"
  );
}
