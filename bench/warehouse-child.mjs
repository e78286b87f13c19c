/**
 * One measurement of bench/warehouse.ts, in a process of its own: one computation on one
 * path (in memory, or pushed into ClickHouse, PostgreSQL or DuckDB), its time and the
 * process's peak resident memory. Plain JavaScript on the built package (dist/), as an
 * installed copy runs, so that no TypeScript loader adds to the memory measured.
 *
 *   node bench/warehouse-child.mjs <in-memory|clickhouse|postgres|duckdb> <computation> <dir>
 *
 * computation: totals, rfm, months, monthsTable, stages, lifecycleRows (bench/warehouse.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [path, computation, dir] = process.argv.slice(2);
const baseMB = process.memoryUsage().rss / 1024 / 1024;
const { asOf } = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8"));

/** The in-memory path: the CSV read into a TransactionTable, then the library's function. */
async function inMemory() {
  const { classifyLifecycles, customerTotals, periodActivity, rfmSummary, transactionTableFromCsv } =
    await import("customer-value");
  const t0 = performance.now();
  const log = transactionTableFromCsv(readFileSync(join(dir, "transactions.csv")));
  const readMs = performance.now() - t0;
  const t1 = performance.now();
  const result =
    computation === "totals"
      ? customerTotals(log)
      : computation === "rfm"
        ? rfmSummary(log)
        : computation === "months"
          ? periodActivity(log, { period: "month" })
          : classifyLifecycles([], log, { asOf, unknownCustomers: "report" });
  if (computation === "stages") {
    // The counts lifecycleStageCountsFromSql returns.
    const counts = new Map();
    for (const row of result) counts.set(row.stage, (counts.get(row.stage) ?? 0) + 1);
    return { ms: performance.now() - t1, readMs, rows: [...counts.values()].reduce((a, b) => a + b, 0) };
  }
  return { ms: performance.now() - t1, readMs, rows: result.length };
}

/** A pushdown path: the call of customer-value/sql (and the library's function on its table). */
async function pushdown(db, source) {
  const sql = await import("customer-value/sql");
  // The package root (and mathjs with it) only where its functions run on the result.
  const core = computation === "monthsTable" ? await import("customer-value") : undefined;
  const lifecycle = { asOf, unknownCustomers: "report" };
  const t = performance.now();
  let rows;
  if (computation === "totals") rows = (await sql.customerTotalsFromSql(db, source)).length;
  else if (computation === "rfm") rows = (await sql.rfmSummaryFromSql(db, source)).length;
  else if (computation === "months")
    rows = (await sql.periodActivityFromSql(db, source, { period: "month" })).length;
  else if (computation === "monthsTable") {
    const table = await sql.customerPeriodTableFromSql(db, source, { period: "month" });
    rows = table.length;
    core.periodActivity(table, { period: "month" });
  } else if (computation === "stages")
    rows = (await sql.lifecycleStageCountsFromSql(db, source, [], lifecycle)).customers;
  else rows = (await sql.classifyLifecyclesFromSql(db, source, [], lifecycle)).length;
  return { ms: performance.now() - t, rows };
}

// Each client is imported only by the path that uses it, so that a path's memory holds no other.
let measure;
if (path === "in-memory") {
  measure = await inMemory();
} else if (path === "clickhouse") {
  const { clickhouseExecutor } = await import("customer-value/sql");
  const { createClient } = await import("@clickhouse/client");
  // Long queries at 10M on a busy machine: the client's 30 s default would cut them off.
  const client = createClient({
    url: process.env.CV_CLICKHOUSE_URL,
    request_timeout: 900_000,
    log: { level: 127 },
  });
  measure = await pushdown(clickhouseExecutor(client), { table: "cv_bench" });
  await client.close();
} else if (path === "postgres") {
  const { postgresExecutor } = await import("customer-value/sql");
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: process.env.CV_POSTGRES_URL, max: 1 });
  measure = await pushdown(postgresExecutor(pool), { table: "cv_bench" });
  await pool.end();
} else {
  const { duckdbExecutor } = await import("customer-value/sql");
  const { DuckDBInstance } = await import("@duckdb/node-api");
  // DuckDB runs inside this process: its memory limit (it spills to disk beyond) bounds the path.
  const connection = await (
    await DuckDBInstance.create(":memory:", {
      memory_limit: "160MB",
      temp_directory: join(dir, "duckdb-spill"),
    })
  ).connect();
  measure = await pushdown(duckdbExecutor(connection), { parquet: join(dir, "transactions.parquet") });
  connection.closeSync();
}
console.log(JSON.stringify({ ...measure, baseMB, peakMB: process.resourceUsage().maxRSS / 1024 }));
