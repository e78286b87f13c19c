/**
 * The per-customer work pushed into a database: the same analysis against DuckDB,
 * PostgreSQL or a ClickHouse cluster, chosen by the first argument (or CV_ENGINE).
 *
 *   npx tsx examples/warehouse.ts duckdb                        # in process, nothing to set up
 *   CV_POSTGRES_URL=postgres://user@host/db npx tsx examples/warehouse.ts postgres
 *   CV_CLICKHOUSE_URL=http://host:8123 npx tsx examples/warehouse.ts clickhouse
 *
 * With DuckDB the example makes its own table from `generateSampleData()`. For the servers
 * it reads the table named by CV_TABLE (default `cv_sample`, which `bash .ci/warehouse.sh
 * start && bash .ci/warehouse.sh load` creates: in ClickHouse a Distributed table over two
 * shards) with columns customerId, date, amount. Only a few rows per customer come back.
 */
import { createClient } from "@clickhouse/client";
import { DuckDBInstance } from "@duckdb/node-api";
import pg from "pg";
import { cohortRetention, generateSampleData, paretoSplit } from "customer-value";
import { fitBgNbd } from "customer-value/models";
import {
  clickhouseExecutor,
  customerPeriodTableFromSql,
  customerTotalsFromSql,
  duckdbExecutor,
  eachLifecycleBatchFromSql,
  lifecycleStageCountsFromSql,
  periodActivityFromSql,
  postgresExecutor,
  rfmSummaryFromSql,
  type SqlExecutor,
  type SqlSource,
} from "customer-value/sql";

const engine = process.argv[2] ?? process.env.CV_ENGINE ?? "duckdb";
const sample = generateSampleData();

/** The executor and the source for the chosen engine, and how to let go of it. */
async function connect(): Promise<{ db: SqlExecutor; source: SqlSource; close: () => Promise<void> }> {
  const table = process.env.CV_TABLE ?? "cv_sample";
  if (engine === "duckdb") {
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    await connection.run("CREATE TABLE log (customerId VARCHAR, date TIMESTAMPTZ, amount DOUBLE)");
    const appender = await connection.createAppender("log");
    for (const t of sample.transactions) {
      appender.appendVarchar(t.customerId);
      appender.appendVarchar(t.date);
      appender.appendDouble(t.amount);
      appender.endRow();
    }
    appender.closeSync();
    return {
      db: duckdbExecutor(connection),
      source: { table: "log" },
      close: async () => connection.closeSync(),
    };
  }
  if (engine === "postgres") {
    const pool = new pg.Pool({ connectionString: process.env.CV_POSTGRES_URL });
    return { db: postgresExecutor(pool), source: { table }, close: () => pool.end() };
  }
  if (engine === "clickhouse") {
    const client = createClient({ url: process.env.CV_CLICKHOUSE_URL ?? "http://127.0.0.1:8123" });
    return { db: clickhouseExecutor(client), source: { table }, close: () => client.close() };
  }
  throw new Error(`unknown engine ${engine}: use duckdb, postgres or clickhouse`);
}

const { db, source, close } = await connect();
try {
  const started = performance.now();

  // Concentration: one row of totals per customer.
  const totals = await customerTotalsFromSql(db, source);
  const split = paretoSplit(
    totals.filter((c) => c.purchases > 0),
    { value: "purchases" },
  );
  console.log(
    `${engine}: ${totals.length} customers; the top ${split.headCount} hold ${(100 * split.headValueShare).toFixed(1)}% of purchases`,
  );

  // A buy-till-you-die model on the RFM summary grouped in SQL.
  const summary = await rfmSummaryFromSql(db, source, { unit: "week" });
  const model = fitBgNbd(summary);
  console.log(
    `BG/NBD on ${summary.length} customers: r = ${model.r.toFixed(3)}, alpha = ${model.alpha.toFixed(3)}`,
  );

  // Growth accounting: grouped in SQL, counted a batch of customers at a time.
  const last = (await periodActivityFromSql(db, source, { period: "month" })).at(-1);
  console.log(`${last?.period}: ${last?.active} active, ${last?.new} new, ${last?.churned} churned`);

  // Cohorts on a customer-month table (a few rows per customer and month).
  const months = await customerPeriodTableFromSql(db, source, { period: "month" });
  const [first] = cohortRetention(months, { period: "month" });
  console.log(
    `cohort ${first?.cohort}: ${first?.size} customers, ${first?.retention.length} months followed`,
  );

  // Lifecycle stages: the facts grouped in SQL, the rules in the library, only counts kept.
  const stages = await lifecycleStageCountsFromSql(db, source, sample.customers, {
    asOf: sample.asOf,
    unknownCustomers: "report", // customers of the table missing from the list are classified too
  });
  console.log(`stages at ${sample.asOf} of ${stages.customers} customers:`, stages.stages);

  // One row per customer, written out as the batches come.
  let written = 0;
  const report = { asOf: sample.asOf, unknownCustomers: "report" } as const;
  await eachLifecycleBatchFromSql(db, source, sample.customers, report, (rows) => {
    written += rows.length; // e.g. append rows to a file or a table here
  });
  console.log(`${written} lifecycle rows handed on in batches`);
  console.log(`(${Math.round(performance.now() - started)} ms)`);
} finally {
  await close();
}
