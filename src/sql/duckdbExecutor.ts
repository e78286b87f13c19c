import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import type { SqlExecutor, SqlParam, SqlRow } from "./executor.js";

/**
 * What the DuckDB executor needs of a connection: `DuckDBConnection` of `@duckdb/node-api`
 * fits (the module never imports it, so the core carries no dependency on DuckDB).
 * `stream` is used when present, so that large results arrive chunk by chunk.
 */
export interface DuckDBConnectionLike {
  run(sql: string, values?: SqlParam[]): Promise<unknown>;
  runAndReadAll(
    sql: string,
    values?: SqlParam[],
  ): Promise<{ getColumnsJS(): unknown[][]; columnNames(): string[] }>;
  stream?(sql: string, values?: SqlParam[]): Promise<{ yieldRowsJs(): AsyncIterable<unknown[][]> }>;
}

/** Rows of a column-major result, in batches. */
async function* rowsOfColumns(columns: unknown[][]): AsyncGenerator<SqlRow[]> {
  const n = columns[0]?.length ?? 0;
  const batch = 65_536;
  for (let from = 0; from < n; from += batch) {
    const rows: SqlRow[] = [];
    for (let i = from; i < Math.min(n, from + batch); i++) rows.push(columns.map((c) => c[i]));
    yield rows;
  }
}

/**
 * An executor over a DuckDB connection (`@duckdb/node-api`): placeholders `$1`, `$2`, …
 * bound by DuckDB itself; rows streamed in chunks when the connection can stream. Before
 * each query it sets the connection's `TimeZone` to UTC, so that dates without a zone read
 * as UTC, as in the library.
 *
 * @param connection - a `DuckDBConnection`
 * @returns `{ dialect: "duckdb", query(sql, params) }` for the functions of `customer-value/sql`
 * @throws {CustomerValueError} `INVALID_OPTION` when `connection` is not a DuckDB connection
 * @example
 * const db = duckdbExecutor(await (await DuckDBInstance.create()).connect());
 * (await customerTotalsFromSql(db, { parquet: "logs/*.parquet" })).length; // => 86551 (for instance)
 */
export function duckdbExecutor(connection: DuckDBConnectionLike): SqlExecutor {
  assertDuckDBConnection(connection, "duckdbExecutor");
  return {
    dialect: "duckdb",
    async query(sql, params) {
      await connection.run("SET TimeZone = 'UTC'");
      const values = params.slice();
      if (typeof connection.stream === "function") {
        return (await connection.stream(sql, values)).yieldRowsJs() as AsyncIterable<SqlRow[]>;
      }
      return rowsOfColumns((await connection.runAndReadAll(sql, values)).getColumnsJS());
    },
  };
}

/** Throws `INVALID_OPTION` (naming `fn`) unless `connection` looks like a DuckDB connection. */
export function assertDuckDBConnection(
  connection: unknown,
  fn: string,
): asserts connection is DuckDBConnectionLike {
  const c = connection as Partial<DuckDBConnectionLike> | null;
  if (
    typeof c !== "object" ||
    c === null ||
    typeof c.run !== "function" ||
    typeof c.runAndReadAll !== "function"
  ) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: connection must be a DuckDB connection (@duckdb/node-api), got ${describeValue(connection)}`,
    );
  }
}
