import Papa from "papaparse";
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { describeValue, parseDateInput } from "../internal/dates.js";
import type { TransactionColumnNames, TransactionTable } from "./TransactionTable.js";
import { IdDictionary } from "../internal/uniqueIds.js";
import { tableOf } from "./tableOf.js";

/** Options of {@link transactionTableFromCsv}. */
export interface TransactionTableFromCsvOptions {
  /**
   * Header names of the columns (defaults: `customerId`, `date`, `amount`; `profit` and
   * `quantity` are read when a column of that name exists, unless set to `null`).
   */
  readonly columns?: TransactionColumnNames;
}

const MAX_ISSUES = 1000;
const MS_PER_DAY = 86_400_000;
const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;
/** Exact powers of ten (10^0..10^22 are exact doubles, so `m / 10^k` is the correctly rounded decimal). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Days from 1970-01-01 to the civil date y-m-d (proleptic Gregorian; H. Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const daysInMonth = (y: number, m: number) =>
  m === 2
    ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
      ? 29
      : 28
    : m === 4 || m === 6 || m === 9 || m === 11
      ? 30
      : 31;

/**
 * Builds a {@link TransactionTable} straight from CSV text or bytes: the fast path for large
 * logs (millions of rows). The bytes are scanned once into typed arrays; customer ids are
 * interned through a hash of their bytes, so no string is made for a repeated id, and the
 * common date forms (`YYYY-MM-DD`, `YYYY-MM-DDThh:mm[:ss[.fff]]` with an optional `Z`) and
 * plain decimals are read without making strings either. Anything else in a cell (another
 * ISO-8601 form, exponents) goes through the same readers as everywhere else, so the rules
 * are the `Transaction` schema's: ids non-empty, dates valid ISO-8601 (no zone = UTC),
 * amounts finite; an empty profit or quantity cell means "none" (`NaN`).
 *
 * A file with quoted cells (`"`) is read by a full CSV parser (papaparse) instead; the result
 * is the same, only slower. Give bytes (`Uint8Array`, UTF-8) for files over a few hundred MB:
 * JavaScript strings cannot exceed about 512 MB.
 *
 * @param csv - the CSV: text, or UTF-8 bytes; first line = header; `,`-separated; LF or CRLF
 * @param options - header names of the columns
 * @returns the table (row order = file order)
 * @throws {CustomerValueError} `INVALID_RECORD` when a column is missing or rows are bad (every
 *   problem counted, the first 1,000 listed with their 1-based data row)
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
  const bytes: Uint8Array = typeof csv === "string" ? new TextEncoder().encode(csv) : csv;
  if (bytes.indexOf(QUOTE) !== -1) return fromQuotedCsv(bytes, options, fn);
  const decoder = new TextDecoder();
  const n = bytes.length;
  let pos = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;

  // Header.
  let lineEnd = bytes.indexOf(LF, pos);
  if (lineEnd === -1) lineEnd = n;
  const header = decoder
    .decode(bytes.subarray(pos, lineEnd))
    .replace(/\r$/, "")
    .split(",")
    .map((h) => h.trim());
  pos = lineEnd + 1;
  const layout = columnLayout(header, options, fn);
  const { idCol, dateCol, amountCol, profitCol, quantityCol, width } = layout;

  // Upper bound of data rows: line breaks after the header, plus a last line without one.
  let rowsMax = 0;
  for (let i = pos; i < n; i++) if (bytes[i] === LF) rowsMax++;
  if (n > 0 && bytes[n - 1] !== LF && pos < n) rowsMax++;
  let customer = new Int32Array(rowsMax);
  let time = new Float64Array(rowsMax);
  let amount = new Float64Array(rowsMax);
  let profit = profitCol >= 0 ? new Float64Array(rowsMax) : undefined;
  let quantity = quantityCol >= 0 ? new Float64Array(rowsMax) : undefined;

  // Customer ids: an open-addressing hash table over the id bytes. Slot s holds, at
  // table[4s ..], the id's code + 1 (0: empty), its hash, and where its bytes start in
  // `arena` and how many there are: a copy of each distinct id's bytes, packed. A lookup
  // touches one slot and the arena (performance, issue 11: with a million ids, one array
  // per field and a comparison against the id's first occurrence in a file of hundreds of
  // megabytes cost a cache miss each, per row).
  const customerIds: string[] = [];
  let table = new Int32Array(4 * 2048);
  let mask = 2047;
  let arena = new Uint8Array(16_384);
  let arenaEnd = 0;
  const grow = () => {
    const old = table;
    mask = 2 * mask + 1;
    table = new Int32Array(4 * (mask + 1));
    for (let e = 0; e < old.length; e += 4) {
      if (old[e] === 0) continue;
      let s = old[e + 1]! & mask;
      while (table[4 * s] !== 0) s = (s + 1) & mask;
      for (let k = 0; k < 4; k++) table[4 * s + k] = old[e + k]!;
    }
  };

  const issues: ValidationIssue[] = [];
  let problems = 0;
  const report = (row: number, field: string, message: string) => {
    problems++;
    if (issues.length < MAX_ISSUES) issues.push({ path: `row ${row}: ${field}`, message });
  };
  const text = (a: number, b: number) => decoder.decode(bytes.subarray(a, b));

  /** A decimal cell `[+-]digits[.digits]` read without a string; NaN when it is anything else. */
  const fastNumber = (a: number, b: number): number => {
    let i = a;
    let negative = false;
    if (i < b && (bytes[i] === 45 || bytes[i] === 43)) {
      negative = bytes[i] === 45;
      i++;
    }
    let mantissa = 0;
    let digits = 0;
    let scale = 0;
    let dot = false;
    for (; i < b; i++) {
      const ch = bytes[i]!;
      if (ch >= 48 && ch <= 57) {
        mantissa = mantissa * 10 + (ch - 48);
        digits++;
        if (dot) scale++;
      } else if (ch === 46 && !dot) dot = true;
      else return Number.NaN;
    }
    if (digits === 0 || digits > 15 || scale > 22) return Number.NaN;
    const v = scale === 0 ? mantissa : mantissa / POW10[scale]!;
    return negative ? -v : v;
  };
  /** A number cell: the fast reader, else `Number` of the trimmed text (NaN = not a number). */
  const readNumber = (a: number, b: number): number => {
    const v = fastNumber(a, b);
    if (!Number.isNaN(v)) return v;
    const cell = text(a, b).trim();
    return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(cell) ? Number(cell) : Number.NaN;
  };
  const optionalNumber = (
    target: Float64Array,
    row: number,
    line: number,
    name: string,
    a: number,
    b: number,
  ) => {
    if (a === b) {
      target[row] = Number.NaN;
      return;
    }
    const x = readNumber(a, b);
    if (!Number.isFinite(x))
      report(line, name, `expected a finite number or an empty cell, got ${describeValue(text(a, b))}`);
    else target[row] = x;
  };
  const digit = (i: number) => {
    const ch = bytes[i]! - 48;
    return ch >= 0 && ch <= 9 ? ch : -1000;
  };
  const two = (i: number) => digit(i) * 10 + digit(i + 1);
  /** `YYYY-MM-DD[(T| )hh:mm[:ss[.fff]]][Z]`, UTC, read from bytes; undefined for any other form. */
  const fastDate = (a: number, b: number): number | undefined => {
    const len = b - a;
    if (len < 10 || bytes[a + 4] !== 45 || bytes[a + 7] !== 45) return undefined;
    const y = digit(a) * 1000 + digit(a + 1) * 100 + two(a + 2);
    const m = two(a + 5);
    const d = two(a + 8);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
    let ms = daysFromCivil(y, m, d) * MS_PER_DAY;
    if (len === 10) return ms;
    let end = b;
    if (bytes[b - 1] === 90) end--; // "Z"
    const sep = bytes[a + 10];
    if ((sep !== 84 && sep !== 32) || bytes[a + 13] !== 58) return undefined;
    const hh = two(a + 11);
    const mm = two(a + 14);
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59) return undefined;
    ms += (hh * 60 + mm) * 60_000;
    if (end === a + 16) return ms;
    if (bytes[a + 16] !== 58 || end < a + 19) return undefined;
    const ss = two(a + 17);
    if (ss < 0 || ss > 59) return undefined;
    ms += ss * 1000;
    if (end === a + 19) return ms;
    if (bytes[a + 19] !== 46 || end > a + 23 || end === a + 20) return undefined;
    let frac = 0;
    for (let i = a + 20; i < a + 23; i++) {
      const v = i < end ? digit(i) : 0;
      if (v < 0) return undefined;
      frac = frac * 10 + v;
    }
    return ms + frac;
  };

  const starts = new Int32Array(width);
  const ends = new Int32Array(width);
  let rows = 0;
  let line = 0;
  while (pos < n) {
    // Split one line into its cells.
    let field = 0;
    let cellStart = pos;
    let i = pos;
    for (; i < n; i++) {
      const ch = bytes[i]!;
      if (ch === COMMA) {
        if (field < width) {
          starts[field] = cellStart;
          ends[field] = i;
        }
        field++;
        cellStart = i + 1;
      } else if (ch === LF) break;
    }
    let end = i;
    if (end > cellStart && bytes[end - 1] === CR) end--;
    if (field < width) {
      starts[field] = cellStart;
      ends[field] = end;
    }
    field++;
    pos = i + 1;
    line++;
    if (field === 1 && end === cellStart) continue; // a blank line
    const row = rows++;
    if (field !== width) {
      report(line, "row", `expected ${width} cells, got ${field}`);
      continue;
    }
    // customerId
    const a = starts[idCol]!;
    const b = ends[idCol]!;
    if (b === a) report(line, "customerId", "expected a non-empty string id, got an empty cell");
    else {
      let h = 0x811c9dc5;
      for (let k = a; k < b; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
      const length = b - a;
      let s = h & mask;
      let c = -1;
      for (;;) {
        const e = 4 * s;
        const code = table[e]!;
        if (code === 0) break;
        if (table[e + 1] === h && table[e + 3] === length) {
          const from = table[e + 2]!;
          let same = true;
          for (let k = 0; k < length; k++) {
            if (arena[from + k] !== bytes[a + k]) {
              same = false;
              break;
            }
          }
          if (same) {
            c = code - 1;
            break;
          }
        }
        s = (s + 1) & mask;
      }
      if (c === -1) {
        c = customerIds.length;
        customerIds.push(text(a, b));
        if ((c + 1) * 2 > mask + 1) {
          grow();
          s = h & mask;
          while (table[4 * s] !== 0) s = (s + 1) & mask;
        }
        if (arenaEnd + length > arena.length) {
          const larger = new Uint8Array(Math.max(2 * arena.length, arenaEnd + length));
          larger.set(arena.subarray(0, arenaEnd));
          arena = larger;
        }
        for (let k = 0; k < length; k++) arena[arenaEnd + k] = bytes[a + k]!;
        const e = 4 * s;
        table[e] = c + 1;
        table[e + 1] = h;
        table[e + 2] = arenaEnd;
        table[e + 3] = length;
        arenaEnd += length;
      }
      customer[row] = c;
    }
    // date
    const da = starts[dateCol]!;
    const db = ends[dateCol]!;
    let t = fastDate(da, db);
    if (t === undefined) t = parseDateInput(text(da, db));
    if (t === undefined)
      report(line, "date", `expected a valid ISO-8601 date, got ${describeValue(text(da, db))}`);
    else time[row] = t;
    // amount
    const v = readNumber(starts[amountCol]!, ends[amountCol]!);
    if (!Number.isFinite(v)) {
      report(
        line,
        "amount",
        `expected a finite number, got ${describeValue(text(starts[amountCol]!, ends[amountCol]!))}`,
      );
    } else amount[row] = v;
    // profit, quantity: an empty cell is "none"
    if (profit !== undefined)
      optionalNumber(profit, row, line, "profit", starts[profitCol]!, ends[profitCol]!);
    if (quantity !== undefined)
      optionalNumber(quantity, row, line, "quantity", starts[quantityCol]!, ends[quantityCol]!);
  }
  if (problems > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: ${problems} problem${problems === 1 ? "" : "s"} in ${rows} rows`,
      {
        issues,
      },
    );
  }
  if (rows < rowsMax) {
    customer = customer.slice(0, rows);
    time = time.slice(0, rows);
    amount = amount.slice(0, rows);
    profit = profit?.slice(0, rows);
    quantity = quantity?.slice(0, rows);
  }
  return tableOf({ length: rows, customerIds, customer, time, amount, profit, quantity });
}

interface Layout {
  idCol: number;
  dateCol: number;
  amountCol: number;
  profitCol: number;
  quantityCol: number;
  width: number;
}

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
  const optional = (value: string | null | undefined, fallback: string): number => {
    if (value === null) return -1;
    return value === undefined ? find(fallback, false) : find(value, true);
  };
  return {
    idCol: find(names.customerId ?? "customerId", true),
    dateCol: find(names.date ?? "date", true),
    amountCol: find(names.amount ?? "amount", true),
    profitCol: optional(names.profit, "profit"),
    quantityCol: optional(names.quantity, "quantity"),
    width: header.length,
  };
}

/** The general path for files with quoted cells: papaparse, then the same per-cell rules. */
function fromQuotedCsv(
  bytes: Uint8Array,
  options: TransactionTableFromCsvOptions,
  fn: string,
): TransactionTable {
  const parsed = Papa.parse<string[]>(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ""), {
    skipEmptyLines: true,
  });
  const [header = [], ...data] = parsed.data;
  const layout = columnLayout(
    header.map((h) => h.trim()),
    options,
    fn,
  );
  // Re-emit the rows unquoted through the fast path would change ids containing commas;
  // instead check the cells here with the same rules.
  const n = data.length;
  const customer = new Int32Array(n);
  const time = new Float64Array(n);
  const amount = new Float64Array(n);
  const profit = layout.profitCol >= 0 ? new Float64Array(n) : undefined;
  const quantity = layout.quantityCol >= 0 ? new Float64Array(n) : undefined;
  const dictionary = new IdDictionary();
  const issues: ValidationIssue[] = [];
  let problems = 0;
  const report = (row: number, field: string, message: string) => {
    problems++;
    if (issues.length < MAX_ISSUES) issues.push({ path: `row ${row}: ${field}`, message });
  };
  const num = (cell: string) => {
    const s = cell.trim();
    return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(s) ? Number(s) : Number.NaN;
  };
  for (let r = 0; r < n; r++) {
    const cells = data[r]!;
    const line = r + 1;
    if (cells.length !== layout.width) {
      report(line, "row", `expected ${layout.width} cells, got ${cells.length}`);
      continue;
    }
    const id = cells[layout.idCol]!;
    if (id.length === 0) report(line, "customerId", "expected a non-empty string id, got an empty cell");
    else {
      customer[r] = dictionary.code(id);
    }
    const t = parseDateInput(cells[layout.dateCol]);
    if (t === undefined)
      report(line, "date", `expected a valid ISO-8601 date, got ${describeValue(cells[layout.dateCol])}`);
    else time[r] = t;
    const a = num(cells[layout.amountCol]!);
    if (!Number.isFinite(a))
      report(line, "amount", `expected a finite number, got ${describeValue(cells[layout.amountCol])}`);
    else amount[r] = a;
    for (const [name, col, target] of [
      ["profit", layout.profitCol, profit],
      ["quantity", layout.quantityCol, quantity],
    ] as const) {
      if (target === undefined) continue;
      const cell = cells[col]!;
      if (cell.trim() === "") target[r] = Number.NaN;
      else {
        const x = num(cell);
        if (!Number.isFinite(x))
          report(line, name, `expected a finite number or an empty cell, got ${describeValue(cell)}`);
        else target[r] = x;
      }
    }
  }
  if (problems > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: ${problems} problem${problems === 1 ? "" : "s"} in ${n} rows`,
      {
        issues,
      },
    );
  }
  return tableOf({ length: n, customerIds: dictionary.ids, customer, time, amount, profit, quantity });
}
