import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertOptions } from "../internal/assert.js";
import { type DateInput, toTime } from "../internal/dates.js";
import { readTransactions } from "../engine/columns.js";
import { idOrder } from "../engine/rank.js";
import { CompensatedSums } from "../engine/sum.js";
import { assertFiniteTotal } from "./internal.js";
import type { TransactionInput } from "../table/TransactionTable.js";

/** Options of {@link customerTotals}. */
export interface CustomerTotalsOptions {
  /** Count only transactions dated at or after this instant (default: no lower bound). */
  readonly from?: DateInput;
  /** Count only transactions dated before this instant (default: no upper bound). */
  readonly to?: DateInput;
}

/** One customer's row of {@link customerTotals}. */
export interface CustomerTotal {
  readonly id: string;
  /** Sum of the customer's amounts (returns included). */
  readonly value: number;
  /** Sum of the positive amounts only (purchases). */
  readonly purchases: number;
  /** Number of transactions. */
  readonly transactions: number;
}

/**
 * Per-customer totals of a transaction log: for each customer, `value` = the sum of every
 * amount (returns, as negative amounts, included), `purchases` = the sum of the positive
 * amounts only, `transactions` = the number of rows. Sums are compensated (Neumaier), so
 * money totals do not drift over millions of rows.
 *
 * The rows are the input of `paretoSplit`, `abcClassify`, `lorenzCurve`, `gini` and
 * `concentrationSummary` (with `value: "value"` or `value: "purchases"`) and, as
 * `new Map(totals.map((c) => [c.id, c.value]))`, of `valueWeightedSatisfaction`. The same
 * rows come from a warehouse through `customerTotalsFromSql` (`customer-value/sql`).
 *
 * Edge cases: a customer without a transaction in the window `[from, to)` has no row (an
 * empty log gives `[]`); `value` may be zero or negative (the concentration functions
 * reject negative values: filter them, or rank by `purchases`). Rows are sorted by id
 * (plain string comparison).
 *
 * @param transactions - the transaction log: `Transaction` records or a `TransactionTable`
 * @param options - `from` (inclusive) and `to` (exclusive) instants
 * @returns one row `{ id, value, purchases, transactions }` per customer, sorted by id
 * @throws {CustomerValueError} `INVALID_RECORD` listing every bad transaction, or for a
 *   customer whose amounts add up beyond the largest double (about 1.8e308); `INVALID_OPTION`
 *   for a bad `from` or `to`, or `from` after `to`
 * @example
 * customerTotals([
 *   { customerId: "B", date: "2024-01-02", amount: 30 },
 *   { customerId: "A", date: "2024-01-01", amount: 10 },
 *   { customerId: "A", date: "2024-01-05", amount: -4 },
 * ]);
 * // => [{ id: "A", value: 6, purchases: 10, transactions: 2 }, { id: "B", value: 30, purchases: 30, transactions: 1 }]
 */
export function customerTotals(
  transactions: TransactionInput,
  options: CustomerTotalsOptions = {},
): CustomerTotal[] {
  const fn = "customerTotals";
  assertOptions(options, fn);
  const from = options.from === undefined ? Number.NEGATIVE_INFINITY : toTime(options.from, `${fn}: from`);
  const to = options.to === undefined ? Number.POSITIVE_INFINITY : toTime(options.to, `${fn}: to`);
  if (from > to) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: from must not be after to, got ${new Date(from).toISOString()} > ${new Date(to).toISOString()}`,
    );
  }
  const { customerIds, customer, time, amount, length } = readTransactions(transactions, fn);
  const customers = customerIds.length;
  const value = new CompensatedSums(customers);
  const purchases = new CompensatedSums(customers);
  const counts = new Float64Array(customers);
  for (let i = 0; i < length; i++) {
    const t = time[i]!;
    if (t < from || t >= to) continue;
    const c = customer[i]!;
    const a = amount[i]!;
    value.add(c, a);
    if (a > 0) purchases.add(c, a);
    counts[c]!++;
  }
  const present: number[] = [];
  for (let c = 0; c < customers; c++) if (counts[c]! > 0) present.push(c);
  const order = idOrder(present.map((c) => customerIds[c]!));
  const rows = new Array<CustomerTotal>(present.length);
  for (let k = 0; k < present.length; k++) {
    const c = present[order[k]!]!;
    assertFiniteTotal(value.value(c), fn, customerIds[c]!);
    assertFiniteTotal(purchases.value(c), fn, customerIds[c]!);
    rows[k] = {
      id: customerIds[c]!,
      value: value.value(c),
      purchases: purchases.value(c),
      transactions: counts[c]!,
    };
  }
  return rows;
}
