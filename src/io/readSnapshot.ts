import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { describeValue, parseDateInput } from "../internal/dates.js";
import type { ParsedCustomer } from "../records/Customer.js";
import { SurveyResponse } from "../records/SurveyResponse.js";
import { type ParsedTransaction, Transaction } from "../records/Transaction.js";
import { parseCustomers, parseRecords } from "../records/validate.js";
import {
  CHECKSUM_ALGORITHM,
  canonicalData,
  checksumOf,
  SECTIONS,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type Section,
} from "./snapshotFormat.js";
import { invalid } from "./writeSnapshot.js";

/** What {@link readSnapshot} returns: the records, dates as `Date`s. */
export interface ReadSnapshotResult {
  readonly customers: ParsedCustomer[];
  readonly transactions: ParsedTransaction[];
  readonly surveyResponses: SurveyResponse[];
}

/**
 * Reads a snapshot written by `writeSnapshot` back into records, after checking all of
 * it: the format name and version, the SHA-256 checksum of the data (a snapshot changed or
 * damaged after writing is refused), and every record against its schema (a repeated
 * customer id too). Every problem is listed at once.
 *
 * @param text - the snapshot's JSON text
 * @returns `{ customers, transactions, surveyResponses }`, every date a `Date`
 * @throws {CustomerValueError} `INVALID_RECORD` (with every problem in `issues`) for text
 *   that is not JSON, another format or a newer version, a checksum that does not match,
 *   or bad records; `INVALID_OPTION` when `text` is not a string
 * @example
 * const back = readSnapshot(writeSnapshot({ customers: [], transactions: [{ customerId: "C1", date: "2011-03-04", amount: 5 }] }));
 * back.transactions[0]?.date.toISOString(); // => "2011-03-04T00:00:00.000Z"
 */
export function readSnapshot(text: string): ReadSnapshotResult {
  const fn = "readSnapshot";
  if (typeof text !== "string") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: text must be a string, got ${describeValue(text)}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: text must be JSON, got ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const problems: ValidationIssue[] = [];
  const root = isObject(parsed) ? parsed : {};
  if (!isObject(parsed))
    problems.push({ path: "(root)", message: `expected an object, got ${describeValue(parsed)}` });
  checkHead(root, problems);

  const data = isObject(root["data"]) ? root["data"] : {};
  if (!isObject(root["data"]))
    problems.push({ path: "data", message: `expected an object, got ${describeValue(root["data"])}` });
  const sections = {} as Record<Section, unknown[]>;
  for (const name of SECTIONS) {
    const records = data[name];
    if (!Array.isArray(records))
      problems.push({ path: `data.${name}`, message: `expected an array, got ${describeValue(records)}` });
    sections[name] = Array.isArray(records) ? records : [];
  }
  const checksum = isObject(root["checksum"]) ? root["checksum"]["value"] : undefined;
  if (typeof checksum === "string" && checksumOf(canonicalData(sections, [])) !== checksum) {
    problems.push({
      path: "checksum",
      message: `the data do not match their ${CHECKSUM_ALGORITHM} checksum: the snapshot was changed or damaged after it was written`,
    });
  }

  const customers = recordsOf(problems, "customers", () => parseCustomers(sections.customers, fn));
  const transactions = recordsOf(problems, "transactions", () =>
    parseRecords(sections.transactions, Transaction, fn, "transactions"),
  );
  const surveyResponses = recordsOf(problems, "surveyResponses", () =>
    parseRecords(sections.surveyResponses, SurveyResponse, fn, "survey responses"),
  );
  if (problems.length > 0) throw invalid(fn, problems);
  return {
    customers: customers.map((c) => {
      const out = { ...c } as ParsedCustomer;
      if (c.firstContactAt !== undefined) out.firstContactAt = asDate(c.firstContactAt);
      if (c.terminationNoticeAt !== undefined) out.terminationNoticeAt = asDate(c.terminationNoticeAt);
      if (c.noticeWithdrawnAt !== undefined) out.noticeWithdrawnAt = asDate(c.noticeWithdrawnAt);
      return out;
    }),
    transactions: transactions.map((t) => ({ ...t, date: asDate(t.date) })),
    surveyResponses,
  };
}

function checkHead(root: Record<string, unknown>, problems: ValidationIssue[]): void {
  if (root["format"] !== SNAPSHOT_FORMAT) {
    problems.push({
      path: "format",
      message: `expected ${JSON.stringify(SNAPSHOT_FORMAT)}, got ${describeValue(root["format"])}`,
    });
  }
  const version = root["version"];
  if (
    typeof version !== "number" ||
    !Number.isInteger(version) ||
    version < 1 ||
    version > SNAPSHOT_VERSION
  ) {
    const newer = typeof version === "number" && version > SNAPSHOT_VERSION;
    problems.push({
      path: "version",
      message: newer
        ? `written by a newer version of the format (${version}); this one reads version ${SNAPSHOT_VERSION}`
        : `expected ${SNAPSHOT_VERSION}, got ${describeValue(version)}`,
    });
  }
  const checksum = root["checksum"];
  if (
    !isObject(checksum) ||
    checksum["algorithm"] !== CHECKSUM_ALGORITHM ||
    typeof checksum["value"] !== "string"
  ) {
    problems.push({
      path: "checksum",
      message: `expected { algorithm: ${JSON.stringify(CHECKSUM_ALGORITHM)}, value: "<hex>" }, got ${describeValue(checksum)}`,
    });
  }
}

/** Validates one section, its issues' paths prefixed `data.<section>`. */
function recordsOf<T>(problems: ValidationIssue[], name: Section, validate: () => T[]): T[] {
  try {
    return validate();
  } catch (error) {
    if (!(error instanceof CustomerValueError)) throw error;
    for (const issue of error.issues)
      problems.push({ path: `data.${name}${issue.path}`, message: issue.message });
    if (error.issues.length === 0) problems.push({ path: `data.${name}`, message: error.message });
    return [];
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function asDate(value: Date | string): Date {
  return new Date(parseDateInput(value) as number);
}
