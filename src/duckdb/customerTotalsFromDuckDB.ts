import { DIALECTS } from "../sql/dialects.js";
import { customerTotalsIn, customerTotalsSqlFor } from "../sql/customerTotalsFromSql.js";
import { assertDuckDBConnection, duckdbExecutor } from "../sql/duckdbExecutor.js";
import { Binder } from "../sql/source.js";
import type { CustomerTotal } from "../value/customerTotals.js";
import type { DuckDBConnectionLike, DuckDBSource, DuckDBSourceOptions } from "./source.js";

export type { CustomerTotal } from "../value/customerTotals.js";

/**
 * The SQL {@link customerTotalsFromDuckDB} runs over the checked log `log` (columns
 * `customer_id`, `t`, `amount`), for the docs.
 *
 * @deprecated `customer-value/sql` writes this query for every dialect; docs/warehouse.md shows it.
 */
export function customerTotalsSql(log: string): string {
  return customerTotalsSqlFor(DIALECTS.duckdb, log, new Binder(DIALECTS.duckdb));
}

/**
 * Per-customer totals computed inside DuckDB: one row per customer `{ id, value, purchases,
 * transactions }`, equal to `customerTotals` on the same log — the input of `paretoSplit`,
 * `abcClassify`, `lorenzCurve`, `gini`, `concentrationSummary` (with `value: "value"`), and
 * — as a `Map` of id to value — of `valueWeightedSatisfaction`. Rows are sorted by id
 * (plain string order). The same as `customerTotalsFromSql(duckdbExecutor(connection), …)`.
 *
 * @param connection - a `DuckDBConnection` of `@duckdb/node-api` (its TimeZone is set to UTC)
 * @param source - `{ csv }`, `{ parquet }`, `{ table }` or `{ sql }`
 * @param options - `columns`, `validate`
 * @returns one row per customer
 * @throws {CustomerValueError} `INVALID_RECORD` for bad rows; `INVALID_OPTION` for a bad source or column name
 * @example
 * const totals = await customerTotalsFromDuckDB(db, { csv: "transactions.csv" });
 * paretoSplit(totals.filter((c) => c.value > 0), { value: "value" }).headValueShare; // => 0.8 (for instance)
 */
export function customerTotalsFromDuckDB(
  connection: DuckDBConnectionLike,
  source: DuckDBSource,
  options: DuckDBSourceOptions = {},
): Promise<CustomerTotal[]> {
  const fn = "customerTotalsFromDuckDB";
  return Promise.resolve().then(() => {
    assertDuckDBConnection(connection, fn);
    return customerTotalsIn(duckdbExecutor(connection), source, options, fn);
  });
}
