import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import type { Customer } from "../records/Customer.js";
import { parseCustomers } from "../records/validate.js";
import { type CsvWriteOptions, csvText, csvWriter, dateCell, numberCell, textCell } from "./csvWriter.js";
import { extraCell } from "./transactionsToCsv.js";

/** Options of {@link customersToCsv}. */
export interface CustomersToCsvOptions extends CsvWriteOptions {
  /** Other fields to write as text columns (default none); see `transactionsToCsv`. */
  readonly keep?: readonly string[];
}

/** The customer fields, in column order, with how each is written. */
export const CUSTOMER_COLUMNS = [
  ["id", "text"],
  ["name", "text"],
  ["region", "text"],
  ["segment", "text"],
  ["value", "number"],
  ["firstContactAt", "date"],
  ["terminationNoticeAt", "date"],
  ["noticeWithdrawnAt", "date"],
  ["satisfaction", "number"],
] as const;

/**
 * Writes customers as CSV that `parseCustomersCsv` reads back to the same records:
 * `id`, then each other field that any customer has (`name`, `region`, `segment`,
 * `value`, `firstContactAt`, `terminationNoticeAt`, `noticeWithdrawnAt`, `satisfaction`),
 * then the `keep` columns. An absent field is an empty cell; an empty text is written
 * `""`, so the reader tells the two apart. Text, numbers and dates round-trip as in
 * `transactionsToCsv` (dates as the same instant, in UTC).
 *
 * @param customers - the records (validated first: every problem, a repeated id too)
 * @param options - `delimiter`, `newline`, `formulaSafe`, `bom`, `keep`
 * @returns the CSV text, with a header row and a final line break
 * @throws {CustomerValueError} `INVALID_RECORD` for bad records; `INVALID_OPTION` for bad options
 * @example
 * customersToCsv([{ id: "C1", region: "North" }, { id: "C2", value: 1200 }]);
 * // => "id,region,value\nC1,North,\nC2,,1200\n"
 */
export function customersToCsv(customers: readonly Customer[], options: CustomersToCsvOptions = {}): string {
  const fn = "customersToCsv";
  const writer = csvWriter(options, fn);
  const keep = options.keep ?? [];
  if (!Array.isArray(keep) || !keep.every((name) => typeof name === "string" && name !== "")) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: keep must be an array of field names, got ${describeValue(keep)}`,
    );
  }
  const records = parseCustomers(customers, fn);
  const columns = CUSTOMER_COLUMNS.filter(
    ([name]) => name === "id" || records.some((c) => c[name] !== undefined),
  );
  const header = [...columns.map(([name]) => name), ...keep];
  const duplicate = header.find((name, i) => header.indexOf(name) !== i);
  if (duplicate !== undefined) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: keep names the column ${JSON.stringify(duplicate)} twice or a field written anyway`,
    );
  }
  const rows: string[][] = [header.map((name) => textCell(name, writer))];
  for (const c of records) {
    const row = columns.map(([name, kind]) => {
      const value = c[name];
      if (value === undefined) return "";
      if (kind === "number") return numberCell(value as number);
      if (kind === "date") return dateCell(value as Date | string);
      return textCell(value as string, writer);
    });
    for (const name of keep) row.push(extraCell(c[name], writer));
    rows.push(row);
  }
  return csvText(rows, writer);
}
