/**
 * Shared plumbing of the DuckDB adapter: what a source is, how it becomes one SQL
 * relation of checked `customerId`, `date`, `amount` columns, and how results come back.
 */
import { CustomerValueError, type ValidationIssue } from "../errors/CustomerValueError.js";
import { assertOptions } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";

/**
 * Where the transactions are: CSV or Parquet files (a path, a glob such as
 * `"logs/*.parquet"`, or a list), a table or view of the connection, or any `SELECT`.
 */
export type DuckDBSource =
  | { readonly csv: string | readonly string[] }
  | { readonly parquet: string | readonly string[] }
  | { readonly table: string }
  | { readonly sql: string };

/** Column names in the source (defaults: `customerId`, `date`, `amount`). */
export interface DuckDBColumns {
  readonly customerId?: string;
  readonly date?: string;
  readonly amount?: string;
}

/**
 * What the adapter needs of a connection: `DuckDBConnection` of `@duckdb/node-api` fits
 * (the adapter never imports it, so the core carries no dependency on DuckDB).
 */
export interface DuckDBConnectionLike {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getColumnsJS(): unknown[][]; columnNames(): string[] }>;
}

/** Options every adapter function takes. */
export interface DuckDBSourceOptions {
  /** Column names in the source (defaults: `customerId`, `date`, `amount`). */
  readonly columns?: DuckDBColumns;
  /**
   * Check every row first (default `true`): ids non-empty, dates readable, amounts
   * finite; any bad row makes the call throw `INVALID_RECORD` with the counts.
   */
  readonly validate?: boolean;
}

/** `'text'` as an SQL string literal. */
export const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
/** `"name"` as an SQL identifier. */
export const identifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

const files = (value: unknown, where: string): string => {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((f) => typeof f === "string" && f !== "")) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${where} must be a file path or a non-empty list of paths, got ${describeValue(value)}`,
    );
  }
  return `[${list.map(literal).join(", ")}]`;
};

/** The `FROM` item of a source. */
function fromItem(source: DuckDBSource, fn: string): string {
  if (typeof source === "object" && source !== null) {
    if ("csv" in source) return `read_csv(${files(source.csv, `${fn}: source.csv`)}, header = true)`;
    if ("parquet" in source) return `read_parquet(${files(source.parquet, `${fn}: source.parquet`)})`;
    if ("table" in source && typeof source.table === "string" && source.table !== "") {
      return source.table.split(".").map(identifier).join(".");
    }
    if ("sql" in source && typeof source.sql === "string" && source.sql.trim() !== "")
      return `(${source.sql})`;
  }
  throw new CustomerValueError(
    "INVALID_OPTION",
    `${fn}: source must be { csv }, { parquet }, { table } or { sql }, got ${describeValue(source)}`,
  );
}

/**
 * The SQL of the checked log: `customerId` (VARCHAR), `date` (TIMESTAMPTZ), `amount`
 * (DOUBLE), plus `day` (whole UTC days since 1970-01-01). Unreadable cells become NULL
 * (`TRY_CAST`) so that validation can count them.
 */
export function logSql(source: DuckDBSource, options: DuckDBSourceOptions, fn: string): string {
  assertOptions(options, fn);
  const { customerId = "customerId", date = "date", amount = "amount" } = options.columns ?? {};
  for (const [name, value] of Object.entries({ customerId, date, amount })) {
    if (typeof value !== "string" || value === "") {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `${fn}: columns.${name} must be a column name, got ${describeValue(value)}`,
      );
    }
  }
  return `SELECT TRY_CAST(${identifier(customerId)} AS VARCHAR) AS customerId,
      TRY_CAST(${identifier(date)} AS TIMESTAMPTZ) AS date,
      TRY_CAST(${identifier(amount)} AS DOUBLE) AS amount
    FROM ${fromItem(source, fn)}`;
}

/**
 * Prepares the connection (UTC calendar, as the library's) and, unless `validate` is
 * `false`, counts bad rows; throws `INVALID_RECORD` when there are any.
 */
export async function prepare(
  connection: DuckDBConnectionLike,
  log: string,
  options: DuckDBSourceOptions,
  fn: string,
): Promise<void> {
  if (
    typeof connection !== "object" ||
    connection === null ||
    typeof connection.runAndReadAll !== "function"
  ) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: connection must be a DuckDB connection (@duckdb/node-api), got ${describeValue(connection)}`,
    );
  }
  await connection.run("SET TimeZone = 'UTC'");
  if (options.validate === false) return;
  const [ids, dates, amounts, rows] = await columns(
    connection,
    `SELECT
       CAST(count(*) FILTER (WHERE customerId IS NULL OR customerId = '') AS DOUBLE),
       CAST(count(*) FILTER (WHERE date IS NULL OR year(date) NOT BETWEEN 0 AND 9999) AS DOUBLE),
       CAST(count(*) FILTER (WHERE amount IS NULL OR NOT isfinite(amount)) AS DOUBLE),
       CAST(count(*) AS DOUBLE)
     FROM (${log})`,
    fn,
  );
  const issues: ValidationIssue[] = [];
  if (ids![0]) issues.push({ path: "customerId", message: `${ids![0]} rows without a non-empty id` });
  if (dates![0]) issues.push({ path: "date", message: `${dates![0]} rows without a valid date` });
  if (amounts![0]) issues.push({ path: "amount", message: `${amounts![0]} rows without a finite amount` });
  if (issues.length > 0) {
    throw new CustomerValueError("INVALID_RECORD", `${fn}: bad rows in ${rows![0]} rows of the source`, {
      issues,
    });
  }
}

/**
 * Runs a query and returns its columns as plain JavaScript arrays. DuckDB's errors about
 * the caller's source are said as the library's: a column or table the source does not
 * have (Binder / Catalog Error) is `UNKNOWN_NAME`, SQL that does not parse is
 * `INVALID_OPTION`; other errors (I/O, a closed connection) pass as DuckDB threw them.
 */
export async function columns(
  connection: DuckDBConnectionLike,
  sql: string,
  fn: string,
): Promise<unknown[][]> {
  let reader: Awaited<ReturnType<DuckDBConnectionLike["runAndReadAll"]>>;
  try {
    reader = await connection.runAndReadAll(sql);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = /^(Binder|Catalog) Error/.test(message)
      ? "UNKNOWN_NAME"
      : /^Parser Error/.test(message)
        ? "INVALID_OPTION"
        : undefined;
    if (code === undefined) throw error;
    throw new CustomerValueError(code, `${fn}: DuckDB could not read the source: ${message}`, {
      cause: error,
    });
  }
  return reader.getColumnsJS();
}

/**
 * Checks what DuckDB returned, so that nothing unusable reaches a result even with
 * `validate: false` (which skips the row counts, not this): ids non-empty strings,
 * every number column finite. Throws `INVALID_RECORD` naming the column and the count.
 */
export function checkResult(ids: unknown[], numbers: Record<string, unknown[]>, fn: string): void {
  const issues: ValidationIssue[] = [];
  const badIds = ids.filter((id) => typeof id !== "string" || id === "").length;
  if (badIds > 0)
    issues.push({ path: "customerId", message: `${badIds} result rows without a non-empty id` });
  for (const [name, column] of Object.entries(numbers)) {
    const bad = column.filter((v) => typeof v !== "number" || !Number.isFinite(v)).length;
    if (bad > 0)
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
