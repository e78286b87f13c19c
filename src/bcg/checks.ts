/**
 * Checking the rows of a BCG portfolio: every problem recorded with its path and code, and
 * thrown together, the code that of the first.
 */
import {
  CustomerValueError,
  type CustomerValueErrorCode,
  type ValidationIssue,
} from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";

/** The problems found in a list of rows, and the ids seen so far (ids must be unique). */
export class RowIssues {
  private readonly issues: (ValidationIssue & { readonly code: CustomerValueErrorCode })[] = [];
  private readonly seen = new Set<string>();

  /** How many problems have been recorded. */
  get count(): number {
    return this.issues.length;
  }

  /** Records a problem of row `row`'s `field` (`""`: the row itself). */
  report(row: number, field: string, code: CustomerValueErrorCode, message: string): void {
    this.issues.push({ path: `[${row}]${field === "" ? "" : `.${field}`}`, code, message });
  }

  /** Checks an id: a non-empty string not seen before. */
  checkId(row: number, id: unknown): id is string {
    if (typeof id !== "string" || id.length === 0) {
      this.report(row, "id", "INVALID_RECORD", `expected a non-empty string, got ${describeValue(id)}`);
      return false;
    }
    if (this.seen.has(id)) {
      this.report(row, "id", "DUPLICATE_ID", `duplicate id ${describeValue(id)}`);
      return false;
    }
    this.seen.add(id);
    return true;
  }

  /** Checks a number: finite, and >= 0 when `nonNegative`. */
  checkNumber(row: number, field: string, value: unknown, nonNegative: boolean): value is number {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      this.report(row, field, "INVALID_RECORD", `expected a finite number, got ${describeValue(value)}`);
      return false;
    }
    if (nonNegative && value < 0) {
      this.report(row, field, "NEGATIVE_VALUE", `must be >= 0, got ${describeValue(value)}`);
      return false;
    }
    return true;
  }

  /** Throws every problem at once (`what` says what a row is and the rules), if there is any. */
  throwIfAny(fn: string, what: string, rules: string): void {
    if (this.issues.length === 0) return;
    const n = this.issues.length;
    throw new CustomerValueError(
      this.issues[0]!.code,
      `${fn}: ${n} invalid ${what}${n === 1 ? "" : "s"} (${rules})`,
      {
        issues: this.issues.map(({ path, message }) => ({ path, message })),
      },
    );
  }
}
