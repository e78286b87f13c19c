/**
 * Internal: a customer list and a transaction log laid out for the lifecycle rules in one
 * pass — each customer's purchases (`amount > 0`, on or before a cut-off) contiguous and in
 * ascending time, ties in log order (the order `classifyLifecycle` uses, so results agree).
 */
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import { IdIndex } from "../internal/idIndex.js";
import { readTransactions } from "../internal/transactions.js";
import { isTransactionTable } from "../table/TransactionTable.js";
import type { Customer } from "../records/Customer.js";
import { Customer as CustomerSchema } from "../records/Customer.js";
import { parseRecords } from "../records/validate.js";
import { type HistoryFacts, NO_FACTS, readHistoryFacts } from "./rules.js";

/** What to do with transactions of customers missing from the customer list. */
export type UnknownCustomers = "throw" | "report";

/** Customers and their purchases, grouped. Slot `k` owns `time[offsets[k] .. offsets[k + 1])`. */
export interface CustomerBase {
  /** Customer ids: the listed customers in list order, then unknown ones (with `"report"`) in log order. */
  readonly ids: readonly string[];
  /** How many of `ids` come from the customer list. */
  readonly listed: number;
  /** Notice dates and satisfaction per slot (unknown customers have none). */
  readonly facts: readonly HistoryFacts[];
  readonly offsets: Int32Array;
  readonly time: Float64Array;
  readonly amount: Float64Array;
}

/**
 * Checks the customers (ids present and unique, dates and satisfaction valid) and groups the
 * purchases dated on or before `upTo` by customer.
 *
 * @throws {CustomerValueError} `INVALID_RECORD` (bad records, all listed), `DUPLICATE_ID`,
 *   `UNKNOWN_CUSTOMER` (with `unknownCustomers: "throw"`)
 */
export function readCustomerBase(
  customers: readonly Customer[],
  transactions: unknown,
  fn: string,
  unknownCustomers: UnknownCustomers,
  upTo: number,
): CustomerBase {
  if (!Array.isArray(customers)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: expected an array of customers, got ${describeValue(customers)}`,
    );
  }
  const issues: ValidationIssue[] = [];
  // The listed ids, numbered in list order (IdIndex: a Map of a million ids was the
  // slowest part of the call, issue 11).
  const slotOf = new IdIndex(customers.length);
  const ids: string[] = [];
  const facts: HistoryFacts[] = [];
  const duplicates: string[] = [];
  for (let i = 0; i < customers.length; i++) {
    const c = customers[i] as Partial<Customer> | null | undefined;
    if (typeof c !== "object" || c === null || typeof c.id !== "string" || c.id.length === 0) {
      issues.push({ path: `[${i}]`, message: "expected a customer with a non-empty string id" });
      continue;
    }
    facts.push(readHistoryFacts(c, i, issues));
    // One hash operation per customer; a repeated id is an error, thrown below (the
    // numbers of the index then lag behind `ids`, which is not used).
    if (slotOf.add(c.id) >= 0) duplicates.push(`${JSON.stringify(c.id)} at [${i}]`);
    ids.push(c.id);
  }
  if (issues.length > 0) {
    // The schema words every problem with its path, and throws.
    parseRecords(customers, CustomerSchema, fn, "customers");
    throw new CustomerValueError("INVALID_RECORD", `${fn}: ${issues.length} problems in customers`, {
      issues,
    });
  }
  if (duplicates.length > 0) {
    throw new CustomerValueError(
      "DUPLICATE_ID",
      `${fn}: customer ids must be unique, got ${duplicates.length} repeat${duplicates.length === 1 ? "" : "s"}: ${duplicates.slice(0, 5).join(", ")}${duplicates.length > 5 ? ", …" : ""}`,
    );
  }
  const listed = ids.length;

  const cols = isTransactionTable(transactions) ? transactions : readTransactions(transactions, fn);
  // Dictionary of the log's customers -> slot, resolved once per distinct id.
  const slotOfLogCustomer = new Int32Array(cols.customerIds.length);
  const unknown: string[] = [];
  const logIds = cols.customerIds;
  for (let k = 0; k < logIds.length; k++) {
    const id = logIds[k]!;
    let slot = slotOf.get(id);
    if (slot < 0) {
      unknown.push(id);
      slot = ids.length;
      ids.push(id);
      facts.push(NO_FACTS);
    }
    slotOfLogCustomer[k] = slot;
  }
  if (unknown.length > 0 && unknownCustomers === "throw") {
    throw new CustomerValueError(
      "UNKNOWN_CUSTOMER",
      `${fn}: every transaction's customerId must be in customers, got ${unknown.length} unknown id${unknown.length === 1 ? "" : "s"}: ${unknown
        .slice(0, 5)
        .map((id) => JSON.stringify(id))
        .join(", ")}${unknown.length > 5 ? ", …" : ""} (use unknownCustomers: "report" to classify them too)`,
    );
  }

  // Counting sort of the purchases by slot (stable: log order within a slot).
  const slots = ids.length;
  const counts = new Int32Array(slots + 1);
  const n = cols.length;
  for (let i = 0; i < n; i++) {
    if (cols.amount[i]! > 0 && cols.time[i]! <= upTo) counts[slotOfLogCustomer[cols.customer[i]!]! + 1]!++;
  }
  const offsets = new Int32Array(slots + 1);
  for (let k = 0; k < slots; k++) offsets[k + 1] = offsets[k]! + counts[k + 1]!;
  const total = offsets[slots]!;
  const time = new Float64Array(total);
  const amount = new Float64Array(total);
  const next = offsets.slice(0, slots);
  for (let i = 0; i < n; i++) {
    if (cols.amount[i]! > 0 && cols.time[i]! <= upTo) {
      const at = next[slotOfLogCustomer[cols.customer[i]!]!]!++;
      time[at] = cols.time[i]!;
      amount[at] = cols.amount[i]!;
    }
  }
  // Sort each slot by time (stable), only where the log was not already in order.
  for (let k = 0; k < slots; k++) sortSlot(time, amount, offsets[k]!, offsets[k + 1]!);
  return { ids, listed, facts, offsets, time, amount };
}

function sortSlot(time: Float64Array, amount: Float64Array, lo: number, hi: number): void {
  let sorted = true;
  for (let i = lo + 1; i < hi; i++) {
    if (time[i]! < time[i - 1]!) {
      sorted = false;
      break;
    }
  }
  if (sorted) return;
  const order = Array.from({ length: hi - lo }, (_, j) => lo + j);
  order.sort((a, b) => time[a]! - time[b]! || a - b);
  const t = order.map((i) => time[i]!);
  const a = order.map((i) => amount[i]!);
  time.set(t, lo);
  amount.set(a, lo);
}
