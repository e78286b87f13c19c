/**
 * What the warehouse functions need of a database: a dialect name and one method that runs
 * a query with bound parameters. The ready adapters (`duckdbExecutor`, `postgresExecutor`,
 * `clickhouseExecutor`) wrap the usual Node clients; any other client fits in a few lines.
 */
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";

/** The SQL dialects the module writes: DuckDB, PostgreSQL and ClickHouse (18.16 and later). */
export const SQL_DIALECTS = ["duckdb", "postgres", "clickhouse"] as const;
/** One of {@link SQL_DIALECTS}. */
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/** A value bound to a placeholder of the generated SQL: a finite number or a string. */
export type SqlParam = number | string;

/**
 * One result row: its cells in the order of the query's `SELECT` list (an array), or by
 * column name (an object; the module names every result column in lower case).
 */
export type SqlRow = readonly unknown[] | Readonly<Record<string, unknown>>;

/** A query's rows: all at once, or in batches as they arrive (streamed, for large results). */
export type SqlRows = readonly SqlRow[] | AsyncIterable<readonly SqlRow[]>;

/**
 * A database the warehouse functions can query. `query` runs one `SELECT` whose
 * placeholders are written in the dialect's own syntax (`$1` in DuckDB and PostgreSQL,
 * `{p1:Float64}` in ClickHouse) with `params[0]` bound to the first, and resolves to its
 * rows. Numbers in results may come as numbers, bigints or numeric strings.
 */
export interface SqlExecutor {
  readonly dialect: SqlDialect;
  query(sql: string, params: readonly SqlParam[]): Promise<SqlRows>;
}

/** Throws `INVALID_OPTION` unless `db` is an {@link SqlExecutor} of a known dialect. */
export function assertExecutor(db: unknown, fn: string): asserts db is SqlExecutor {
  const candidate = db as Partial<SqlExecutor> | null;
  if (
    typeof candidate !== "object" ||
    candidate === null ||
    typeof candidate.query !== "function" ||
    !SQL_DIALECTS.includes(candidate.dialect as SqlDialect)
  ) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: db must be { dialect: "duckdb" | "postgres" | "clickhouse", query(sql, params) } (see duckdbExecutor, postgresExecutor, clickhouseExecutor), got ${describeValue(db)}`,
    );
  }
}

/** Rows in batches, whichever form the executor returned them in; anything else is `INVALID_OPTION`. */
export async function* batchesOf(rows: SqlRows, fn: string): AsyncGenerator<readonly SqlRow[]> {
  if (Array.isArray(rows)) {
    yield rows as readonly SqlRow[];
    return;
  }
  if (typeof rows === "object" && rows !== null && Symbol.asyncIterator in rows) {
    for await (const batch of rows as AsyncIterable<readonly SqlRow[]>) yield batch;
    return;
  }
  throw new CustomerValueError(
    "INVALID_OPTION",
    `${fn}: db.query must resolve to an array of rows or an async iterable of row batches, got ${describeValue(rows)}`,
  );
}

/** Cell `i` of a row, by position (array rows) or by `name` (object rows). */
export function cell(row: SqlRow, i: number, name: string): unknown {
  return Array.isArray(row) ? row[i] : (row as Readonly<Record<string, unknown>>)[name];
}

/** A numeric cell as a number: numbers as they are, bigints and numeric strings converted; else `NaN`. */
export function numberOf(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" && value.trim() !== "") return Number(value);
  return Number.NaN;
}
