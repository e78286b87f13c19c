/**
 * Internal: a customer list and a transaction log laid out for the lifecycle rules in one
 * pass — each customer's purchases (`amount > 0`, on or before a cut-off) contiguous and in
 * ascending time, ties in log order (the order `classifyLifecycle` uses, so results agree).
 */
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import { IdIndex } from "../internal/idIndex.js";
import { readTransactions, type TransactionColumns } from "../internal/transactions.js";
import { isTransactionTable } from "../table/TransactionTable.js";
import type { Customer } from "../records/Customer.js";
import { Customer as CustomerSchema } from "../records/Customer.js";
import { parseRecords } from "../records/validate.js";
import { type HistoryFacts, NO_FACTS, readHistoryFacts } from "./rules.js";

/** What to do with transactions of customers missing from the customer list. */
export type UnknownCustomers = "throw" | "report";

/**
 * Customers and their purchases, grouped. Slot `k` owns the purchases numbered
 * `offsets[k] .. offsets[k + 1]`, which {@link loadPurchases} lays out part by part.
 */
export interface CustomerBase {
  /** Customer ids: the listed customers in list order, then unknown ones (with `"report"`) in log order. */
  readonly ids: readonly string[];
  /** How many of `ids` come from the customer list. */
  readonly listed: number;
  /**
   * Notice dates (epoch ms) and satisfaction per listed customer, `NaN` where absent (slots
   * past `listed`, unknown customers, have none); {@link readFacts} reads them back.
   */
  readonly notice: Float64Array;
  readonly withdrawn: Float64Array;
  readonly satisfaction: Float64Array;
  readonly offsets: Int32Array;
  /** Part `p` holds slots `p * partSlots .. (p + 1) * partSlots - 1`. */
  readonly partSlots: number;
  readonly parts: number;
  /** Per log row: its part, or -1 when it is not a purchase up to the cut-off. */
  readonly partOfRow: Int8Array;
  /** Slot per customer of the log (`customer` codes of the columns). */
  readonly slotOfLogCustomer: Int32Array;
  readonly columns: TransactionColumns;
  /** Buffers for one part's purchases, sized for the largest part ({@link loadPurchases} fills them). */
  readonly time: Float64Array;
  readonly amount: Float64Array;
}

/** The purchases of one part, in time order per slot: slot `k`'s at `offsets[k] - first ..`. */
export interface PartPurchases {
  readonly time: Float64Array;
  readonly amount: Float64Array;
  /** The purchase number at index 0: `offsets` of the part's first slot. */
  readonly first: number;
  /** The part's slots: `from .. to - 1`. */
  readonly from: number;
  readonly to: number;
}

/**
 * Slots per part by default (performance, issue 11): at the bench's 10M transactions, the
 * purchases laid out all at once took two 80 MB arrays, which the system maps afresh on
 * every call (about 3.5 ms per MB of page faults on the bench machine); part by part, the
 * arrays hold a quarter of that, reused from part to part, for one more read of a byte
 * per log row per part.
 */
const PART_SLOTS = 1 << 18;
let defaultPartSlots = PART_SLOTS;

/** For tests: parts of `slots` slots in {@link readCustomerBase} by default, so that small inputs span several. */
export function setPartSlots(slots: number = PART_SLOTS): void {
  defaultPartSlots = slots;
}

/**
 * Checks the customers (ids present and unique, dates and satisfaction valid) and groups the
 * purchases dated on or before `upTo` by customer, in parts of `partSlots` slots (default
 * 2^18, at most 127 parts; `Infinity`: one part) whose purchases {@link loadPurchases} lays out.
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
  partSlots = defaultPartSlots,
): CustomerBase {
  if (!Array.isArray(customers)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: expected an array of customers, got ${describeValue(customers)}`,
    );
  }
  const issues: ValidationIssue[] = [];
  // The listed ids, numbered in list order once every record is checked (IdIndex: a Map
  // of a million ids was the slowest part of the call, issue 11); `ids` is the index's own
  // list of them, to which the log's unknown customers are appended below (the index reads
  // only its own numbers). An invalid record or a repeated id is thrown below, so past
  // those checks customer `i` is slot `i`.
  const ids: string[] = [];
  // The facts in columns, not one object per customer (performance, issue 11): a million
  // objects alive through the call were copied by every young-generation collection and
  // then promoted (0.15-0.2 s at the bench's 940k customers, 20-30x their cost at 94k).
  const notice = new Float64Array(customers.length).fill(Number.NaN);
  const withdrawn = new Float64Array(customers.length).fill(Number.NaN);
  const satisfaction = new Float64Array(customers.length).fill(Number.NaN);
  for (let i = 0; i < customers.length; i++) {
    const c = customers[i] as Partial<Customer> | null | undefined;
    if (typeof c !== "object" || c === null || typeof c.id !== "string" || c.id.length === 0) {
      issues.push({ path: `[${i}]`, message: "expected a customer with a non-empty string id" });
      continue;
    }
    const facts = readHistoryFacts(c, i, issues);
    if (facts !== NO_FACTS) {
      notice[i] = facts.terminationNoticeAt ?? Number.NaN;
      withdrawn[i] = facts.noticeWithdrawnAt ?? Number.NaN;
      satisfaction[i] = facts.satisfaction ?? Number.NaN;
    }
    ids.push(c.id);
  }
  if (issues.length > 0) {
    // The schema words every problem with its path, and throws.
    parseRecords(customers, CustomerSchema, fn, "customers");
    throw new CustomerValueError("INVALID_RECORD", `${fn}: ${issues.length} problems in customers`, {
      issues,
    });
  }
  const { index: slotOf, repeats } = IdIndex.ofList(ids);
  if (repeats.length > 0) {
    const duplicates = repeats.map((i) => `${JSON.stringify(ids[i])} at [${i}]`);
    throw new CustomerValueError(
      "DUPLICATE_ID",
      `${fn}: customer ids must be unique, got ${duplicates.length} repeat${duplicates.length === 1 ? "" : "s"}: ${duplicates.slice(0, 5).join(", ")}${duplicates.length > 5 ? ", …" : ""}`,
    );
  }
  const listed = ids.length;

  const cols = isTransactionTable(transactions) ? transactions : readTransactions(transactions, fn);
  // Dictionary of the log's customers -> slot, resolved once per distinct id (-1: not
  // listed, given the next slot below).
  const logIds = cols.customerIds;
  const slotOfLogCustomer = new Int32Array(logIds.length);
  slotOf.getAll(logIds, slotOfLogCustomer);
  const unknown: string[] = [];
  for (let k = 0; k < logIds.length; k++) {
    let slot = slotOfLogCustomer[k]!;
    if (slot < 0) {
      const id = logIds[k]!;
      unknown.push(id);
      slot = ids.length;
      ids.push(id);
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

  // Purchases per slot, and each log row's part (-1: not a purchase up to the cut-off).
  const slots = ids.length;
  // At most 127 parts (a part number fits a byte).
  const perPart = Math.max(1, Math.min(partSlots, slots), Math.ceil(slots / 127));
  const parts = Math.max(1, Math.ceil(slots / perPart));
  const counts = new Int32Array(slots + 1);
  const n = cols.length;
  const partOfRow = new Int8Array(n);
  countPurchases(
    cols.customer,
    cols.time,
    cols.amount,
    n,
    upTo,
    slotOfLogCustomer,
    perPart,
    counts,
    partOfRow,
  );
  const offsets = new Int32Array(slots + 1);
  for (let k = 0; k < slots; k++) offsets[k + 1] = offsets[k]! + counts[k + 1]!;
  let partCapacity = 0;
  for (let p = 0; p < parts; p++) {
    const from = p * perPart;
    const to = Math.min(slots, from + perPart);
    partCapacity = Math.max(partCapacity, offsets[to]! - offsets[from]!);
  }
  return {
    ids,
    listed,
    notice,
    withdrawn,
    satisfaction,
    offsets,
    partSlots: perPart,
    parts,
    partOfRow,
    slotOfLogCustomer,
    columns: cols,
    time: new Float64Array(partCapacity),
    amount: new Float64Array(partCapacity),
  };
}

/** A {@link HistoryFacts} that {@link readFacts} overwrites, slot after slot. */
export interface FactsScratch {
  terminationNoticeAt: number | undefined;
  noticeWithdrawnAt: number | undefined;
  satisfaction: number | undefined;
}

/** A scratch object for {@link readFacts}. */
export const factsScratch = (): FactsScratch => ({
  terminationNoticeAt: undefined,
  noticeWithdrawnAt: undefined,
  satisfaction: undefined,
});

/**
 * The notice dates and satisfaction of slot `k` (as `readHistoryFacts` gave them), written
 * into `into` and returned: one object for the whole base, nothing allocated per customer.
 * The rules read it during a call and keep nothing of it.
 */
export function readFacts(base: CustomerBase, k: number, into: FactsScratch): HistoryFacts {
  const listed = k < base.listed;
  const notice = listed ? base.notice[k]! : Number.NaN;
  const withdrawn = listed ? base.withdrawn[k]! : Number.NaN;
  const satisfaction = listed ? base.satisfaction[k]! : Number.NaN;
  into.terminationNoticeAt = Number.isNaN(notice) ? undefined : notice;
  into.noticeWithdrawnAt = Number.isNaN(withdrawn) ? undefined : withdrawn;
  into.satisfaction = Number.isNaN(satisfaction) ? undefined : satisfaction;
  return into;
}

/** Counts each slot's purchases into `counts[slot + 1]` and marks each row's part. A loop kernel (see readOrder in pareto/kernels.ts). */
function countPurchases(
  customer: Int32Array,
  time: Float64Array,
  amount: Float64Array,
  n: number,
  upTo: number,
  slotOfLogCustomer: Int32Array,
  perPart: number,
  counts: Int32Array,
  partOfRow: Int8Array,
): void {
  for (let i = 0; i < n; i++) {
    if (amount[i]! > 0 && time[i]! <= upTo) {
      const slot = slotOfLogCustomer[customer[i]!]!;
      counts[slot + 1]!++;
      partOfRow[i] = Math.floor(slot / perPart);
    } else {
      partOfRow[i] = -1;
    }
  }
}

/**
 * Lays out part `p`'s purchases in the base's buffers (overwriting the part before): each
 * slot's contiguous, in ascending time, ties in log order (a counting sort by slot, stable,
 * then each slot sorted by time where the log was not in order).
 */
export function loadPurchases(base: CustomerBase, p: number): PartPurchases {
  const { offsets, partSlots, columns, slotOfLogCustomer, partOfRow, time, amount } = base;
  const from = p * partSlots;
  const to = Math.min(base.ids.length, from + partSlots);
  const first = offsets[from]!;
  const next = offsets.slice(from, to);
  placePurchases(
    columns.customer,
    columns.time,
    columns.amount,
    partOfRow,
    p,
    slotOfLogCustomer,
    from,
    first,
    next,
    time,
    amount,
  );
  for (let k = from; k < to; k++) sortSlot(time, amount, offsets[k]! - first, offsets[k + 1]! - first);
  return { time, amount, first, from, to };
}

/** The scatter of {@link loadPurchases}. A loop kernel (see readOrder in pareto/kernels.ts). */
function placePurchases(
  customer: Int32Array,
  rowTime: Float64Array,
  rowAmount: Float64Array,
  partOfRow: Int8Array,
  p: number,
  slotOfLogCustomer: Int32Array,
  from: number,
  first: number,
  next: Int32Array,
  time: Float64Array,
  amount: Float64Array,
): void {
  for (let i = 0; i < partOfRow.length; i++) {
    if (partOfRow[i] !== p) continue;
    const at = next[slotOfLogCustomer[customer[i]!]! - from]!++ - first;
    time[at] = rowTime[i]!;
    amount[at] = rowAmount[i]!;
  }
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
