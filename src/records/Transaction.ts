import * as z from "zod/mini";
import { DateField, englishMessage, FiniteNumber, Id } from "./fields.js";

/**
 * One transaction: a customer, a date, an amount. A purchase is a transaction with
 * `amount > 0`; a return or refund has `amount < 0`. `profit` and `quantity` are
 * optional. Other fields (an invoice number, a product id) are kept as they are.
 *
 * @example
 * Transaction.parse({ customerId: "C1", date: "2011-03-04", amount: 12.5 });
 */
export const Transaction = /* @__PURE__ */ z.looseObject(
  {
    customerId: Id,
    date: DateField,
    amount: FiniteNumber,
    profit: /* @__PURE__ */ z.optional(FiniteNumber),
    quantity: /* @__PURE__ */ z.optional(FiniteNumber),
  },
  { error: englishMessage },
);

/** One transaction; see the {@link Transaction} schema. */
export type Transaction = z.infer<typeof Transaction>;

/**
 * A transaction as the readers return it (`parseTransactionsCsv`, `readSnapshot`): its
 * date read into a `Date`.
 */
export type ParsedTransaction = { [K in keyof Transaction]: K extends "date" ? Date : Transaction[K] };
