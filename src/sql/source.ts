/**
 * Sources and the checked log: where the transactions are, how they become one relation of
 * `customer_id` (text), `t` (epoch milliseconds) and `amount` (double) in the engine's own
 * SQL, and how queries over it run. Names are checked against a plain pattern and quoted;
 * values (file paths, dates, cut-offs) always travel as bound parameters.
 */
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { assertOptions } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import { type ColumnType, DIALECTS, type Dialect } from "./dialects.js";
import { assertExecutor, batchesOf, cell, type SqlExecutor, type SqlParam, type SqlRow } from "./executor.js";

/** The source's column names (defaults: `customerId`, `date`, `amount`). */
export interface SqlColumns {
  readonly customerId?: string;
  readonly date?: string;
  readonly amount?: string;
}

/**
 * Where the transactions are: a table or view (`"name"`, `"schema.name"`), or any `SELECT`
 * (trusted SQL text, run as written); with DuckDB also CSV or Parquet files (a path, a glob,
 * or a list). `columns` maps the three fields to the source's column names.
 */
export type SqlSource =
  | { readonly table: string; readonly columns?: SqlColumns }
  | { readonly sql: string; readonly columns?: SqlColumns }
  | { readonly csv: string | readonly string[]; readonly columns?: SqlColumns }
  | { readonly parquet: string | readonly string[]; readonly columns?: SqlColumns };

/** Options every warehouse function takes. */
export interface SqlSourceOptions {
  /** Column names, when the source does not give them (defaults: `customerId`, `date`, `amount`). */
  readonly columns?: SqlColumns;
  /**
   * Count bad rows first (default `true`): an empty id, an unreadable date (or one outside
   * years 0000-9999), an amount that is not a finite number; any makes the call throw
   * `INVALID_RECORD` with the counts.
   */
  readonly validate?: boolean;
}

/** Placeholders and their values, numbered in the order they are written into the SQL. */
export class Binder {
  readonly values: SqlParam[];

  constructor(
    private readonly dialect: Dialect,
    values: readonly SqlParam[] = [],
  ) {
    this.values = values.slice();
  }

  /** The placeholder of a number (read as a double). */
  number(value: number): string {
    this.values.push(value);
    return this.dialect.number(this.values.length);
  }

  /** The placeholder of a string. */
  text(value: string): string {
    this.values.push(value);
    return this.dialect.text(this.values.length);
  }

  /** A binder that goes on from this one's values (the log's come first in every query). */
  fork(): Binder {
    return new Binder(this.dialect, this.values);
  }
}

/** The checked log of a source, ready for the queries of one call. */
export interface OpenLog {
  readonly db: SqlExecutor;
  readonly dialect: Dialect;
  /** `SELECT customer_id, t, amount FROM <source>`. */
  readonly sql: string;
  /** The log's own bound values (file paths); fork it for a query over the log. */
  readonly binder: Binder;
  /** `true` when the type probe found no row at all. */
  readonly empty: boolean;
}

// ASCII letters, digits and _, words separated by single spaces: nothing that can end a
// quoted name or start a comment in any of the three dialects.
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*(?: [A-Za-z0-9_]+)*$/;
const MAX_NAME = 63; // PostgreSQL's limit

/** `name`, checked to be a plain identifier, else `INVALID_OPTION` naming `where`. */
export function plainName(name: unknown, where: string): string {
  if (typeof name !== "string" || name.length > MAX_NAME || !PLAIN_NAME.test(name)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${where} must be a plain name (ASCII letters, digits and _, words separated by one space, at most ${MAX_NAME} characters), got ${describeValue(name)}`,
    );
  }
  return name;
}

const SOURCE_KINDS = ["table", "sql", "csv", "parquet"] as const;

/** The source's column names, checked: from the source or from the options, not both. */
function sourceColumns(source: { readonly columns?: unknown }, options: SqlSourceOptions, fn: string) {
  if (source.columns !== undefined && options.columns !== undefined) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: give columns in the source or in the options, not both`,
    );
  }
  const given = source.columns ?? options.columns ?? {};
  if (typeof given !== "object" || given === null) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: columns must be an object, got ${describeValue(given)}`,
    );
  }
  const { customerId = "customerId", date = "date", amount = "amount" } = given as SqlColumns;
  return [
    plainName(customerId, `${fn}: columns.customerId`),
    plainName(date, `${fn}: columns.date`),
    plainName(amount, `${fn}: columns.amount`),
  ] as const;
}

/** The `FROM` item of a source; file paths are bound. */
function fromItem(source: Record<string, unknown>, dialect: Dialect, binder: Binder, fn: string): string {
  const kinds = SOURCE_KINDS.filter((k) => source[k] !== undefined);
  const kind = kinds.length === 1 ? kinds[0] : undefined;
  const value = kind === undefined ? undefined : source[kind];
  if (kind === "table" && typeof value === "string") {
    const parts = value.split(".");
    if (parts.length <= 3)
      return parts.map((p) => dialect.quote(plainName(p, `${fn}: source.table`))).join(".");
    plainName(value, `${fn}: source.table`);
  }
  if (kind === "sql" && typeof value === "string" && value.trim() !== "") return `(${value})`;
  if ((kind === "csv" || kind === "parquet") && dialect.name === "duckdb") {
    const list = typeof value === "string" ? [value] : value;
    if (Array.isArray(list) && list.length > 0 && list.every((f) => typeof f === "string" && f !== "")) {
      const files = `[${list.map((f: string) => binder.text(f)).join(", ")}]`;
      return kind === "csv" ? `read_csv(${files}, header = true)` : `read_parquet(${files})`;
    }
  }
  const files = dialect.name === "duckdb" ? ", { csv }, { parquet }" : "";
  throw new CustomerValueError(
    "INVALID_OPTION",
    `${fn}: source must be one of { table }, { sql }${files} for ${dialect.engine}, got ${describeValue(source)}`,
  );
}

/** Whether `value` is a promise (or another thenable). */
const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null | undefined)?.then === "function";

/**
 * Runs a query and hands each row to `visit`, waiting for the promise it may return. The
 * engine's errors about the caller's source become the library's: a column or table the
 * source does not have is `UNKNOWN_NAME`, SQL that does not parse `INVALID_OPTION`, a cell
 * that does not convert `INVALID_RECORD`; other errors (a lost connection) and those of
 * `visit` pass as they were thrown.
 */
export async function eachRow(
  log: Pick<OpenLog, "db" | "dialect">,
  sql: string,
  params: readonly SqlParam[],
  fn: string,
  visit: (row: SqlRow) => unknown,
): Promise<void> {
  let visiting = false; // errors of `visit` pass as they are
  try {
    const rows = await log.db.query(sql, params);
    for await (const batch of batchesOf(rows, fn)) {
      for (const row of batch) {
        visiting = true;
        const pending = visit(row);
        if (isPromiseLike(pending)) await pending;
        visiting = false;
      }
    }
  } catch (error) {
    if (visiting || error instanceof CustomerValueError) throw error;
    const code = log.dialect.errorCode(error);
    if (code === undefined) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new CustomerValueError(code, `${fn}: ${log.dialect.engine} could not read the source: ${message}`, {
      cause: error,
    });
  }
}

/** The first instant and the last the library reads (years 0000 to 9999). */
const MIN_TIME = -62_167_219_200_000;
const MAX_TIME = 253_402_300_799_999;

/**
 * Opens a source: checks the executor, the source and its column names, probes the column
 * types where the dialect needs them, and, unless `validate` is `false`, counts bad rows and
 * throws `INVALID_RECORD` when there are any.
 */
export async function openLog(
  db: unknown,
  source: unknown,
  options: SqlSourceOptions,
  fn: string,
): Promise<OpenLog> {
  assertOptions(options, fn);
  assertExecutor(db, fn);
  const dialect = DIALECTS[db.dialect];
  if (typeof source !== "object" || source === null || Array.isArray(source)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: source must be an object, got ${describeValue(source)}`,
    );
  }
  const names = sourceColumns(source, options, fn).map((name) => dialect.quote(name));
  const binder = new Binder(dialect);
  const from = fromItem(source as Record<string, unknown>, dialect, binder, fn);
  const probe = dialect.probeSql(names, from);
  let types: ColumnType[] = [];
  let empty = false;
  if (probe !== undefined) {
    const found: ColumnType[][] = [];
    await eachRow({ db, dialect }, probe, binder.values, fn, (row) => {
      found.push(names.map((_, i) => String(cell(row, i, `type${i}`))));
    });
    empty = found.length === 0;
    types = found[0] ?? [];
  }
  const [id, t, amount] = names as [string, string, string];
  const columns = empty ? { id, t: "NULL", amount: "NULL" } : dialect.log({ id, t, amount }, types, fn);
  const sql = `SELECT ${columns.id} AS customer_id, ${columns.t} AS t, ${columns.amount} AS amount
    FROM ${from} AS source_rows`;
  const log: OpenLog = { db, dialect, sql, binder, empty };
  if (options.validate !== false && !empty) await validate(log, fn);
  return log;
}

/** Counts rows without an id, a readable date or a finite amount; throws `INVALID_RECORD` if any. */
async function validate(log: OpenLog, fn: string): Promise<void> {
  const { dialect } = log;
  const count = (condition: string) =>
    `CAST(sum(CASE WHEN ${condition} THEN 1 ELSE 0 END) AS ${dialect.double})`;
  const sql = `SELECT ${count("customer_id IS NULL OR customer_id = ''")} AS bad_ids,
       ${count(`t IS NULL OR t < ${MIN_TIME} OR t > ${MAX_TIME}`)} AS bad_dates,
       ${count(`amount IS NULL OR NOT ${dialect.isFinite("amount")}`)} AS bad_amounts,
       CAST(count(*) AS ${dialect.double}) AS row_count
    FROM (${log.sql}) AS log_rows`;
  let counts: number[] = [];
  await eachRow(log, sql, log.binder.values, fn, (row) => {
    counts = ["bad_ids", "bad_dates", "bad_amounts", "row_count"].map((name, i) =>
      Number(cell(row, i, name) ?? 0),
    );
  });
  const [ids = 0, dates = 0, amounts = 0, rows = 0] = counts;
  const issues: ValidationIssue[] = [];
  if (ids) issues.push({ path: "customerId", message: `${ids} rows without a non-empty id` });
  if (dates) issues.push({ path: "date", message: `${dates} rows without a valid date` });
  if (amounts) issues.push({ path: "amount", message: `${amounts} rows without a finite amount` });
  if (issues.length > 0) {
    throw new CustomerValueError("INVALID_RECORD", `${fn}: bad rows in ${rows} rows of the source`, {
      issues,
    });
  }
}

/**
 * Collects what must never reach a result, also with `validate: false`: rows without a
 * non-empty id, numbers that are missing or not finite. `throwIfAny` reports them as
 * `INVALID_RECORD`, naming each column and the count.
 */
export class ResultCheck {
  /** Whether a grouped row has an id and a finite first and last instant and sum (counted when not). */
  group(id: unknown, first: number, last: number, total: number): id is string {
    const ok = [this.number(first + last, "time"), this.number(total, "amount")];
    return this.id(id) && !ok.includes(false);
  }

  private badIds = 0;
  private readonly badNumbers = new Map<string, number>();

  /** Whether `id` is a non-empty string (counted when not). */
  id(id: unknown): id is string {
    if (typeof id === "string" && id !== "") return true;
    this.badIds++;
    return false;
  }

  /** Whether `value` is finite (counted under `name` when not). */
  number(value: number, name: string): boolean {
    if (Number.isFinite(value)) return true;
    this.badNumbers.set(name, (this.badNumbers.get(name) ?? 0) + 1);
    return false;
  }

  throwIfAny(fn: string): void {
    const issues: ValidationIssue[] = [];
    if (this.badIds > 0) {
      issues.push({ path: "customerId", message: `${this.badIds} result rows without a non-empty id` });
    }
    for (const [name, bad] of this.badNumbers) {
      issues.push({ path: name, message: `${bad} result rows with a missing or non-finite ${name}` });
    }
    if (issues.length > 0) {
      throw new CustomerValueError(
        "INVALID_RECORD",
        `${fn}: the source has rows without an id or with a non-finite amount (run with validate: true to count them)`,
        { issues },
      );
    }
  }
}
