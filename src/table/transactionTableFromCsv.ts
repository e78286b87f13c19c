import { type CsvRow, csvBytes, readCsv, rowsAtMost } from "../engine/csv.js";
import { ByteIdDictionary } from "../engine/ids.js";
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import type { TransactionColumnNames, TransactionTable } from "./TransactionTable.js";
import { tableOf } from "./tableOf.js";

/** Options of {@link transactionTableFromCsv}. */
export interface TransactionTableFromCsvOptions {
  /**
   * Header names of the columns (defaults: `customerId`, `date`, `amount`; `profit` and
   * `quantity` are read when a column of that name exists, unless set to `null`).
   */
  readonly columns?: TransactionColumnNames;
}

/** Problems listed in an error; every one is counted. */
const MAX_ISSUES = 1000;

/**
 * Builds a {@link TransactionTable} straight from CSV text or bytes: the way in for large
 * logs (millions of rows), with no object per row. Cells follow the library's CSV policy
 * (docs/csv.md): unquoted cells trimmed, quoted cells kept verbatim, a header naming a
 * column twice refused. The rules are the `Transaction` schema's: ids non-empty, dates
 * valid ISO-8601 (no zone = UTC), amounts finite; an empty profit or quantity cell means
 * "none" (`NaN`). Bytes (`Uint8Array`, UTF-8) are decoded a block at a time, so files
 * larger than the longest JavaScript string can be read.
 *
 * @param csv - the CSV: text, or UTF-8 bytes; first line = header; `,`-separated; LF or CRLF
 * @param options - header names of the columns
 * @returns the table (row order = file order)
 * @throws {CustomerValueError} `INVALID_RECORD` when a column is missing or rows are bad (every
 *   problem counted, the first 1,000 listed with their 1-based data row); `INVALID_OPTION`
 *   for a header naming a column twice
 * @example
 * const table = transactionTableFromCsv("customerId,date,amount\nC1,2011-03-04,12.5\nC2,2011-03-05,8\n");
 * [table.length, table.customerIds, table.amount[0]]; // => [2, ["C1", "C2"], 12.5]
 */
export function transactionTableFromCsv(
  csv: string | Uint8Array,
  options: TransactionTableFromCsvOptions = {},
): TransactionTable {
  const fn = "transactionTableFromCsv";
  if (typeof csv !== "string" && !(csv instanceof Uint8Array)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: expected CSV text or bytes, got ${describeValue(csv)}`,
    );
  }
  const bytes = csvBytes(csv);
  let columns: TableColumns | undefined;
  const header = readCsv(bytes, { fn }, (row) => {
    columns ??= new TableColumns(columnLayout(row.header, options, fn), rowsAtMost(bytes), fn);
    columns.add(row);
  });
  return (columns ?? new TableColumns(columnLayout(header, options, fn), 0, fn)).table();
}

/** Where each field is in the header (-1: not read). */
interface Layout {
  readonly id: number;
  readonly date: number;
  readonly amount: number;
  readonly profit: number;
  readonly quantity: number;
  readonly width: number;
}

/** Where each field is in `header`; a required column missing is an error. */
function columnLayout(
  header: readonly string[],
  options: TransactionTableFromCsvOptions,
  fn: string,
): Layout {
  const names = options.columns ?? {};
  const find = (name: string, required: boolean): number => {
    const at = header.indexOf(name);
    if (at === -1 && required) {
      throw new CustomerValueError(
        "INVALID_RECORD",
        `${fn}: the header has no column ${JSON.stringify(name)}, got ${JSON.stringify(header)}`,
      );
    }
    return at;
  };
  const optional = (value: string | null | undefined, fallback: string): number =>
    value === null ? -1 : value === undefined ? find(fallback, false) : find(value, true);
  return {
    id: find(names.customerId ?? "customerId", true),
    date: find(names.date ?? "date", true),
    amount: find(names.amount ?? "amount", true),
    profit: optional(names.profit, "profit"),
    quantity: optional(names.quantity, "quantity"),
    width: header.length,
  };
}

/** The table's columns, filled row by row; every problem counted, the first 1,000 kept. */
class TableColumns {
  private readonly ids = new ByteIdDictionary();
  private readonly customer: Int32Array;
  private readonly time: Float64Array;
  private readonly amount: Float64Array;
  private readonly profit: Float64Array | undefined;
  private readonly quantity: Float64Array | undefined;
  private rows = 0;
  private problems = 0;
  private readonly issues: ValidationIssue[] = [];

  constructor(
    private readonly layout: Layout,
    capacity: number,
    private readonly fn: string,
  ) {
    this.customer = new Int32Array(capacity);
    this.time = new Float64Array(capacity);
    this.amount = new Float64Array(capacity);
    this.profit = layout.profit >= 0 ? new Float64Array(capacity) : undefined;
    this.quantity = layout.quantity >= 0 ? new Float64Array(capacity) : undefined;
  }

  add(row: CsvRow): void {
    const { layout } = this;
    const r = this.rows++;
    if (row.count !== layout.width) {
      this.report(row, "row", `expected ${layout.width} cells, got ${row.count}`);
      return;
    }
    this.readId(row, r);
    const t = row.date(layout.date);
    if (t === undefined)
      this.report(row, "date", `expected a valid ISO-8601 date, got ${describeValue(row.text(layout.date))}`);
    else this.time[r] = t;
    const a = row.number(layout.amount);
    if (!Number.isFinite(a))
      this.report(row, "amount", `expected a finite number, got ${describeValue(row.text(layout.amount))}`);
    else this.amount[r] = a;
    this.optional(row, r, "profit");
    this.optional(row, r, "quantity");
  }

  /** The customer number of row `r`, or a problem: an empty id, or bytes that are not UTF-8. */
  private readId(row: CsvRow, r: number): void {
    const k = this.layout.id;
    if (row.isEmpty(k)) {
      this.report(row, "customerId", "expected a non-empty string id, got an empty cell");
      return;
    }
    const code = row.idCode(k, this.ids);
    if (code < 0) this.report(row, "customerId", "expected UTF-8 text, got bytes that are not valid UTF-8");
    else this.customer[r] = code;
  }

  /** An optional number column: an empty cell is "none" (NaN). */
  private optional(row: CsvRow, r: number, name: "profit" | "quantity"): void {
    const target = this[name];
    if (target === undefined) return;
    const k = this.layout[name];
    const x = row.isEmpty(k) ? Number.NaN : row.number(k);
    if (!row.isEmpty(k) && !Number.isFinite(x)) {
      this.report(row, name, `expected a finite number or an empty cell, got ${describeValue(row.text(k))}`);
    } else target[r] = x;
  }

  private report(row: CsvRow, field: string, message: string): void {
    this.problems++;
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path: `row ${row.line}: ${field}`, message });
  }

  table(): TransactionTable {
    const { problems, rows, fn } = this;
    if (problems > 0) {
      throw new CustomerValueError(
        "INVALID_RECORD",
        `${fn}: ${problems} problem${problems === 1 ? "" : "s"} in ${rows} rows`,
        {
          issues: this.issues,
        },
      );
    }
    return tableOf({
      length: rows,
      customerIds: this.ids.ids,
      customer: this.customer.slice(0, rows),
      time: this.time.slice(0, rows),
      amount: this.amount.slice(0, rows),
      profit: this.profit?.slice(0, rows),
      quantity: this.quantity?.slice(0, rows),
    });
  }
}
