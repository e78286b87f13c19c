/**
 * A customer's facts besides its purchases — the termination notice, its withdrawal and
 * the latest satisfaction score — read from a history or a customer record.
 */
import type { ValidationIssue } from "../errors/CustomerValueError.js";
import { describeValue, parseDateInput } from "../internal/dates.js";

/** A customer's notice dates (epoch ms) and satisfaction; `undefined` where absent. */
export interface HistoryFacts {
  readonly terminationNoticeAt: number | undefined;
  readonly noticeWithdrawnAt: number | undefined;
  readonly satisfaction: number | undefined;
}

/** The facts of a record that gives none. */
export const NO_FACTS: HistoryFacts = Object.freeze({
  terminationNoticeAt: undefined,
  noticeWithdrawnAt: undefined,
  satisfaction: undefined,
});

/** The fields {@link readHistoryFacts} reads. */
export interface FactFields {
  readonly firstContactAt?: unknown;
  readonly terminationNoticeAt?: unknown;
  readonly noticeWithdrawnAt?: unknown;
  readonly satisfaction?: unknown;
}

/**
 * Reads the facts of `record`, adding an issue at `path + field` for each invalid one.
 * `firstContactAt` is checked too, though no rule uses it.
 */
export function readHistoryFacts(record: FactFields, path: string, issues: ValidationIssue[]): HistoryFacts {
  const { firstContactAt, terminationNoticeAt, noticeWithdrawnAt, satisfaction } = record;
  const none = firstContactAt === undefined && terminationNoticeAt === undefined;
  if (none && noticeWithdrawnAt === undefined && satisfaction === undefined) return NO_FACTS;
  readDate(firstContactAt, issues, path, "firstContactAt");
  const notice = readDate(terminationNoticeAt, issues, path, "terminationNoticeAt");
  const withdrawn = readDate(noticeWithdrawnAt, issues, path, "noticeWithdrawnAt");
  const valid = typeof satisfaction === "number" && Number.isFinite(satisfaction);
  if (satisfaction !== undefined && !valid) {
    issues.push({
      path: `${path}satisfaction`,
      message: `expected a finite number, got ${describeValue(satisfaction)}`,
    });
  }
  return {
    terminationNoticeAt: notice,
    noticeWithdrawnAt: withdrawn,
    satisfaction: valid ? satisfaction : undefined,
  };
}

/** An optional date as epoch ms; an invalid one adds an issue at `path + field`. */
function readDate(
  value: unknown,
  issues: ValidationIssue[],
  path: string,
  field: string,
): number | undefined {
  if (value === undefined) return undefined;
  const t = parseDateInput(value);
  if (t === undefined) {
    issues.push({
      path: path + field,
      message: `expected a Date or ISO-8601 date string, got ${describeValue(value)}`,
    });
  }
  return t;
}
