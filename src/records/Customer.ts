import { z } from "zod";
import { DateField, FiniteNumber, Id } from "./fields.js";

/**
 * One customer. `value` is the customer's worth to the firm (profit contribution,
 * revenue or a lifetime value — the analyst's choice); the dates drive the
 * lifecycle classifier (`terminationNoticeAt`, `noticeWithdrawnAt`); `satisfaction`
 * is the latest overall score, if any. Other fields are kept as they are.
 *
 * @example
 * Customer.parse({ id: "C1", region: "North", segment: "retail", value: 1200 });
 */
export const Customer = z.looseObject({
  id: Id,
  name: z.string().optional(),
  region: z.string().optional(),
  segment: z.string().optional(),
  value: FiniteNumber.optional(),
  firstContactAt: DateField.optional(),
  terminationNoticeAt: DateField.optional(),
  noticeWithdrawnAt: DateField.optional(),
  satisfaction: FiniteNumber.optional(),
});

/** One customer; see the {@link Customer} schema. */
export type Customer = z.infer<typeof Customer>;
