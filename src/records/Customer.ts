import * as z from "zod/mini";
import { DateField, englishMessage, FiniteNumber, Id, Text } from "./fields.js";

/**
 * One customer. `value` is the customer's worth to the firm (profit contribution,
 * revenue or a lifetime value — the analyst's choice); the dates drive the
 * lifecycle classifier (`terminationNoticeAt`, `noticeWithdrawnAt`); `satisfaction`
 * is the latest overall score, if any. Other fields are kept as they are.
 *
 * @example
 * Customer.parse({ id: "C1", region: "North", segment: "retail", value: 1200 });
 */
export const Customer = /* @__PURE__ */ z.looseObject(
  {
    id: Id,
    name: /* @__PURE__ */ z.optional(Text),
    region: /* @__PURE__ */ z.optional(Text),
    segment: /* @__PURE__ */ z.optional(Text),
    value: /* @__PURE__ */ z.optional(FiniteNumber),
    firstContactAt: /* @__PURE__ */ z.optional(DateField),
    terminationNoticeAt: /* @__PURE__ */ z.optional(DateField),
    noticeWithdrawnAt: /* @__PURE__ */ z.optional(DateField),
    satisfaction: /* @__PURE__ */ z.optional(FiniteNumber),
  },
  { error: englishMessage },
);

/** One customer; see the {@link Customer} schema. */
export type Customer = z.infer<typeof Customer>;

/**
 * A customer as the readers return it (`parseCustomersCsv`, `readSnapshot`): each date
 * it has read into a `Date`.
 */
export type ParsedCustomer = {
  [K in keyof Customer]: K extends "firstContactAt" | "terminationNoticeAt" | "noticeWithdrawnAt"
    ? Exclude<Customer[K], string>
    : Customer[K];
};
