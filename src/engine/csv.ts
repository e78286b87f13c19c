/**
 * CSV (RFC 4180) read row by row from UTF-8 bytes, with the one cell policy every reader
 * of the library follows: an unquoted cell is trimmed of spaces and tabs; a quoted cell
 * (`"…"`, a quote written `""`) is kept verbatim, delimiters and line breaks included;
 * header names are trimmed, and a name given twice is refused. Lines end in LF or CRLF; a
 * leading byte-order mark is skipped; blank lines are skipped. Cells are read in place
 * (numbers and ids straight from the bytes), so a large file makes few strings.
 */
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue, parseDateInput, readIsoDate } from "../internal/dates.js";
import type { ByteIdDictionary } from "./ids.js";

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Exact powers of ten: 10^0 … 10^22 are exact doubles, so `m / 10^k` is the correctly rounded decimal. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
// ignoreBOM: a U+FEFF that starts a cell is data (the file's byte-order mark is skipped by readCsv).
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const encoder = new TextEncoder();

/** One data row: its cells under the cell policy, read in place (the object is reused for every row). */
export class CsvRow {
  /** Number of cells in the row. */
  count = 0;
  /** The row's number among the data rows, from 1 (blank lines not counted). */
  line = 0;
  /** The header's names (trimmed). */
  header: readonly string[] = [];
  /** Where each cell's content starts and ends in `bytes` (quotes and trimmed spaces excluded). */
  starts = new Int32Array(16);
  ends = new Int32Array(16);
  /** 1 for a quoted cell, 2 for a quoted cell holding a doubled quote. */
  quoted = new Uint8Array(16);
  bytes: Uint8Array = new Uint8Array(0);

  /** The text of cell `k` ("" when the row has no such cell). */
  text(k: number): string {
    if (k >= this.count) return "";
    const cell = decoder.decode(this.bytes.subarray(this.starts[k]!, this.ends[k]!));
    return this.quoted[k] === 2 ? cell.replaceAll('""', '"') : cell;
  }

  /** Whether cell `k` is empty (an unquoted empty or blank cell, or `""`). */
  isEmpty(k: number): boolean {
    return k >= this.count || this.starts[k] === this.ends[k];
  }

  /**
   * The code of cell `k`'s text in `ids`, read from the bytes (cell `k` must not be empty);
   * -1 when its bytes are not UTF-8.
   */
  idCode(k: number, ids: ByteIdDictionary): number {
    if (this.quoted[k] !== 2) return ids.codeOf(this.bytes, this.starts[k]!, this.ends[k]!);
    const text = encoder.encode(this.text(k));
    return ids.codeOf(text, 0, text.length);
  }

  /**
   * Cell `k` as a number, strictly: `[+-]digits[.digits][e[+-]digits]` (with `decimal: ","`
   * a comma in place of the point, and then no point at all); `NaN` for anything else.
   */
  number(k: number, decimal: "." | "," = "."): number {
    if (this.isEmpty(k)) return Number.NaN;
    const fast = decimalAt(this.bytes, this.starts[k]!, this.ends[k]!, decimal === "." ? 46 : 44);
    if (!Number.isNaN(fast)) return fast;
    const text = this.text(k).trim();
    const plain = decimal === "." ? text : text.includes(".") ? "x" : text.replace(",", ".");
    return DECIMAL.test(plain) ? Number(plain) : Number.NaN;
  }

  /** Cell `k` as epoch milliseconds (ISO-8601, no zone = UTC), `undefined` when it is not a date. */
  date(k: number): number | undefined {
    if (k >= this.count) return undefined;
    const from = this.starts[k]!;
    const to = this.ends[k]!;
    // An ISO date is ASCII: read it from the bytes; a cell with other characters as text.
    for (let i = from; i < to; i++) if (this.bytes[i]! > 127) return parseDateInput(this.text(k));
    return readIsoDate(this.bytes, from, to);
  }

  /** Makes room for `cells` cells. */
  reserve(cells: number): void {
    if (cells <= this.starts.length) return;
    const size = Math.max(cells, 2 * this.starts.length);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const quoted = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    quoted.set(this.quoted);
    this.starts = starts;
    this.ends = ends;
    this.quoted = quoted;
  }
}

/**
 * `[+-]digits[<point>digits]` in `bytes[from .. to)` with at most 15 digits, read without
 * making a string (the same double `Number` gives); `NaN` for any other form.
 */
function decimalAt(bytes: Uint8Array, from: number, to: number, point: number): number {
  let i = from;
  const sign = bytes[i];
  if (sign === 45 || sign === 43) i++; // "-", "+"
  let mantissa = 0;
  let digits = 0;
  let scale = -1;
  for (; i < to; i++) {
    const ch = bytes[i]!;
    if (ch >= 48 && ch <= 57) {
      mantissa = mantissa * 10 + (ch - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (ch === point && scale < 0) scale = 0;
    else return Number.NaN;
  }
  if (digits === 0 || digits > 15) return Number.NaN;
  const value = scale <= 0 ? mantissa : mantissa / POW10[scale]!;
  return sign === 45 ? -value : value;
}

/** What {@link readCsv} reads: the delimiter, and the function that names the caller in messages. */
export interface CsvOptions {
  /** One character (default `,`). */
  readonly delimiter?: string | undefined;
  /** The public function, for messages. */
  readonly fn: string;
}

/** At most how many data rows `bytes` holds: its line breaks, plus one. */
export function rowsAtMost(bytes: Uint8Array): number {
  let count = 1;
  for (let at = bytes.indexOf(LF); at >= 0; at = bytes.indexOf(LF, at + 1)) count++;
  return count;
}

/** `input` as UTF-8 bytes (text is encoded). */
export function csvBytes(input: string | Uint8Array): Uint8Array {
  return typeof input === "string" ? encoder.encode(input) : input;
}

/**
 * Reads `bytes`: the header, then `visit(row)` for every data row (`row.header` holds the
 * header's names). Returns the header names.
 *
 * @throws {CustomerValueError} `INVALID_OPTION` for a delimiter that is not one ASCII
 *   character or a header naming a column twice; `INVALID_RECORD` for a quote left open
 */
export function readCsv(bytes: Uint8Array, options: CsvOptions, visit: (row: CsvRow) => void): string[] {
  const { fn, delimiter = "," } = options;
  const code = typeof delimiter === "string" && delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
  if (code < 0 || code > 127 || code === QUOTE || code === LF || code === CR) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: delimiter must be one ASCII character other than a quote or a line break, got ${describeValue(delimiter)}`,
    );
  }
  const reader = new RowReader(bytes, code, fn);
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (at < bytes.length) {
    at = reader.splitRow(at);
    reader.emit(visit);
  }
  return reader.header ?? [];
}

/** Splits the bytes into rows; a row with a quote is read again cell by cell, for the quoted cells. */
class RowReader {
  header: string[] | undefined;
  private readonly row = new CsvRow();
  private lines = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly delimiter: number,
    private readonly fn: string,
  ) {
    this.row.bytes = bytes;
  }

  /** Hands the row just split to `visit` (the first is the header; blank rows are skipped). */
  emit(visit: (row: CsvRow) => void): void {
    const row = this.row;
    if (row.count === 1 && row.starts[0] === row.ends[0] && row.quoted[0] === 0) return;
    if (this.header === undefined) {
      this.header = readHeader(row, this.fn);
      row.header = this.header;
      return;
    }
    row.line = ++this.lines;
    visit(row);
  }

  /** Splits the row at `at`; returns where the next row starts. */
  splitRow(at: number): number {
    const { row, bytes, delimiter } = this;
    let cell = 0;
    let from = at;
    let i = at;
    for (; i < bytes.length; i++) {
      const ch = bytes[i];
      if (ch === delimiter) {
        if (cell + 1 >= row.starts.length) row.reserve(cell + 2);
        setTrimmed(row, cell++, from, i);
        from = i + 1;
      } else if (ch === LF) break;
      else if (ch === QUOTE) return this.splitQuotedRow(at);
    }
    setTrimmed(row, cell, from, i > from && bytes[i - 1] === CR ? i - 1 : i);
    row.count = cell + 1;
    return i + 1;
  }

  /** A row holding a quote, cell by cell. */
  private splitQuotedRow(at: number): number {
    const { row, bytes } = this;
    let i = at;
    for (let cell = 0; ; cell++) {
      row.reserve(cell + 1);
      i = this.splitCell(i, cell);
      if (bytes[i] !== this.delimiter) {
        row.count = cell + 1;
        return bytes[i] === CR && bytes[i + 1] === LF ? i + 2 : i + 1;
      }
      i++;
    }
  }

  /** Reads cell `k` from `at`; returns the index of the delimiter or line end after it. */
  private splitCell(at: number, k: number): number {
    const bytes = this.bytes;
    let i = at;
    while (bytes[i] === SPACE || bytes[i] === TAB) i++;
    if (bytes[i] === QUOTE) return this.splitQuoted(i, k);
    let end = i;
    while (
      end < bytes.length &&
      bytes[end] !== this.delimiter &&
      bytes[end] !== LF &&
      !(bytes[end] === CR && bytes[end + 1] === LF)
    )
      end++;
    setTrimmed(this.row, k, i, end);
    return end;
  }

  private splitQuoted(open: number, k: number): number {
    const { row, bytes } = this;
    let doubled = false;
    let close = bytes.indexOf(QUOTE, open + 1);
    while (close >= 0 && bytes[close + 1] === QUOTE) {
      doubled = true;
      close = bytes.indexOf(QUOTE, close + 2);
    }
    if (close < 0) {
      throw new CustomerValueError(
        "INVALID_RECORD",
        `${this.fn}: row ${this.lines + 1}: a quoted cell is never closed`,
      );
    }
    row.starts[k] = open + 1;
    row.ends[k] = close;
    row.quoted[k] = doubled ? 2 : 1;
    let i = close + 1;
    while (bytes[i] === SPACE || bytes[i] === TAB) i++;
    if (i < bytes.length && bytes[i] !== this.delimiter && bytes[i] !== LF && bytes[i] !== CR) {
      const context = decoder.decode(bytes.subarray(open, Math.min(bytes.length, i + 10)));
      throw new CustomerValueError(
        "INVALID_RECORD",
        `${this.fn}: row ${this.lines + 1}: text after a closing quote, at ${describeValue(context)}`,
      );
    }
    return i;
  }
}

/** Cell `k` of `row` is `row.bytes[from .. to)` without surrounding spaces and tabs, unquoted. */
function setTrimmed(row: CsvRow, k: number, from: number, to: number): void {
  const bytes = row.bytes;
  let a = from;
  let b = to;
  while (a < b && (bytes[a] === SPACE || bytes[a] === TAB)) a++;
  while (b > a && (bytes[b - 1] === SPACE || bytes[b - 1] === TAB)) b--;
  row.starts[k] = a;
  row.ends[k] = b;
  row.quoted[k] = 0;
}

/** The header's names, trimmed; a name given twice is refused. */
function readHeader(row: CsvRow, fn: string): string[] {
  const names: string[] = [];
  for (let k = 0; k < row.count; k++) names.push(row.text(k).trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fn}: the header names the column ${JSON.stringify(name)} more than once; rename one of them`,
      );
    }
    seen.add(name);
  }
  return names;
}
