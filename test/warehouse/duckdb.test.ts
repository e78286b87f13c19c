/**
 * The pushdown in DuckDB (in process, no server): the sample log as a table of text cells,
 * and the 1M-row log read straight from its CSV file.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { duckdbExecutor } from "customer-value/sql";
import { engineSuite, SERVERS } from "./fixtures.js";
import { sampleCsv } from "./sample.js";

engineSuite("DuckDB", true, async () => {
  const dir = mkdtempSync(join(tmpdir(), "cv-warehouse-duckdb-"));
  const csv = join(dir, "sample.csv");
  writeFileSync(csv, sampleCsv());
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(
    "CREATE TABLE cv_sample AS SELECT * FROM read_csv($1, header = true, all_varchar = true)",
    [csv],
  );
  return {
    db: duckdbExecutor(connection),
    sample: { table: "cv_sample" },
    ...(SERVERS.data ? { million: { csv: join(SERVERS.data, "log-1m", "transactions.csv") } } : {}),
    async close() {
      connection.closeSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
