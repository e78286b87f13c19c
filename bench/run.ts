/**
 * The performance bench: this library, pandas, polars and DuckDB, side by side, in one run.
 *
 *   npm run bench                                   # 10k, 100k, 1M and 10M transactions
 *   npx tsx bench/run.ts --sizes 10k,100k --runs 3  # a quick run
 *   npx tsx bench/run.ts --no-write                 # print only, leave bench/RESULTS.md alone
 *
 * For each size it writes the data once (bench/data.ts, cached in the system temp folder),
 * then runs each engine in its own process, one after the other, so that process start,
 * imports and the other engines' memory are not measured: the library on a
 * `TransactionTable` (bench/lib_bench.ts) and on arrays of records
 * (bench/lib_records_bench.ts), both on the built package (dist/, as an installed copy
 * resolves it: bench/tsconfig.dist.json); pandas (bench/pandas_bench.py, /usr/bin/python3);
 * polars (bench/polars_bench.ts); DuckDB (bench/duckdb_bench.ts). Each calls every
 * computation `--warmup` times (timed apart; the first reported as "first calls"), then
 * `--runs` times, and reports the median and its peak resident memory. The library's
 * table process runs `--library-passes` times per size (its records process
 * `--records-passes` times), in passes over all sizes, and its figures pool the passes.
 * The tables go to stdout and, with the machine, to bench/RESULTS.md; the summary also to
 * docs/performance.md when the run covers 1M and 10M.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "simple-statistics";
import {
  COMPUTATIONS,
  checkTable,
  type EngineResult,
  firstCallTable,
  label,
  markedSections,
  poolPasses,
  RECORD_ROWS,
  replaceSection,
  type SizeResult,
  scalingTable,
  sizeTable,
  summaryTable,
} from "./report.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const parseSize = (s: string) => {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s.trim());
  if (!m) throw new Error(`bad size ${s}`);
  return Math.round(
    Number(m[1]) * (m[2]?.toLowerCase() === "k" ? 1e3 : m[2]?.toLowerCase() === "m" ? 1e6 : 1),
  );
};
const whole = (name: string, fallback: number, min: number) => {
  const value = Number(flag(name) ?? fallback);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number >= ${min}, got ${flag(name)}`);
  return value;
};
const sizes = (flag("--sizes") ?? "10k,100k,1M,10M").split(",").map(parseSize);
const runs = whole("--runs", 3, 1);
/**
 * Library processes per size: the first beside the other engines, the next ones in later
 * passes over all sizes, so that a slow phase of a shared machine weighs on every size.
 * Three, so that the pooled median (the fifth of nine runs) comes from a process at the
 * machine's usual speed even when one whole process was slow.
 */
const libraryPasses = whole("--library-passes", 3, 1);
/** Processes of the records side per size (each builds millions of records first: slow to start). */
const recordsPasses = whole("--records-passes", 1, 1);
/**
 * Calls before the timed runs: two, because the first call compiles the library's code as
 * it runs, and the second compiles it again (the full collection made before each call
 * discards the loop code compiled on-stack in the first).
 */
const warmup = whole("--warmup", 2, 0);
/** The records process's heap limit: 10M records and their columns take several GB. */
const recordsHeapMB = whole("--records-heap-mb", 8192, 512);
const dataRoot = flag("--data") ?? join(tmpdir(), "customer-value-bench");
const python = flag("--python") ?? "/usr/bin/python3";
const write = !args.includes("--no-write");

const DESCRIPTIONS: Record<string, string> = {
  ingest:
    "CSV file -> checked columns (library: `transactionTableFromCsv`; pandas: `read_csv` + `to_datetime` + checks; polars: `readCSV` + `strptime` + checks; DuckDB: `read_csv` into a table + checks)",
  rfmSummary: "per-customer frequency / recency / T / monetary value over day-level purchases",
  periodActivity: "per month: active, new, retained, reactivated, churned, rates, revenue",
  cohortRetention: "monthly cohorts: classic retention and revenue retention",
  "paretoSplit+gini": "top-20% split and Gini of per-customer totals",
  classifyLifecycles: "lifecycle stage of every customer at the end of the history",
  valueWeightedSatisfaction:
    "plain and value-weighted mean per indicator, one response per 10 transactions (adjusted scores: one object per respondent, polars: a DataFrame)",
  fitBgNbd:
    "BG/NBD maximum-likelihood fit on the RFM summary (pandas side: numpy + scipy Nelder-Mead; none in polars and DuckDB)",
  "… (records)":
    "the same computation on an array of records as `validateTransactions` returns them (ISO-string dates), or, for paretoSplit + gini, on an array of `{ id, revenue }` objects; the other engines' columns repeat their time for the computation",
  "read records into a table": "`transactionTable(records)` on the validated records",
};

function run(command: string, commandArgs: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(command, commandArgs, {
    encoding: "utf8",
    env: { ...process.env, ...env },
    cwd: join(here, ".."),
    maxBuffer: 1 << 28,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (r.status !== 0) {
    throw new Error(`${command} ${commandArgs.join(" ")} failed (${r.status}):\n${r.stderr}`);
  }
  return r.stdout;
}

function engine(command: string, commandArgs: string[], name: string, env: Record<string, string> = {}) {
  try {
    const out = run(command, commandArgs, env).trim().split("\n");
    return JSON.parse(out[out.length - 1]!) as EngineResult;
  } catch (error) {
    console.error(String(error));
    return { engine: name, timings: {}, all: {}, peakRssMB: Number.NaN, check: {}, error: String(error) };
  }
}

const tsx = join(here, "..", "node_modules", ".bin", "tsx");
console.error("building the package (npm run build) ...");
run("npm", ["run", "build"]);
/** The library's bench scripts import `customer-value` from dist/, as users do. */
const builtPackage = { TSX_TSCONFIG_PATH: join(here, "tsconfig.dist.json") };
/**
 * What first touching fresh memory costs now, in microseconds per 4 KB page: a new 200 MB
 * buffer written once per page, median of 5. It moves between days on virtual machines, and
 * computations that make many small objects move with it.
 */
function freshMemoryCost(): number {
  const perPage: number[] = [];
  for (let k = 0; k < 5; k++) {
    const faultsBefore = process.resourceUsage().minorPageFault;
    const t0 = performance.now();
    const buffer = new Uint8Array(200 * 2 ** 20);
    for (let i = 0; i < buffer.length; i += 4096) buffer[i] = 1;
    const ms = performance.now() - t0;
    const faults = process.resourceUsage().minorPageFault - faultsBefore;
    perPage.push((ms * 1000) / Math.max(1, faults));
  }
  return median(perPage);
}
const memoryBefore = freshMemoryCost();
const loadBefore = loadavg();
const started = new Date();
const results: SizeResult[] = [];
// --expose-gc: the library side collects garbage between timed runs (outside the timing).
const library = (dir: string) =>
  engine(
    process.execPath,
    ["--expose-gc", "--import", "tsx", join(here, "lib_bench.ts"), dir, String(runs), String(warmup)],
    "library",
    builtPackage,
  );
const records = (dir: string) =>
  engine(
    process.execPath,
    [
      `--max-old-space-size=${recordsHeapMB}`,
      "--expose-gc",
      "--import",
      "tsx",
      join(here, "lib_records_bench.ts"),
      dir,
      String(runs),
      String(warmup),
    ],
    "records",
    builtPackage,
  );
const dirOf = (size: number) => join(dataRoot, label(size));
for (const size of sizes) {
  const dir = dirOf(size);
  if (!existsSync(join(dir, "meta.json"))) {
    console.error(`generating ${label(size)} transactions in ${dir} ...`);
    run(tsx, [join(here, "data.ts"), String(size), dir]);
  }
  const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as Record<string, unknown>;
  const engines: Record<string, EngineResult> = {};
  console.error(`${label(size)}: library ...`);
  engines.library = library(dir);
  console.error(`${label(size)}: library on records ...`);
  engines.records = records(dir);
  for (const [name, command, commandArgs] of [
    ["pandas", python, [join(here, "pandas_bench.py"), dir, String(runs), String(warmup)]],
    ["polars", tsx, [join(here, "polars_bench.ts"), dir, String(runs), String(warmup)]],
    ["duckdb", tsx, [join(here, "duckdb_bench.ts"), dir, String(runs), String(warmup)]],
  ] as const) {
    console.error(`${label(size)}: ${name} ...`);
    engines[name] = engine(command, [...commandArgs], name);
  }
  results.push({ size, meta, engines, libraryPasses: [engines.library], recordsPasses: [engines.records] });
}
for (let pass = 2; pass <= Math.max(libraryPasses, recordsPasses); pass++) {
  for (const r of results) {
    if (pass <= libraryPasses) {
      console.error(`${label(r.size)}: library, pass ${pass} ...`);
      r.libraryPasses.push(library(dirOf(r.size)));
    }
    if (pass <= recordsPasses) {
      console.error(`${label(r.size)}: library on records, pass ${pass} ...`);
      r.recordsPasses.push(records(dirOf(r.size)));
    }
  }
}
for (const r of results) {
  r.engines.library = poolPasses(r.libraryPasses, COMPUTATIONS);
  r.engines.records = poolPasses(
    r.recordsPasses,
    RECORD_ROWS.map((row) => row.name),
  );
  console.log(`${sizeTable(r)}\n`);
}
const loadAfter = loadavg();
const memoryAfter = freshMemoryCost();

function version(command: string, commandArgs: string[]): string {
  try {
    return run(command, commandArgs).trim();
  } catch {
    return "unknown";
  }
}
const packageVersion = (name: string) => {
  try {
    return JSON.parse(readFileSync(join(here, "..", "node_modules", name, "package.json"), "utf8"))
      .version as string;
  } catch {
    return "unknown";
  }
};
const machine = [
  `- CPU: ${cpus()[0]?.model ?? "unknown"}, ${cpus().length} logical cores; memory ${(totalmem() / 2 ** 30).toFixed(1)} GiB; ${platform()} ${release()}`,
  `- Node ${process.version}; ${version(python, ["-c", "import sys, pandas, numpy, scipy; print('Python', sys.version.split()[0] + ', pandas', pandas.__version__ + ', numpy', numpy.__version__ + ', scipy', scipy.__version__)"])}; nodejs-polars ${packageVersion("nodejs-polars")}; @duckdb/node-api ${packageVersion("@duckdb/node-api")}`,
  `- Load average (1/5/15 min) at start ${loadBefore.map((x) => x.toFixed(2)).join(" / ")}, at end ${loadAfter.map((x) => x.toFixed(2)).join(" / ")}`,
  `- Fresh memory (a new 200 MB buffer touched once per 4 KB page, median of 5): ${memoryBefore.toFixed(2)} us per page at start, ${memoryAfter.toFixed(2)} at end`,
  `- Run started ${started.toISOString()}, finished ${new Date().toISOString()}; per computation and process ${warmup} first call${warmup === 1 ? "" : "s"} (reported apart) then ${runs} timed runs, median shown; the library on a table in ${libraryPasses} process${libraryPasses === 1 ? "" : "es"} per size, on records in ${recordsPasses} (passes over all sizes, the first beside the other engines), its medians over all their runs`,
].join("\n");

const scaling = scalingTable(results);
if (scaling) console.log(`\nLibrary cost growth between sizes:\n${scaling}`);
const firstCalls = warmup > 0 ? firstCallTable(results) : "";
if (firstCalls) console.log(`\nFirst calls (before the timed runs):\n${firstCalls}`);
const checks = checkTable(results);
console.log(`\nChecks (what each engine computed):\n${checks}`);
// The summary: at 1M and beyond when the run reached them, else at every size.
const large = results.filter((r) => r.size >= 1e6);
const summary = summaryTable(large.length > 0 ? large : results);
console.log(`\nSummary (ratio = library time / engine time; below 1 = the library is faster):\n${summary}`);
console.log(`\n${machine}`);

// A run where an engine failed (pandas not installed, say) is not a comparison: it is
// printed, and kept in bench/out/, but does not replace bench/RESULTS.md.
const failed = results.flatMap((r) =>
  Object.values(r.engines)
    .filter((e) => e.error !== undefined)
    .map((e) => `${e.engine} at ${label(r.size)}`),
);
if (failed.length > 0) {
  console.error(`not writing bench/RESULTS.md: ${failed.join(", ")} failed (see above)`);
  process.exitCode = 1;
}

if (write) {
  // Every timed run of every engine (not only the medians), for comparing runs: bench/out/
  // is not committed.
  const out = join(here, "out");
  mkdirSync(out, { recursive: true });
  const raw = join(out, `results-${started.toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(
    raw,
    JSON.stringify({ started, loadBefore, loadAfter, memoryBefore, memoryAfter, results }, null, 1),
  );
  console.error(`wrote ${raw}`);
}

if (write && failed.length === 0) {
  const file = join(here, "RESULTS.md");
  // Sections other scripts write (bench/cold-import.ts, bench/warehouse.ts, ...) are kept.
  const kept = existsSync(file) ? markedSections(readFileSync(file, "utf8")) : [];
  const body = [
    "# Bench results",
    "",
    "Written by `npm run bench` (bench/run.ts); do not edit by hand. Times are medians in",
    "milliseconds, excluding process start and imports; each engine runs in its own process,",
    "one after the other, on the same CSV files. A ratio below 1 means this library is faster.",
    `Each engine calls each computation ${warmup === 1 ? "once" : `${warmup} times`} before the timed runs; those calls, in which`,
    "the JavaScript engine compiles the library's code, are timed apart (the first: see First calls).",
    "The library side runs the built package (dist/), as an installed copy does; its medians",
    "pool the runs of its processes (see Machine).",
    "",
    "## Machine",
    "",
    machine,
    "",
    "## What is timed",
    "",
    ...Object.entries(DESCRIPTIONS).map(([c, d]) => `- **${c}**: ${d}`),
    "",
    "## Results",
    "",
    ...results.map((r) => `${sizeTable(r)}\n`),
    "## Summary",
    "",
    "Ratio = library time / engine time (below 1 = the library is faster).",
    "",
    summary,
    "",
    "## Checks",
    "",
    "Counts and totals each engine reports of its results (bench/out/ has them all).",
    "",
    checks,
    "",
    ...(scaling ? ["## Growth of the library's cost", "", scaling, ""] : []),
    ...(firstCalls
      ? [
          "## First calls",
          "",
          "Each computation's first call in a fresh process, before the timed runs (the library's: the",
          "median over its processes), as a script that runs once sees it.",
          "",
          firstCalls,
          "",
        ]
      : []),
    ...kept.map((s) => `${s.text}\n`),
  ].join("\n");
  writeFileSync(file, body);
  console.error(`wrote ${file}`);
  if (sizes.includes(1e6) && sizes.includes(1e7)) {
    const docs = join(here, "..", "docs", "performance.md");
    const measured = `Measured ${started.toISOString().slice(0, 10)} (${cpus()[0]?.model ?? "unknown"}, ${cpus().length} cores, Node ${process.version}, load average ${loadBefore[0]!.toFixed(1)} at the start):`;
    writeFileSync(
      docs,
      replaceSection(readFileSync(docs, "utf8"), "bench-summary", `${measured}\n\n${summary}`),
    );
    console.error(`wrote the summary into ${docs}`);
  }
}
