import { readTransactions } from "../engine/columns.js";
import { IdDictionary } from "../engine/ids.js";
import { CompensatedSums } from "../engine/sum.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertArray, assertInRange, assertOneOf } from "../internal/assert.js";
import {
  assertDuration,
  assertTimeZone,
  describeValue,
  type Duration,
  isAtLeastBefore,
  parseDateInput,
  subDuration,
  toTime,
} from "../internal/dates.js";
import { withErrorPrefix } from "../internal/errors.js";
import { classifyLifecycles } from "../lifecycle/classifyLifecycles.js";
import type { ClassifyLifecycleOptions } from "../lifecycle/rules.js";
import type { LifecyclePhase, LifecycleStage } from "../lifecycle/stages.js";
import { KEY_CUSTOMER_COMBINE, type KeyCustomerCombine, keyCustomers } from "../pareto/keyCustomers.js";
import type { Customer } from "../records/Customer.js";
import {
  isTransactionTable,
  type TransactionInput,
  type TransactionTable,
} from "../table/TransactionTable.js";
import { tableOf } from "../table/tableOf.js";

/** The classes of {@link customerClasses}. */
export const CUSTOMER_CLASSES = ["key", "new", "potential", "at-risk", "regular"] as const;
/** `"key"`, `"new"`, `"potential"`, `"at-risk"` or `"regular"`. */
export type CustomerClass = (typeof CUSTOMER_CLASSES)[number];
/** The classes a customer can qualify for besides `potential` and `regular`, in a precedence order. */
export type RankedCustomerClass = "key" | "at-risk" | "new";

/** Options of {@link customerClasses}. */
export interface CustomerClassesOptions {
  /** The instant of the classification; only transactions on or before it count (required). */
  readonly asOf: Date | string;
  /**
   * The window whose sales and profit rank the key customers, `(sub(asOf, keyWindow), asOf]`
   * (default `{ months: 12 }`; `"all"` = the whole history up to `asOf`).
   */
  readonly keyWindow?: Duration | "all";
  /** Share of the ranked customers in the head of each ranking (default 0.2: the top 20%). */
  readonly headShare?: number;
  /**
   * How the sales and the profit rankings combine, as in `keyCustomers` (default `"both"`:
   * in the top 20% by sales and in the top 20% by profit).
   */
  readonly combine?: KeyCustomerCombine;
  /** A customer is new while its first purchase is less than this before `asOf` (default `{ months: 3 }`). */
  readonly newWindow?: Duration;
  /** The lifecycle thresholds used for `at-risk` (`classifyLifecycles` options but `asOf`; default its defaults). */
  readonly lifecycle?: Omit<ClassifyLifecycleOptions, "asOf" | "timeZone">;
  /**
   * Which class wins when a customer qualifies for several (default
   * `["key", "at-risk", "new"]`; every qualifying class is still listed in `reasons`).
   */
  readonly precedence?: readonly RankedCustomerClass[];
  /** IANA time zone for the calendar math of the windows (default UTC). */
  readonly timeZone?: string;
}

/** One customer's row of {@link customerClasses}. */
export interface CustomerClassRow {
  readonly customerId: string;
  /** The class: the first of `precedence` the customer qualifies for, `potential` for prospects, else `regular`. */
  readonly class: CustomerClass;
  /** Every class the customer qualifies for (`[]` for a regular customer), in precedence order. */
  readonly reasons: CustomerClass[];
  /** The customer's lifecycle stage at `asOf` (from `classifyLifecycles`). */
  readonly stage: LifecycleStage;
  /** The decline phase, or `null` outside decline. */
  readonly phase: LifecyclePhase | null;
  /** Net sales (sum of amounts) in the key window. */
  readonly sales: number;
  /** Profit in the key window (rows without a profit count 0; with no profit data at all, equal to `sales`). */
  readonly profit: number;
}

const DEFAULT_PRECEDENCE: readonly RankedCustomerClass[] = ["key", "at-risk", "new"];

/**
 * The source's customer classes, reusing the library's own building blocks:
 *
 * - `key`: the top 20% by sales and profit — `keyCustomers` (pareto module) over the
 *   customers who have bought, with transactions in the key window (default the last 12 months), sales
 *   = net amount and profit = summed profit in that window;
 * - `new`: first purchase less than `newWindow` before `asOf` (default 3 months), i.e.
 *   after `sub(asOf, newWindow)`;
 * - `potential`: prospects — listed customers with no purchase (`amount > 0`) up to `asOf`
 *   (lifecycle stage `prospecting`);
 * - `at-risk`: lifecycle stage `decline`, phase `endangerment` (value or satisfaction
 *   falling) or `termination` (a termination notice) — `classifyLifecycles` (lifecycle module);
 * - `regular`: everyone else.
 *
 * A customer qualifying for several classes gets the first of `precedence`
 * (default key, then at-risk, then new — so the key group stays the top 20%) and all of
 * them in `reasons`.
 *
 * Edge cases: when the log has no profit at all, key customers are ranked by sales
 * alone. Customers with no transaction in the key window are not ranked (they cannot be
 * key). Rows come in the order of `customers`. A transaction of a customer missing from
 * the list is an error (`UNKNOWN_CUSTOMER`), as in `classifyLifecycles`.
 *
 * @param customers - the customer list (`id` unique; `terminationNoticeAt`, `noticeWithdrawnAt`, `satisfaction` feed the lifecycle)
 * @param transactions - the transaction log: records or a `TransactionTable`
 * @param options - see {@link CustomerClassesOptions}
 * @returns one row per listed customer
 * @throws {CustomerValueError} `INVALID_RECORD` (bad customers or transactions, every
 *   problem listed, or sales or profit beyond the largest double), `DUPLICATE_ID`, `UNKNOWN_CUSTOMER`, `INVALID_OPTION` (bad `asOf`,
 *   windows, `headShare`, `combine`, `precedence`, lifecycle thresholds or `timeZone`)
 *
 * @example
 * const rows = customerClasses(
 *   [{ id: "A" }, { id: "B" }, { id: "C" }],
 *   [
 *     { customerId: "A", date: "2024-01-10", amount: 500, profit: 100 },
 *     { customerId: "A", date: "2024-05-10", amount: 500, profit: 100 },
 *     { customerId: "B", date: "2024-06-01", amount: 50, profit: 5 },
 *   ],
 *   { asOf: "2024-06-30" },
 * );
 * rows.map((r) => r.class); // => ["key", "new", "potential"]
 */
export function customerClasses(
  customers: readonly Customer[],
  transactions: TransactionInput,
  options: CustomerClassesOptions,
): CustomerClassRow[] {
  const fn = "customerClasses";
  if (typeof options !== "object" || options === null) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options must be an object with asOf, got ${describeValue(options)}`,
    );
  }
  const {
    keyWindow = { months: 12 },
    headShare = 0.2,
    combine = "both",
    newWindow = { months: 3 },
    precedence = DEFAULT_PRECEDENCE,
    timeZone,
  } = options;
  if (timeZone !== undefined) assertTimeZone(timeZone, fn);
  const asOf = toTime(options.asOf, `${fn}: asOf`);
  if (keyWindow !== "all") assertDuration(keyWindow, `${fn}: keyWindow`);
  assertDuration(newWindow, `${fn}: newWindow`);
  assertInRange(headShare, `${fn}: headShare`, 0, 1, { minOpen: true });
  assertOneOf(combine, KEY_CUSTOMER_COMBINE, `${fn}: combine`);
  assertPrecedence(precedence, fn);
  assertArray(customers, `${fn}: customers`);

  // Validate the log once; the lifecycle then reads the same columns.
  const table: TransactionTable = isTransactionTable(transactions)
    ? transactions
    : tableOf(readTransactions(transactions, fn, { profit: true }));
  // Sales and profit per customer in the key window (sub(asOf, keyWindow), asOf].
  const windowStart = keyWindow === "all" ? Number.NEGATIVE_INFINITY : subDuration(asOf, keyWindow, timeZone);
  const totals = windowTotals(table, windowStart, asOf, fn);
  const lifecycle = withErrorPrefix(`${fn}: `, () =>
    classifyLifecycles(customers, table, {
      ...options.lifecycle,
      asOf: options.asOf,
      ...(timeZone === undefined ? {} : { timeZone }),
    }),
  );

  const customerOf = IdDictionary.of(table.customerIds);
  const salesOf = (id: string) => {
    const c = customerOf.find(id);
    return c < 0 ? 0 : totals.sales[c]!;
  };
  const profitOf = (id: string) => {
    const c = customerOf.find(id);
    return c < 0 ? 0 : totals.profit[c]!;
  };

  // Ranked: customers who have bought (not prospects) with a transaction in the key window.
  const ranked = lifecycle
    .filter((row) => {
      const c = customerOf.find(row.customerId);
      return row.stage !== "prospecting" && c >= 0 && totals.inWindow[c] === 1;
    })
    .map(({ customerId: id }) => ({ id, sales: salesOf(id), profit: profitOf(id) }));
  const keyIds = new Set(
    ranked.length === 0
      ? []
      : keyCustomers(ranked, { sales: "sales", profit: "profit", id: "id", headShare, combine }).keyIds,
  );

  return lifecycle.map((row): CustomerClassRow => {
    const qualifies = new Set<CustomerClass>();
    if (keyIds.has(row.customerId)) qualifies.add("key");
    if (row.stage === "decline" && (row.phase === "endangerment" || row.phase === "termination")) {
      qualifies.add("at-risk");
    }
    const first =
      row.evidence.firstPurchaseAt === null ? undefined : parseDateInput(row.evidence.firstPurchaseAt);
    if (first !== undefined && !isAtLeastBefore(first, newWindow, asOf, timeZone)) qualifies.add("new");
    const reasons: CustomerClass[] = row.stage === "prospecting" ? ["potential"] : [];
    for (const c of precedence) if (qualifies.has(c)) reasons.push(c);
    return {
      customerId: row.customerId,
      class: reasons[0] ?? "regular",
      reasons,
      stage: row.stage,
      phase: row.phase ?? null,
      sales: salesOf(row.customerId),
      profit: profitOf(row.customerId),
    };
  });
}

/**
 * Each customer's net sales and profit from the rows in `(from, to]` (profit = sales when
 * the log has no profit at all; a row without one counts 0), as compensated sums, and
 * whether it has a row there.
 */
function windowTotals(table: TransactionTable, from: number, to: number, fn: string) {
  const n = table.customerIds.length;
  const sales = new CompensatedSums(n);
  const profit = new CompensatedSums(n);
  const inWindow = new Uint8Array(n);
  for (let i = 0; i < table.length; i++) {
    if (table.time[i]! > to || table.time[i]! <= from) continue;
    const c = table.customer[i]!;
    inWindow[c] = 1;
    sales.add(c, table.amount[i]!);
    const p = table.profit === undefined ? table.amount[i]! : table.profit[i]!;
    if (!Number.isNaN(p)) profit.add(c, p);
  }
  const salesTotals = new Float64Array(n);
  const profitTotals = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    salesTotals[c] = sales.value(c);
    profitTotals[c] = profit.value(c);
    if (!Number.isFinite(salesTotals[c]!) || !Number.isFinite(profitTotals[c]!)) {
      throw new CustomerValueError(
        "INVALID_RECORD",
        `${fn}: the sales or profit of customer ${describeValue(table.customerIds[c])} in the key window add up to ${salesTotals[c]} and ${profitTotals[c]}, beyond the largest representable number (about 1.8e308); check the scale of the amounts`,
      );
    }
  }
  return { sales: salesTotals, profit: profitTotals, inWindow };
}

function assertPrecedence(precedence: unknown, fn: string): void {
  const allowed = ["key", "at-risk", "new"];
  const ok =
    Array.isArray(precedence) &&
    precedence.length === allowed.length &&
    allowed.every((c) => precedence.includes(c));
  if (!ok) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: precedence must list "key", "at-risk" and "new" once each, got ${describeValue(precedence)}`,
    );
  }
}
