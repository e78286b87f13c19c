/**
 * The warehouse pushdown (`customer-value/sql`) at scale: a log of bench/data.ts (10M
 * transactions by default) in the ClickHouse cluster (Distributed over two shards), in
 * PostgreSQL and in DuckDB (a Parquet file), beside the in-memory path (the CSV read into
 * a TransactionTable). Each computation runs once in a process of its own, which reports
 * its time and its peak resident memory (the whole Node process), on the built package
 * (bench/warehouse-child.mjs).
 *
 *   npm run build
 *   bash .ci/warehouse.sh start && eval "$(bash .ci/warehouse.sh env)"
 *   npx tsx bench/warehouse.ts [--size 10000000] [--dir /tmp/customer-value-bench-warehouse] [--no-write]
 *   bash .ci/warehouse.sh stop
 *
 * The table goes to stdout and into bench/RESULTS.md, between the lines
 * `<!-- warehouse:start -->` and `<!-- warehouse:end -->`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..");
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};

/**
 * What each row of the table computes, per path. The rows after the first four return a
 * row per customer and period, or per customer, to the Node process: no in-memory cell.
 */
const COMPUTATIONS = {
  totals: "per-customer totals (`customerTotals` / `customerTotalsFromSql`)",
  rfm: "RFM summary by day (`rfmSummary` / `rfmSummaryFromSql`)",
  months: "monthly activity (`periodActivity` / `periodActivityFromSql`)",
  stages: "lifecycle stage counts at the end (`classifyLifecycles`, counted / `lifecycleStageCountsFromSql`)",
  monthsTable: "monthly activity through the table (`customerPeriodTableFromSql`, then `periodActivity`)",
  lifecycleRows: "lifecycle rows, one per customer (`classifyLifecyclesFromSql`)",
} as const;
type Computation = keyof typeof COMPUTATIONS;
const PATHS = ["in-memory", "clickhouse", "postgres", "duckdb"] as const;
const IN_MEMORY: readonly Computation[] = ["totals", "rfm", "months", "stages"];
const pathsOf = (c: Computation) => PATHS.filter((p) => p !== "in-memory" || IN_MEMORY.includes(c));

interface Measure {
  readonly ms: number;
  readonly baseMB: number;
  readonly peakMB: number;
  readonly rows: number;
}

const size = Number(arg("size", "10000000"));
const dir = join(arg("dir", "/tmp/customer-value-bench-warehouse"), String(size));
const write = !process.argv.includes("--no-write");
if (!existsSync(join(root, "dist/sql.js"))) throw new Error("dist/ is missing: run npm run build first");
for (const name of ["CV_POSTGRES_URL", "CV_CLICKHOUSE_URL"]) {
  if (!process.env[name])
    throw new Error(`${name} is not set: run eval "$(bash .ci/warehouse.sh env)" first`);
}

if (!existsSync(join(dir, "meta.json"))) {
  console.error(`writing ${size} transactions to ${dir}`);
  execFileSync("npx", ["tsx", join(here, "data.ts"), String(size), dir], { cwd: root, stdio: "inherit" });
}
const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as {
  transactions: number;
  customers: number;
};
const csv = join(dir, "transactions.csv");
if (!existsSync(join(dir, "loaded"))) {
  console.error("loading the log into PostgreSQL and the ClickHouse cluster");
  execFileSync("bash", [join(root, ".ci/warehouse.sh"), "load-file", "cv_bench", csv], { stdio: "inherit" });
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  await connection.run(
    "COPY (SELECT customerId, CAST(date AS TIMESTAMPTZ) AS date, amount FROM read_csv($1, header = true)) TO '" +
      join(dir, "transactions.parquet").replaceAll("'", "''") +
      "' (FORMAT parquet)",
    [csv],
  );
  connection.closeSync();
  writeFileSync(join(dir, "loaded"), new Date().toISOString());
}

const started = new Date();
const loadAtStart = loadavg();
const results = new Map<string, Measure>();
for (const computation of Object.keys(COMPUTATIONS) as Computation[]) {
  for (const path of pathsOf(computation)) {
    const child = spawnSync(process.execPath, [join(here, "warehouse-child.mjs"), path, computation, dir], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 1 << 20,
      env: process.env,
    });
    if (child.status !== 0) throw new Error(`${path} ${computation} failed:\n${child.stderr}`);
    const measure = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Measure;
    results.set(`${path} ${computation}`, measure);
    console.error(
      `${computation} ${path}: ${measure.ms.toFixed(0)} ms, ${measure.peakMB.toFixed(0)} MB, ${measure.rows} rows`,
    );
  }
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));
const lines = [
  "## Warehouse pushdown",
  "",
  `Written by \`npx tsx bench/warehouse.ts\` (bench/warehouse.ts); ${meta.transactions} transactions of`,
  `${meta.customers} customers (bench/data.ts), run ${started.toISOString()}, load average at start`,
  `${loadAtStart.map((x) => x.toFixed(2)).join(" / ")}, ${cpus().length} logical cores. Each cell is one run in a`,
  "process of its own: time of the call in ms, then the peak resident memory of that Node",
  "process in MB. In-memory: the CSV read into a `TransactionTable` (its time apart, below the",
  "table; its memory is in every in-memory cell), then the library's function. ClickHouse:",
  "two shards on this machine, queried through the Distributed table; PostgreSQL 15; DuckDB",
  "over a Parquet file, inside the Node process with `memory_limit` 160MB (it spills to disk",
  "beyond); the servers run beside the bench. What the Node process holds is one row per",
  "customer (totals, RFM), or one batch of customers at a time (monthly activity and stage",
  "counts read the grouped rows sorted by customer); the last two rows keep a few rows per",
  "customer and active month, or a result row per customer, so their memory follows those.",
  "",
  "| computation | in-memory | ClickHouse (2 shards) | PostgreSQL | DuckDB |",
  "| --- | ---: | ---: | ---: | ---: |",
];
for (const computation of Object.keys(COMPUTATIONS) as Computation[]) {
  const cells = PATHS.map((path) => {
    const m = results.get(`${path} ${computation}`);
    return m === undefined ? "—" : `${fmt(m.ms)} ms, ${fmt(m.peakMB)} MB`;
  });
  lines.push(`| ${COMPUTATIONS[computation]} | ${cells.join(" | ")} |`);
}
const read = results.get("in-memory totals") as (Measure & { readMs?: number }) | undefined;
if (read?.readMs !== undefined)
  lines.push("", `Reading the CSV into a TransactionTable (in-memory path): ${fmt(read.readMs)} ms.`);
const section = lines.join("\n");
console.log(section);

if (write) {
  const file = join(here, "RESULTS.md");
  const text = readFileSync(file, "utf8");
  const start = "<!-- warehouse:start -->";
  const end = "<!-- warehouse:end -->";
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const body =
    from >= 0 && to > from
      ? `${text.slice(0, from + start.length)}\n${section}\n${text.slice(to)}`
      : `${text.trimEnd()}\n\n${start}\n${section}\n${end}\n`;
  writeFileSync(file, body);
  console.error(`wrote the warehouse section of ${file}`);
}
