import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import { Transaction } from "../records/Transaction.js";
import { parseRecords } from "../records/validate.js";
import { type CsvWriteOptions, csvText, csvWriter, dateCell, numberCell, textCell } from "./csvWriter.js";

/** Options of {@link transactionsToCsv}. */
export interface TransactionsToCsvOptions extends CsvWriteOptions {
  /**
   * Other fields to write, each a column of its name (default none): text as it is,
   * numbers and booleans as text, an absent field as an empty cell. The readers return
   * them as text (`parseTransactionsCsv` with the same `keep`).
   */
  readonly keep?: readonly string[];
}

const FIELDS = ["customerId", "date", "amount"] as const;

/**
 * Writes transactions as CSV that `parseTransactionsCsv` reads back to the same records:
 * columns `customerId,date,amount`, then `profit` and `quantity` when any transaction has
 * one (an empty cell where one has none), then the `keep` columns. The reader reads
 * profit and quantity when asked: `{ columns: { profit: "profit", quantity: "quantity" } }`
 * (and the kept columns with the same `keep`).
 *
 * Exact round trip: ids and text byte for byte (cells that the reader would trim or split
 * are quoted); numbers as the shortest text that parses to the same double, `-0` too;
 * dates as the same instant, written in UTC (`2011-03-04T10:00:00.000Z`), so a date given
 * as `"2011-03-04T18:00:00+08:00"` reads back as the `Date` of that instant.
 *
 * @param transactions - the records (validated first: every problem is reported at once)
 * @param options - `delimiter`, `newline`, `formulaSafe`, `bom`, `keep`
 * @returns the CSV text, with a header row and a final line break
 * @throws {CustomerValueError} `INVALID_RECORD` for bad records; `INVALID_OPTION` for bad options
 * @example
 * transactionsToCsv([{ customerId: "C1", date: "2011-03-04", amount: 12.5 }]);
 * // => "customerId,date,amount\nC1,2011-03-04T00:00:00.000Z,12.5\n"
 */
export function transactionsToCsv(
  transactions: readonly Transaction[],
  options: TransactionsToCsvOptions = {},
): string {
  const fn = "transactionsToCsv";
  const writer = csvWriter(options, fn);
  const keep = options.keep ?? [];
  if (!Array.isArray(keep) || !keep.every((name) => typeof name === "string" && name !== "")) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: keep must be an array of field names, got ${describeValue(keep)}`,
    );
  }
  const records = parseRecords(transactions, Transaction, fn, "transactions");
  const optional = (["profit", "quantity"] as const).filter((f) => records.some((t) => t[f] !== undefined));
  const header = [...FIELDS, ...optional, ...keep];
  const duplicate = header.find((name, i) => header.indexOf(name) !== i);
  if (duplicate !== undefined) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: keep names the column ${JSON.stringify(duplicate)} twice or a field written anyway`,
    );
  }
  const rows: string[][] = [header.map((name) => textCell(name, writer))];
  for (const t of records) {
    const row = [textCell(t.customerId, writer), dateCell(t.date), numberCell(t.amount)];
    for (const f of optional) row.push(t[f] === undefined ? "" : numberCell(t[f]));
    for (const name of keep) row.push(extraCell(t[name], writer));
    rows.push(row);
  }
  return csvText(rows, writer);
}

/** A kept field's cell: text as it is, numbers and booleans as text, nothing as empty. */
export function extraCell(value: unknown, writer: Parameters<typeof textCell>[1]): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? numberCell(value) : String(value);
  return textCell(String(value), writer);
}
