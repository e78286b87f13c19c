/**
 * Field schemas shared by the records. The messages are part of the contract:
 * `[41].amount: expected a finite number, got "12,5"`.
 *
 * The records use `zod/mini`, zod's tree-shakable build, and every schema call is marked
 * `@__PURE__`, so that an application bundling only, say, `paretoSplit` carries no zod.
 */
import * as z from "zod/mini";
import { en } from "zod/locales";
import { type DateInput, describeValue, parseDateInput } from "../internal/dates.js";

let english: z.core.$ZodErrorMap | undefined;

/**
 * zod's English messages (`Invalid input: expected object, received null`), for the
 * schemas that keep zod's own wording; set per schema, so nothing global is changed.
 */
export const englishMessage: z.core.$ZodErrorMap = (issue) => {
  english ??= en().localeError;
  return english(issue);
};

const IdString = /* @__PURE__ */ z.string({
  error: (issue) => `expected a non-empty string id, got ${describeValue(issue.input)}`,
});

/** A non-empty string id. Numbers are not converted: `17850` must arrive as `"17850"`. */
export const Id = /* @__PURE__ */ IdString.check(
  /* @__PURE__ */ z.minLength(1, { error: "expected a non-empty string id, got an empty string" }),
);

/** A finite number; `NaN`, `Infinity` and numeric strings are rejected, never coerced. */
export const FiniteNumber = /* @__PURE__ */ z.number({
  error: (issue) => `expected a finite number, got ${describeValue(issue.input)}`,
});

/** A string, with zod's message for anything else. */
export const Text = /* @__PURE__ */ z.string({ error: englishMessage });

/** A `Date` or an ISO-8601 string (a string without a zone is UTC); invalid dates are rejected. */
export const DateField = /* @__PURE__ */ z.custom<DateInput>((value) => parseDateInput(value) !== undefined, {
  error: (issue) =>
    `expected a valid Date or ISO-8601 date string (e.g. "2011-03-04"), got ${describeValue(issue.input)}`,
});
