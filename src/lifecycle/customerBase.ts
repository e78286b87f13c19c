/**
 * A customer list and a transaction log read together for the lifecycle rules: each
 * customer's facts, and its purchases (`amount > 0`, on or before a cut-off) in ascending
 * time, ties in log order — the order `classifyLifecycle` uses, so that results agree.
 */
import { readTransactions, rejectRecords } from "../engine/columns.js";
import { gather, groupColumns } from "../engine/group.js";
import { IdDictionary } from "../engine/ids.js";
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import { Customer } from "../records/Customer.js";
import { readHistoryFacts } from "./facts.js";
import { firstAfter, type PurchaseHistory } from "./rules.js";

/** What to do with transactions of customers missing from the customer list. */
export type UnknownCustomers = "throw" | "report";

/** What {@link readCustomerBase} reads. */
export interface CustomerBaseInput {
  readonly customers: readonly Customer[];
  /** `Transaction` records or a `TransactionTable`. */
  readonly transactions: unknown;
  /** The public function, for messages. */
  readonly fn: string;
  readonly unknownCustomers: UnknownCustomers;
  /** Only purchases on or before this instant (epoch ms) are kept. */
  readonly upTo: number;
}

/**
 * Customers and their purchases. Customer `k` is `ids[k]`: the listed customers in list
 * order, then (with `"report"`) the log's unknown ones in order of first appearance.
 */
export interface CustomerBase {
  readonly ids: readonly string[];
  /** How many of `ids` come from the customer list. */
  readonly listed: number;
  /** The history of customer `k`: its facts and its purchases (those up to `upTo`, when given). */
  history(k: number, upTo?: number): PurchaseHistory;
}

/**
 * Checks the customers (ids present and unique, facts valid) and the log, and groups the
 * log's purchases on or before `upTo` by customer.
 *
 * @throws {CustomerValueError} `INVALID_RECORD` (every bad record listed), `DUPLICATE_ID`,
 *   `UNKNOWN_CUSTOMER` (with `unknownCustomers: "throw"`)
 */
export function readCustomerBase(input: CustomerBaseInput): CustomerBase {
  const { fn, upTo } = input;
  const { dictionary, facts } = readCustomers(input.customers, fn);
  const listed = dictionary.ids.length;
  const log = readTransactions(input.transactions, fn);
  // Each log code's customer (unknown ids join the dictionary), then each row's: purchases
  // grouped in list order are read in order, customer after customer.
  const known = log.customerIds.map((id) => dictionary.find(id));
  const unknown = log.customerIds.filter((_, c) => known[c] === -1);
  if (unknown.length > 0 && input.unknownCustomers === "throw") throw unknownCustomersError(unknown, fn);
  const customerOfCode = Int32Array.from(log.customerIds, (id, c) =>
    known[c]! >= 0 ? known[c]! : dictionary.code(id),
  );
  const { time: rowTime, amount: rowAmount } = log;
  const purchases = groupColumns(
    gather(customerOfCode, log.customer),
    dictionary.ids.length,
    [rowTime, rowAmount],
    {
      keep: (row) => rowAmount[row]! > 0 && rowTime[row]! <= upTo,
      orderBy: rowTime,
    },
  );
  const { offsets } = purchases;
  const time = purchases.columns[0]!;
  const amount = purchases.columns[1]!;
  return {
    ids: dictionary.ids,
    listed,
    history(k, upTo) {
      const from = offsets[k]!;
      const to = offsets[k + 1]!;
      return {
        time,
        amount,
        from,
        to: upTo === undefined ? to : firstAfter(time, from, to, upTo),
        terminationNoticeAt: factOf(facts.notice, k),
        noticeWithdrawnAt: factOf(facts.withdrawn, k),
        satisfaction: factOf(facts.satisfaction, k),
        customerId: dictionary.ids[k],
      };
    },
  };
}

/** The listed customers' facts in columns, `NaN` where absent: no object per customer stays alive. */
interface FactColumns {
  readonly notice: Float64Array;
  readonly withdrawn: Float64Array;
  readonly satisfaction: Float64Array;
}

/** Customer `k`'s fact of `column`; `undefined` where absent and past the listed customers. */
function factOf(column: Float64Array, k: number): number | undefined {
  const value = column[k];
  return value === undefined || Number.isNaN(value) ? undefined : value;
}

/**
 * The customers' ids (numbered in list order) and facts. A fast check accepts clean
 * records; at the first bad one the schema words every problem.
 */
export function readCustomers(customers: readonly Customer[], fn: string) {
  if (!Array.isArray(customers)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: expected an array of customers, got ${describeValue(customers)}`,
    );
  }
  const dictionary = new IdDictionary();
  const column = () => new Float64Array(customers.length).fill(Number.NaN);
  const facts: FactColumns = { notice: column(), withdrawn: column(), satisfaction: column() };
  const issues: ValidationIssue[] = [];
  const repeats: number[] = [];
  for (let i = 0; i < customers.length; i++) {
    const c = customers[i] as Partial<Customer> | null;
    if (typeof c !== "object" || c === null || typeof c.id !== "string" || c.id === "") {
      rejectRecords(customers, Customer, fn, "customers");
    }
    const f = readHistoryFacts(c, "", issues);
    if (issues.length > 0) rejectRecords(customers, Customer, fn, "customers");
    facts.notice[i] = f.terminationNoticeAt ?? Number.NaN;
    facts.withdrawn[i] = f.noticeWithdrawnAt ?? Number.NaN;
    facts.satisfaction[i] = f.satisfaction ?? Number.NaN;
    if (dictionary.code(c.id) !== i - repeats.length) repeats.push(i);
  }
  if (repeats.length > 0) throw duplicateIdsError(customers, repeats, fn);
  return { dictionary, facts };
}

const some = (ids: readonly string[]) => `${ids.slice(0, 5).join(", ")}${ids.length > 5 ? ", …" : ""}`;

function duplicateIdsError(customers: readonly Customer[], repeats: number[], fn: string) {
  const where = repeats.map((i) => `${JSON.stringify(customers[i]!.id)} at [${i}]`);
  return new CustomerValueError(
    "DUPLICATE_ID",
    `${fn}: customer ids must be unique, got ${repeats.length} repeat${repeats.length === 1 ? "" : "s"}: ${some(where)}`,
  );
}

function unknownCustomersError(unknown: readonly string[], fn: string) {
  return new CustomerValueError(
    "UNKNOWN_CUSTOMER",
    `${fn}: every transaction's customerId must be in customers, got ${unknown.length} unknown id${unknown.length === 1 ? "" : "s"}: ${some(unknown.map((id) => JSON.stringify(id)))} (use unknownCustomers: "report" to classify them too)`,
  );
}
