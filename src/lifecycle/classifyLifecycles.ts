import { assertOneOf } from "../internal/assert.js";
import type { Customer } from "../records/Customer.js";
import type { TransactionInput } from "../table/TransactionTable.js";
import { readCustomerBase, type UnknownCustomers } from "./customerBase.js";
import { evidenceOf, type LifecycleResult, strategyOf } from "./evidence.js";
import { type ClassifyLifecycleOptions, lifecycleWindows, resolveLifecycleOptions } from "./options.js";
import { decideLifecycle } from "./rules.js";

/** Options of {@link classifyLifecycles}: those of `classifyLifecycle`, plus what to do with unknown customers. */
export interface ClassifyLifecyclesOptions extends ClassifyLifecycleOptions {
  /**
   * Transactions whose `customerId` is not in `customers` (default `"throw"`): `"throw"`
   * raises `UNKNOWN_CUSTOMER`; `"report"` classifies them too, as extra rows after the
   * listed customers (in order of first appearance in the log) marked `unknownCustomer: true`.
   */
  readonly unknownCustomers?: UnknownCustomers;
}

/** One row of {@link classifyLifecycles}. */
export interface LifecycleRow extends LifecycleResult {
  readonly customerId: string;
  /** Present (`true`) only on rows of customers missing from the list (`unknownCustomers: "report"`). */
  readonly unknownCustomer?: true;
}

/**
 * The lifecycle stage of every customer at `asOf`: `classifyLifecycle` for a whole customer
 * base in one pass over the log (grouped once by customer; linear in the number of
 * transactions, apart from sorting customers whose rows are out of date order). To classify
 * the same log again, pass it as a `TransactionTable`: records are read afresh on every call.
 *
 * Each customer's history is its transactions plus its own `terminationNoticeAt`,
 * `noticeWithdrawnAt` and `satisfaction` from the customer record; the result for a
 * customer is identical to `classifyLifecycle` on that history with the same options.
 * Customers without purchases are prospects. Rows come in the order of `customers`.
 *
 * @param customers - the customer list (ids unique)
 * @param transactions - the transaction log: `Transaction` records or a `TransactionTable`; only purchases (`amount > 0`) on or before `asOf` count
 * @param options - `asOf` (required), thresholds, and `unknownCustomers`
 * @returns one row `{ customerId, stage, phase?, strategy, evidence }` per customer
 * @throws {CustomerValueError} `INVALID_RECORD` (bad customers or transactions, every problem listed),
 *   `DUPLICATE_ID` (a customer id twice), `UNKNOWN_CUSTOMER` (a transaction of a customer not
 *   in the list, unless `unknownCustomers: "report"`), `INVALID_OPTION`
 * @example
 * const rows = classifyLifecycles(
 *   [{ id: "A" }, { id: "B" }],
 *   [{ customerId: "A", date: "2011-11-20", amount: 30 }],
 *   { asOf: "2011-12-31" },
 * );
 * rows.map((r) => r.stage); // => ["socialization", "prospecting"]
 */
export function classifyLifecycles(
  customers: readonly Customer[],
  transactions: TransactionInput,
  options: ClassifyLifecyclesOptions,
): LifecycleRow[] {
  const fn = "classifyLifecycles";
  const resolved = resolveLifecycleOptions(options, fn);
  const { unknownCustomers = "throw" } = options;
  assertOneOf(unknownCustomers, ["throw", "report"] as const, `${fn}: unknownCustomers`);
  const windows = lifecycleWindows(options.asOf, resolved, `${fn}: asOf`);
  const base = readCustomerBase({ customers, transactions, fn, unknownCustomers, upTo: windows.asOf });
  return base.ids.map((customerId, k) => {
    const history = base.history(k);
    const decision = decideLifecycle(history, windows);
    const { stage, phase } = decision.finding;
    const strategy = strategyOf(decision.finding);
    const evidence = evidenceOf(history, windows, decision);
    const row: LifecycleRow =
      phase === undefined
        ? { customerId, stage, strategy, evidence }
        : { customerId, stage, phase, strategy, evidence };
    return k < base.listed ? row : Object.assign(row, { unknownCustomer: true as const });
  });
}
