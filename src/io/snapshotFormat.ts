/**
 * The snapshot format shared by `writeSnapshot` and `readSnapshot` (not exported): one
 * JSON text, `{ format, version, checksum, counts, data }`, whose checksum is SHA-256
 * (FIPS 180-4, by @noble/hashes) of the data written in one fixed layout (canonicalJson):
 * the reader writes the parsed data again the same way and compares, so any change to a
 * value is caught, while re-indenting the file is not a change.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { ValidationIssue } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import { numberCell } from "./csvWriter.js";

export const SNAPSHOT_FORMAT = "customer-value-snapshot";
export const SNAPSHOT_VERSION = 1;
export const CHECKSUM_ALGORITHM = "SHA-256";
/** The record kinds of a snapshot, in the order written. */
export const SECTIONS = ["customers", "transactions", "surveyResponses"] as const;
export type Section = (typeof SECTIONS)[number];

/** Deepest nesting written: extra fields deeper than this are refused, not overflowed. */
const MAX_DEPTH = 100;

/** SHA-256 of the UTF-8 text, in lower-case hex. */
export function checksumOf(text: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(text)));
}

/**
 * The data section in its fixed layout: one record per line. Values JSON cannot hold as
 * they are (NaN, Infinity, undefined in an array, a Map, a class instance, a bigint, …)
 * are added to `problems` with their path; `undefined` object fields are left out, as
 * JSON does. `-0` is written `-0` (JSON reads it back as -0).
 */
export function canonicalData(
  data: Readonly<Record<Section, readonly unknown[]>>,
  problems: ValidationIssue[],
): string {
  const parts = SECTIONS.map((section) => {
    const records = data[section];
    const lines = records.map((record, i) => json(record, `${section}[${i}]`, problems, 0));
    return `${JSON.stringify(section)}:${lines.length === 0 ? "[]" : `[\n${lines.join(",\n")}\n]`}`;
  });
  return `{${parts.join(",\n")}}`;
}

function json(value: unknown, path: string, problems: ValidationIssue[], depth: number): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "boolean" || value === null) return String(value);
  if (typeof value === "number") {
    if (Number.isFinite(value)) return numberCell(value);
    problems.push({ path, message: `expected a finite number (JSON holds no other), got ${value}` });
    return "null";
  }
  if (depth >= MAX_DEPTH) {
    problems.push({ path, message: `expected at most ${MAX_DEPTH} levels of nesting` });
    return "null";
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, i) => json(item, `${path}[${i}]`, problems, depth + 1)).join(",")}]`;
  }
  const proto = typeof value === "object" ? Object.getPrototypeOf(value) : undefined;
  if (value !== null && typeof value === "object" && (proto === Object.prototype || proto === null)) {
    const fields: string[] = [];
    for (const [key, field] of Object.entries(value)) {
      if (field === undefined) continue;
      fields.push(`${JSON.stringify(key)}:${json(field, `${path}.${key}`, problems, depth + 1)}`);
    }
    return `{${fields.join(",")}}`;
  }
  problems.push({
    path,
    message: `expected a JSON value (text, number, boolean, null, array or plain object), got ${describeValue(value)}`,
  });
  return "null";
}
