import type { Period } from "../internal/dates.js";
import {
  type CustomerPeriodTableFromSqlOptions,
  customerPeriodSqlFor,
  customerPeriodTableIn,
} from "../sql/customerPeriodTableFromSql.js";
import { DIALECTS } from "../sql/dialects.js";
import { assertDuckDBConnection, duckdbExecutor } from "../sql/duckdbExecutor.js";
import type { TransactionTable } from "../table/TransactionTable.js";
import type { DuckDBConnectionLike, DuckDBSource } from "./source.js";

/** Options of {@link customerPeriodTableFromDuckDB}. */
export type CustomerPeriodTableFromDuckDBOptions = CustomerPeriodTableFromSqlOptions;

/**
 * The SQL {@link customerPeriodTableFromDuckDB} runs over the checked log `log` (columns
 * `customer_id`, `t`, `amount`), for the docs.
 *
 * @deprecated `customer-value/sql` writes this query for every dialect; docs/warehouse.md shows it.
 */
export function customerPeriodSql(log: string, period: Period): string {
  return customerPeriodSqlFor(DIALECTS.duckdb, log, period);
}

/**
 * A customer-period summary of a log, computed inside DuckDB and returned as a
 * `TransactionTable` that `periodActivity` and `cohortRetention` read exactly as the full
 * log (with the same `period`, in UTC): per customer and period, one row for the purchases
 * (`amount > 0`, summed) and one for the other rows (returns and zero amounts, summed),
 * each dated at the first of its rows, plus one row of amount 0 at the log's last instant.
 * The same as `customerPeriodTableFromSql(duckdbExecutor(connection), …)`.
 *
 * @param connection - a `DuckDBConnection` of `@duckdb/node-api` (its TimeZone is set to UTC)
 * @param source - `{ csv }`, `{ parquet }`, `{ table }` or `{ sql }`
 * @param options - `period` (default `"month"`), `columns`, `validate`
 * @returns the reduced log as a `TransactionTable`
 * @throws {CustomerValueError} `INVALID_RECORD` for bad rows; `INVALID_OPTION` for a bad source, column or period
 * @example
 * const table = await customerPeriodTableFromDuckDB(db, { parquet: "logs/*.parquet" }, { period: "month" });
 * periodActivity(table, { period: "month" }).length; // => 24 (for instance)
 */
export function customerPeriodTableFromDuckDB(
  connection: DuckDBConnectionLike,
  source: DuckDBSource,
  options: CustomerPeriodTableFromDuckDBOptions = {},
): Promise<TransactionTable> {
  const fn = "customerPeriodTableFromDuckDB";
  return Promise.resolve().then(() => {
    assertDuckDBConnection(connection, fn);
    return customerPeriodTableIn(duckdbExecutor(connection), source, options, fn);
  });
}
