/**
 * What the DuckDB adapter takes: its sources, column names, options and connections. The
 * work itself is `customer-value/sql`'s, run through `duckdbExecutor`.
 */
import type { SqlColumns, SqlSourceOptions } from "../sql/source.js";

export type { DuckDBConnectionLike } from "../sql/duckdbExecutor.js";

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
export type DuckDBColumns = SqlColumns;

/** Options every adapter function takes: `columns` and `validate` (default `true`). */
export type DuckDBSourceOptions = SqlSourceOptions;
