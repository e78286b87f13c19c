import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { assertOptions } from "../internal/assert.js";
import type { Customer } from "../records/Customer.js";
import { SurveyResponse } from "../records/SurveyResponse.js";
import { Transaction } from "../records/Transaction.js";
import { parseCustomers, parseRecords } from "../records/validate.js";
import { dateCell } from "./csvWriter.js";
import {
  CHECKSUM_ALGORITHM,
  canonicalData,
  checksumOf,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type Section,
} from "./snapshotFormat.js";

/** The records a snapshot holds. */
export interface SnapshotRecords {
  readonly customers: readonly Customer[];
  readonly transactions: readonly Transaction[];
  /** Default none (an empty list is written). */
  readonly surveyResponses?: readonly SurveyResponse[];
}

const CUSTOMER_DATES = ["firstContactAt", "terminationNoticeAt", "noticeWithdrawnAt"] as const;

/**
 * A backup of the records as one JSON text: `{ format: "customer-value-snapshot",
 * version: 1, checksum: { algorithm: "SHA-256", value }, counts, data }`, one record per
 * line, which `readSnapshot` validates and returns unchanged.
 *
 * The records are validated first and every problem is reported at once (paths such as
 * `transactions[41].amount`). What comes back from `readSnapshot`: every text and number
 * as it was (`-0` included), extra fields as they were (they must be JSON values: text,
 * finite numbers, booleans, null, arrays and plain objects), and every date as a `Date`
 * of the same instant (written in UTC, so `"2011-03-04T18:00:00+08:00"` comes back as the
 * `Date` of 10:00 UTC). Fields whose value is `undefined` are left out, as JSON does.
 * The same records always give the same text.
 *
 * @param records - `{ customers, transactions, surveyResponses? }`
 * @returns the snapshot's JSON text
 * @throws {CustomerValueError} `INVALID_RECORD` with every problem in `issues`
 * @example
 * const text = writeSnapshot({ customers: [{ id: "C1" }], transactions: [] });
 * JSON.parse(text).counts; // => { customers: 1, transactions: 0, surveyResponses: 0 }
 */
export function writeSnapshot(records: SnapshotRecords): string {
  const fn = "writeSnapshot";
  assertOptions(records, fn);
  const problems: ValidationIssue[] = [];
  const customers = section(problems, "customers", () => parseCustomers(records.customers, fn));
  const transactions = section(problems, "transactions", () =>
    parseRecords(records.transactions, Transaction, fn, "transactions"),
  );
  const surveyResponses = section(problems, "surveyResponses", () =>
    parseRecords(records.surveyResponses ?? [], SurveyResponse, fn, "survey responses"),
  );
  if (problems.length > 0) throw invalid(fn, problems);

  const data = {
    customers: customers.map((c) => {
      const out: Record<string, unknown> = { ...c };
      for (const field of CUSTOMER_DATES) if (c[field] !== undefined) out[field] = dateCell(c[field]);
      return out;
    }),
    transactions: transactions.map((t) => ({ ...t, date: dateCell(t.date) })),
    surveyResponses,
  };
  const dataText = canonicalData(data, problems);
  if (problems.length > 0) throw invalid(fn, problems);
  const head = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    checksum: { algorithm: CHECKSUM_ALGORITHM, value: checksumOf(dataText) },
    counts: {
      customers: customers.length,
      transactions: transactions.length,
      surveyResponses: surveyResponses.length,
    },
  };
  return `${JSON.stringify(head).slice(0, -1)},\n"data":${dataText}}\n`;
}

/** Runs one section's validation, moving its issues (paths prefixed by the section) to `problems`. */
function section<T>(problems: ValidationIssue[], name: Section, validate: () => T[]): T[] {
  try {
    return validate();
  } catch (error) {
    if (!(error instanceof CustomerValueError)) throw error;
    if (error.issues.length === 0) problems.push({ path: name, message: error.message });
    for (const issue of error.issues) problems.push({ path: `${name}${issue.path}`, message: issue.message });
    return [];
  }
}

export function invalid(fn: string, problems: readonly ValidationIssue[]): CustomerValueError {
  return new CustomerValueError(
    "INVALID_RECORD",
    `${fn}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the snapshot`,
    { issues: problems },
  );
}
