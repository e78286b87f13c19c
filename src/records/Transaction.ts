import { z } from "zod";
import { DateField, FiniteNumber, Id } from "./fields.js";

/**
 * One transaction: a customer, a date, an amount. A purchase is a transaction with
 * `amount > 0`; a return or refund has `amount < 0`. `profit` and `quantity` are
 * optional. Other fields (an invoice number, a product id) are kept as they are.
 *
 * @example
 * Transaction.parse({ customerId: "C1", date: "2011-03-04", amount: 12.5 });
 */
export const Transaction = z.looseObject({
  customerId: Id,
  date: DateField,
  amount: FiniteNumber,
  profit: FiniteNumber.optional(),
  quantity: FiniteNumber.optional(),
});

/** One transaction; see the {@link Transaction} schema. */
export type Transaction = z.infer<typeof Transaction>;
