/**
 * Field schemas shared by the records. The messages are part of the contract:
 * `[41].amount: expected a finite number, got "12,5"`.
 */
import { z } from "zod";
import { type DateInput, describeValue, parseDateInput } from "../internal/dates.js";

/** A non-empty string id. Numbers are not converted: `17850` must arrive as `"17850"`. */
export const Id = z
  .string({ error: (issue) => `expected a non-empty string id, got ${describeValue(issue.input)}` })
  .min(1, { error: "expected a non-empty string id, got an empty string" });

/** A finite number; `NaN`, `Infinity` and numeric strings are rejected, never coerced. */
export const FiniteNumber = z.number({
  error: (issue) => `expected a finite number, got ${describeValue(issue.input)}`,
});

/** A `Date` or an ISO-8601 string (a string without a zone is UTC); invalid dates are rejected. */
export const DateField = z.custom<DateInput>((value) => parseDateInput(value) !== undefined, {
  error: (issue) =>
    `expected a valid Date or ISO-8601 date string (e.g. "2011-03-04"), got ${describeValue(issue.input)}`,
});
