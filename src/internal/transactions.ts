/**
 * The columnar form every analysis works on. `readTransactions` checks each record
 * in one fast loop (the same rules as the `Transaction` zod schema) and lays the
 * log out as typed arrays, with customer ids dictionary-encoded. If any record is
 * bad it hands the whole input to the zod schema, which reports every problem with
 * its path — one source of truth for the messages, no cost on clean data.
 */
import { IdDictionary, registerUniqueIds } from "./uniqueIds.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { Transaction } from "../records/Transaction.js";
import { parseRecords } from "../records/validate.js";
import { describeValue, parseDateInput } from "./dates.js";

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

const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isOptionalFinite = (v: unknown) => v === undefined || isFiniteNumber(v);

/**
 * Checks and columnises a transaction log (an array of records, or a `TransactionTable`,
 * whose columns are returned as they are).
 *
 * @param fnName - the public function, for messages
 * @throws {CustomerValueError} `INVALID_RECORD` listing every bad record
 */
export function readTransactions(transactions: unknown, fnName: string): TransactionColumns {
  // A TransactionTable was checked when it was built: use its columns as they are.
  if (
    typeof transactions === "object" &&
    transactions !== null &&
    (transactions as { kind?: unknown }).kind === "TransactionTable"
  ) {
    return transactions as TransactionColumns;
  }
  if (!Array.isArray(transactions)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fnName}: expected an array of transactions, got ${describeValue(transactions)}`,
    );
  }
  const n = transactions.length;
  const customer = new Int32Array(n);
  const time = new Float64Array(n);
  const amount = new Float64Array(n);
  let profit: Float64Array | undefined;
  let quantity: Float64Array | undefined;
  const dictionary = new IdDictionary();
  let bad = false;
  for (let i = 0; i < n; i++) {
    const row = transactions[i] as Partial<Transaction> | null | undefined;
    if (typeof row !== "object" || row === null) {
      bad = true;
      break;
    }
    const id = row.customerId;
    const t = parseDateInput(row.date);
    if (typeof id !== "string" || id.length === 0 || t === undefined || !isFiniteNumber(row.amount)) {
      bad = true;
      break;
    }
    if (!isOptionalFinite(row.profit) || !isOptionalFinite(row.quantity)) {
      bad = true;
      break;
    }
    customer[i] = dictionary.code(id);
    time[i] = t;
    amount[i] = row.amount;
    if (row.profit !== undefined) {
      if (profit === undefined) profit = new Float64Array(n).fill(Number.NaN);
      profit[i] = row.profit;
    }
    if (row.quantity !== undefined) {
      if (quantity === undefined) quantity = new Float64Array(n).fill(Number.NaN);
      quantity[i] = row.quantity;
    }
  }
  if (bad) {
    // Let the schema find and word every problem; it throws.
    parseRecords(transactions, Transaction, fnName, "transactions");
    throw new CustomerValueError("INVALID_RECORD", `${fnName}: invalid transactions`);
  }
  return {
    length: n,
    customerIds: registerUniqueIds(dictionary.ids),
    customer,
    time,
    amount,
    profit,
    quantity,
  };
}
