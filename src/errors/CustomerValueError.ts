/**
 * The stable error codes of the library. Callers branch on `error.code`; the
 * message is for people and may be reworded. `docs/errors.md` lists the cause
 * and the fix of each code.
 */
export const ERROR_CODES = [
  /** A record (transaction, customer, survey response, CSV row) breaks its schema. */
  "INVALID_RECORD",
  /** An option is out of range, of the wrong type, or contradicts another option. */
  "INVALID_OPTION",
  /** The input holds no records where at least one is required. */
  "EMPTY_INPUT",
  /** A value that must be >= 0 is negative. */
  "NEGATIVE_VALUE",
  /** A value needed for a record is missing (e.g. a respondent without a customer value). */
  "MISSING_VALUE",
  /** The same id appears twice where ids must be unique. */
  "DUPLICATE_ID",
  /** A set of values that must not be all zero is all zero (e.g. every customer value). */
  "ZERO_TOTAL",
  /** A score lies outside the declared scale. */
  "OUT_OF_SCALE",
  /** A reference value that divides must be > 0 but is 0 (e.g. `reference: "min"` with a zero minimum value). */
  "ZERO_REFERENCE",
  /** Importance weights (of indicators, of criteria) that sum to 0, so nothing can be combined. */
  "ZERO_WEIGHTS",
  /** A name (indicator, field, customer) that the input does not contain. */
  "UNKNOWN_NAME",
  /** A transaction refers to a customer that the customer list does not contain. */
  "UNKNOWN_CUSTOMER",
  /** A user formula uses something other than arithmetic on the named fields. */
  "UNSAFE_FORMULA",
  /** A numerical fit did not converge. */
  "NOT_CONVERGED",
  /** An optional peer dependency (e.g. `vega` and `vega-lite` for `renderSvg`) is not installed. */
  "MISSING_DEPENDENCY",
] as const;

/** One of {@link ERROR_CODES}. */
export type CustomerValueErrorCode = (typeof ERROR_CODES)[number];

/** One problem found while validating records: where it is and what is wrong. */
export interface ValidationIssue {
  /** Path into the input, e.g. `[41].amount` or `row 12: amount`. */
  readonly path: string;
  /** What is wrong, e.g. `expected a finite number, got "12,5"`. */
  readonly message: string;
}

/** Options of the {@link CustomerValueError} constructor. */
export interface CustomerValueErrorOptions {
  /** Every problem found, for validation failures (all of them, not just the first). */
  readonly issues?: readonly ValidationIssue[];
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/** How many issues an error message spells out before it says "and N more". */
const MESSAGE_ISSUE_CAP = 20;

/**
 * The one error class of the library. Every caller mistake (bad records, bad
 * options, empty input where that makes no sense) throws it at once, with a
 * stable `code`, a message that names the function and the rule, and — for
 * record validation — every problem in `issues`.
 *
 * @example
 * try {
 *   validateTransactions([{ customerId: "", date: "2011-13-01", amount: "12,5" }]);
 * } catch (e) {
 *   if (e instanceof CustomerValueError) e.code; // => "INVALID_RECORD"
 * }
 */
export class CustomerValueError extends Error {
  /** Stable, machine-readable code; see {@link ERROR_CODES}. */
  readonly code: CustomerValueErrorCode;
  /** Every problem found (validation errors); empty for other errors. */
  readonly issues: readonly ValidationIssue[];

  constructor(code: CustomerValueErrorCode, message: string, options: CustomerValueErrorOptions = {}) {
    const issues = options.issues ?? [];
    super(issues.length > 0 ? `${message}\n${formatIssues(issues)}` : message, { cause: options.cause });
    this.name = "CustomerValueError";
    this.code = code;
    this.issues = issues;
  }
}

/** Formats issues one per line, capped so that a million bad rows give a readable message. */
export function formatIssues(issues: readonly ValidationIssue[], cap = MESSAGE_ISSUE_CAP): string {
  const shown = issues.slice(0, cap).map((issue) => `  ${issue.path}: ${issue.message}`);
  if (issues.length > cap) shown.push(`  … and ${issues.length - cap} more (see error.issues)`);
  return shown.join("\n");
}
