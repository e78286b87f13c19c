import type * as z from "zod/mini";
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import { Customer } from "./Customer.js";
import { SurveyResponse } from "./SurveyResponse.js";
import { Transaction } from "./Transaction.js";

/** `[41].amount`, `[3].scores["net promoter"]`: a zod path as a reader writes it. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key) =>
      typeof key === "number"
        ? `[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(key))
          ? `.${String(key)}`
          : `[${JSON.stringify(String(key))}]`,
    )
    .join("")
    .replace(/^\./, "");
}

/**
 * Parses every record with `schema` and collects every problem, with its path, before
 * throwing; returns the parsed records (new objects; the input is not touched).
 */
export function parseRecords<S extends z.ZodMiniType>(
  input: unknown,
  schema: S,
  fnName: string,
  what: string,
  extraIssues: (records: z.infer<S>[]) => ValidationIssue[] = () => [],
): z.infer<S>[] {
  if (!Array.isArray(input)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fnName}: expected an array of ${what}, got ${describeValue(input)}`,
    );
  }
  const out: z.infer<S>[] = new Array(input.length);
  const issues: ValidationIssue[] = [];
  for (let i = 0; i < input.length; i++) {
    const result = schema.safeParse(input[i]);
    if (result.success) {
      out[i] = result.data;
    } else {
      for (const issue of result.error.issues) {
        issues.push({ path: formatPath([i, ...issue.path]), message: issue.message });
      }
    }
  }
  // A loop, not push(...): a million duplicate ids would overflow the call stack.
  if (issues.length === 0) for (const issue of extraIssues(out)) issues.push(issue);
  if (issues.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fnName}: ${issues.length} problem${issues.length === 1 ? "" : "s"} in ${input.length} ${what}`,
      { issues },
    );
  }
  return out;
}

/**
 * Parses untrusted transactions (from JSON, a database, a CSV reader) and returns
 * them as typed records. Every problem is reported at once, each with its path:
 * non-finite or non-numeric amounts, invalid dates, empty or missing ids.
 * Nothing is coerced: `"12,5"` is an error, not 12.5 and not 125.
 *
 * @param input - anything; must be an array of transaction-like objects
 * @returns the transactions, as new objects (unknown extra fields are kept)
 * @throws {CustomerValueError} `INVALID_RECORD`, with `issues` listing every problem
 * @example
 * validateTransactions([{ customerId: "C1", date: "2011-03-04", amount: 12.5 }]);
 * // => [{ customerId: "C1", date: "2011-03-04", amount: 12.5 }]
 */
export function validateTransactions(input: unknown): Transaction[] {
  return parseRecords(input, Transaction, "validateTransactions", "transactions");
}

/**
 * Parses untrusted customer records. Every problem is reported at once, each with its
 * path; a customer id used twice is an error at every repeat.
 *
 * @throws {CustomerValueError} `INVALID_RECORD`, with `issues` listing every problem
 * @example
 * validateCustomers([{ id: "C1", segment: "retail" }]); // => [{ id: "C1", segment: "retail" }]
 */
export function validateCustomers(input: unknown): Customer[] {
  return parseCustomers(input, "validateCustomers");
}

/** {@link validateCustomers} with the messages naming `fnName`. */
export function parseCustomers(input: unknown, fnName: string): Customer[] {
  return parseRecords(input, Customer, fnName, "customers", (customers) => {
    const firstAt = new Map<string, number>();
    const issues: ValidationIssue[] = [];
    customers.forEach((customer, i) => {
      const first = firstAt.get(customer.id);
      if (first === undefined) firstAt.set(customer.id, i);
      else
        issues.push({
          path: `[${i}].id`,
          message: `duplicate customer id ${JSON.stringify(customer.id)} (first at [${first}])`,
        });
    });
    return issues;
  });
}

/**
 * Parses untrusted survey responses (`{ customerId, scores: { indicator: number | null } }`).
 * Every problem is reported at once, each with its path.
 *
 * @throws {CustomerValueError} `INVALID_RECORD`, with `issues` listing every problem
 * @example
 * validateSurveyResponses([{ customerId: "C1", scores: { quality: 8 } }]);
 * // => [{ customerId: "C1", scores: { quality: 8 } }]
 */
export function validateSurveyResponses(input: unknown): SurveyResponse[] {
  return parseRecords(input, SurveyResponse, "validateSurveyResponses", "survey responses");
}
