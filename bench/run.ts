/**
 * The performance bench (issue 11): this library, pandas and DuckDB, side by side, in one run.
 *
 *   npm run bench                                   # 10k, 100k, 1M and 10M transactions
 *   npx tsx bench/run.ts --sizes 10k,100k --runs 3  # a quick run
 *   npx tsx bench/run.ts --no-write                 # print only, leave bench/RESULTS.md alone
 *
 * For each size it writes the data once (bench/data.ts, from `generateSampleData`, cached in
 * the system temp folder), then runs the three engines one after the other, each in its own
 * process (bench/lib_bench.ts, bench/pandas_bench.py with /usr/bin/python3, bench/duckdb_bench.ts),
 * so that process start, imports and the other engines' memory are not measured. The library
 * side times the built package (`npm run build` first; bench/tsconfig.dist.json maps
 * `customer-value` to dist/ as an installed copy resolves it), not the TypeScript sources
 * through tsx, whose transform (esbuild's keepNames) adds work users do not have. Each engine
 * calls every computation `--warmup` times first (default 2: timed apart, the first reported
 * as "first calls"; the library's code is compiled as these run), then times it `runs` times
 * and reports the median, and its peak resident memory.
 * The library runs in `--library-passes` processes per size (default 3): one beside the
 * other engines, then one more per pass over all sizes once those are done; its figures
 * pool the runs of all its processes (the growth table also shows each pass's own), so that
 * a slow phase of a shared machine does not fall on one size only.
 * The table goes to stdout and, with the machine it ran on, to bench/RESULTS.md.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "simple-statistics";

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
const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));
const sizes = (flag("--sizes") ?? "10k,100k,1M,10M").split(",").map(parseSize);
const runs = Number(flag("--runs") ?? 3);
/**
 * Library processes per size (default 3): the first with the other engines, the next ones
 * in later passes over all sizes, so that each size's library figures come from several
 * moments of the run and a slow phase of a shared machine weighs on every size. Three, so
 * that the pooled median (the fifth of nine runs) is one of a process that ran at the
 * machine's usual speed even when a whole process fell in a slow phase (with two, the
 * median of six is the mean of the middle two, and one slow process moves it halfway).
 */
const libraryPasses = Number(flag("--library-passes") ?? 3);
if (!Number.isInteger(libraryPasses) || libraryPasses < 1) {
  throw new Error(`--library-passes must be a whole number >= 1, got ${flag("--library-passes")}`);
}
/**
 * Calls per computation and engine before the timed runs (default 2), at every size
 * alike. They are timed apart, and the first of them is reported ("First calls"): a first
 * call includes the engine compiling the library's code as it runs (several milliseconds
 * per pass over 100k rows), a fixed cost that, inside the timed runs, weighed on some sizes
 * and not others and read as growth (cohortRetention 10k -> 100k at 12.3x in one run, with
 * 100k -> 1M at 2.6x). Two since 2026-12-06: the second call compiles again. In its first
 * call V8 compiles a pass's loop while it runs (on-stack replacement); that code is held
 * only weakly, and the full collection the library side makes before each call (to time
 * each call from the same heap) discards it, so the second call compiles every pass a
 * second time (`--trace-opt`: each loop kernel of cohortRetention compiled twice more in
 * call 2, none after; without the collection call 2 reuses the code). cohortRetention at
 * 1M, three processes of lib_bench.ts: 44-45 ms first, 51-68 ms second, 32-48 ms from the
 * third; with one call apart, the second call was one of the three timed runs.
 */
const warmup = Number(flag("--warmup") ?? 2);
if (!Number.isInteger(warmup) || warmup < 0) {
  throw new Error(`--warmup must be a whole number >= 0, got ${flag("--warmup")}`);
}
const dataRoot = flag("--data") ?? join(tmpdir(), "customer-value-bench");
const python = flag("--python") ?? "/usr/bin/python3";
const write = !args.includes("--no-write");

const COMPUTATIONS = [
  "ingest",
  "rfmSummary",
  "periodActivity",
  "cohortRetention",
  "paretoSplit+gini",
  "classifyLifecycles",
  "valueWeightedSatisfaction",
  "fitBgNbd",
] as const;
const DESCRIPTIONS: Record<string, string> = {
  ingest:
    "CSV file -> checked columns (library: `transactionTableFromCsv`; pandas: `read_csv` + `to_datetime` + checks; DuckDB: `read_csv` into a table + checks)",
  rfmSummary: "per-customer frequency / recency / T / monetary value over day-level purchases",
  periodActivity: "per month: active, new, retained, reactivated, churned, rates, revenue",
  cohortRetention: "monthly cohorts: classic retention and revenue retention",
  "paretoSplit+gini": "80/20 split and Gini of per-customer totals",
  classifyLifecycles: "lifecycle stage of every customer at the end of the history",
  valueWeightedSatisfaction: "plain and value-weighted mean per indicator, one response per 10 transactions",
  fitBgNbd: "BG/NBD maximum-likelihood fit on the RFM summary (pandas side: numpy + scipy Nelder-Mead)",
};

interface EngineResult {
  engine: string;
  timings: Record<string, number>;
  all: Record<string, number[]>;
  /** The first calls, before the timed runs (`--warmup`). */
  first?: Record<string, number[]>;
  peakRssMB: number;
  check: Record<string, unknown>;
  error?: string;
}

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

function engine(
  command: string,
  commandArgs: string[],
  name: string,
  env: Record<string, string> = {},
): EngineResult {
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
/** The library's bench script imports `customer-value` from dist/, as users do. */
const builtPackage = { TSX_TSCONFIG_PATH: join(here, "tsconfig.dist.json") };
/**
 * What first touching fresh memory costs on this machine now, in microseconds per 4 KB
 * page: a new 200 MB buffer written once per page (the kernel maps each page on its first
 * touch), median of 5. On the virtual machines this bench ran on it moved from about 2 to
 * about 7 us between days, and the computations whose results are many small objects
 * (valueWeightedSatisfaction's rows at 10M: some 50,000 fresh pages a call) move with it.
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
const results: {
  size: number;
  meta: Record<string, unknown>;
  engines: Record<string, EngineResult>;
  /** The library's processes, one per pass (`engines.library` pools them). */
  libraryPasses: EngineResult[];
}[] = [];
// --expose-gc: the library side collects garbage between timed runs (outside the timing).
const runLibrary = (dir: string) =>
  engine(
    process.execPath,
    ["--expose-gc", "--import", "tsx", join(here, "lib_bench.ts"), dir, String(runs), String(warmup)],
    "library",
    builtPackage,
  );
for (const size of sizes) {
  const dir = join(dataRoot, String(size));
  if (!existsSync(join(dir, "meta.json"))) {
    console.error(`generating ${label(size)} transactions in ${dir} ...`);
    run(tsx, [join(here, "data.ts"), String(size), dir]);
  }
  const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as Record<string, unknown>;
  const engines: Record<string, EngineResult> = {};
  console.error(`${label(size)}: library ...`);
  engines.library = runLibrary(dir);
  for (const [name, command, commandArgs] of [
    ["pandas", python, [join(here, "pandas_bench.py"), dir, String(runs), String(warmup)]],
    ["duckdb", tsx, [join(here, "duckdb_bench.ts"), dir, String(runs), String(warmup)]],
  ] as const) {
    console.error(`${label(size)}: ${name} ...`);
    engines[name] = engine(command, [...commandArgs], name);
  }
  results.push({ size, meta, engines, libraryPasses: [engines.library] });
}
for (let pass = 2; pass <= libraryPasses; pass++) {
  for (const r of results) {
    console.error(`${label(r.size)}: library, pass ${pass} ...`);
    r.libraryPasses.push(runLibrary(join(dataRoot, String(r.size))));
  }
}
for (const r of results) {
  r.engines.library = poolPasses(r.libraryPasses);
  console.log(sizeTable(r.size, r.meta, r.engines));
}
const loadAfter = loadavg();
const memoryAfter = freshMemoryCost();

/**
 * One library result from its passes: every timed run of every pass, their median, and
 * the largest peak memory. A failed pass fails the whole.
 */
function poolPasses(passes: EngineResult[]): EngineResult {
  const failed = passes.find((e) => e.error !== undefined);
  if (failed !== undefined) return failed;
  const all: Record<string, number[]> = {};
  const first: Record<string, number[]> = {};
  const timings: Record<string, number> = {};
  for (const c of COMPUTATIONS) {
    const times = passes.flatMap((e) => e.all[c] ?? []);
    if (times.length === 0) continue;
    all[c] = times;
    first[c] = passes.flatMap((e) => e.first?.[c] ?? []);
    timings[c] = median(times); // simple-statistics: of an even count, the mean of the middle two
  }
  return {
    engine: "library",
    timings,
    all,
    first,
    peakRssMB: Math.max(...passes.map((e) => e.peakRssMB)),
    check: passes[0]!.check,
  };
}

function fmt(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "—";
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}
function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined || !(b > 0) ? "—" : (a / b).toFixed(2);
}

function sizeTable(
  size: number,
  meta: Record<string, unknown>,
  engines: Record<string, EngineResult>,
): string {
  const lib = engines.library!;
  const pd = engines.pandas!;
  const duck = engines.duckdb!;
  const lines = [
    `### ${label(size)} transactions (${meta.transactions} rows, ${meta.customers} customers, ${meta.responses} survey responses)`,
    "",
    "| computation | library ms | pandas ms | DuckDB ms | library / pandas | library / DuckDB |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  let libTotal = 0;
  let pdTotal = 0;
  for (const c of COMPUTATIONS) {
    const l = lib.timings[c];
    const p = pd.timings[c];
    const d = duck.timings[c];
    if (l !== undefined) libTotal += l;
    if (p !== undefined) pdTotal += p;
    lines.push(`| ${c} | ${fmt(l)} | ${fmt(p)} | ${fmt(d)} | ${ratio(l, p)} | ${ratio(l, d)} |`);
  }
  lines.push(
    `| **all of the above** | ${fmt(libTotal)} | ${fmt(pdTotal)} | — | ${ratio(libTotal, pdTotal)} | — |`,
  );
  lines.push(
    `| peak memory (MB, whole process) | ${fmt(lib.peakRssMB)} | ${fmt(pd.peakRssMB)} | ${fmt(duck.peakRssMB)} | ${ratio(lib.peakRssMB, pd.peakRssMB)} | ${ratio(lib.peakRssMB, duck.peakRssMB)} |`,
  );
  for (const e of [lib, pd, duck])
    if (e.error) lines.push("", `${e.engine} failed: ${e.error.split("\n")[0]}`);
  return lines.join("\n");
}

function scalingTable(): string {
  if (results.length < 2) return "";
  const lines = [
    "| computation | " +
      results
        .slice(1)
        .map((r, k) => `${label(results[k]!.size)} → ${label(r.size)}`)
        .join(" | ") +
      " |",
    `| --- |${results
      .slice(1)
      .map(() => " ---: |")
      .join("")}`,
  ];
  for (const c of COMPUTATIONS) {
    const cells = results.slice(1).map((r, k) => {
      const prev = results[k]!;
      const rows = (r.meta.transactions as number) / (prev.meta.transactions as number);
      const growth = (a: EngineResult, b: EngineResult) =>
        (a.timings[c] ?? Number.NaN) / (b.timings[c] ?? Number.NaN);
      const t = growth(r.engines.library!, prev.engines.library!);
      // Each pass's own growth too (its processes at the two sizes, minutes apart).
      const perPass =
        r.libraryPasses.length > 1
          ? ` (passes: ${r.libraryPasses
              .map((e, p) => growth(e, prev.libraryPasses[p]!))
              .map((g) => (Number.isFinite(g) ? `${g.toFixed(1)}x` : "—"))
              .join(", ")})`
          : "";
      return Number.isFinite(t) ? `${t.toFixed(1)}x${perPass} for ${rows.toFixed(1)}x rows` : "—";
    });
    lines.push(`| ${c} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

/**
 * A first call's time: the first call of each of the engine's processes (the library's
 * passes), their median. `undefined` without first calls (`--warmup 0`).
 */
function firstCall(passes: EngineResult[], c: string): number | undefined {
  const times = passes.flatMap((e) => (e.first?.[c]?.length ? [e.first[c]![0]!] : []));
  return times.length === 0 ? undefined : median(times);
}

/** The first calls (before the timed runs), library and pandas, at every size. */
function firstCallTable(): string {
  if (warmup === 0) return "";
  const lines = [
    `| computation | ${results.map((r) => `${label(r.size)}: library ms | pandas ms | ratio`).join(" | ")} |`,
    `| --- |${results.map(() => " ---: | ---: | ---: |").join("")}`,
  ];
  for (const c of COMPUTATIONS) {
    const cells = results.map((r) => {
      const l = firstCall(r.libraryPasses, c);
      const p = firstCall([r.engines.pandas!], c);
      return `${fmt(l)} | ${fmt(p)} | ${ratio(l, p)}`;
    });
    lines.push(`| ${c} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

function version(command: string, commandArgs: string[]): string {
  try {
    return run(command, commandArgs).trim();
  } catch {
    return "unknown";
  }
}

const duckVersion = (() => {
  try {
    return JSON.parse(
      readFileSync(join(here, "..", "node_modules", "@duckdb", "node-api", "package.json"), "utf8"),
    ).version as string;
  } catch {
    return "unknown";
  }
})();
const machine = [
  `- CPU: ${cpus()[0]?.model ?? "unknown"}, ${cpus().length} logical cores; memory ${(totalmem() / 2 ** 30).toFixed(1)} GiB; ${platform()} ${release()}`,
  `- Node ${process.version}; ${version(python, ["-c", "import sys, pandas, numpy, scipy; print('Python', sys.version.split()[0] + ', pandas', pandas.__version__ + ', numpy', numpy.__version__ + ', scipy', scipy.__version__)"])}; @duckdb/node-api ${duckVersion}`,
  `- Load average (1/5/15 min) at start ${loadBefore.map((x) => x.toFixed(2)).join(" / ")}, at end ${loadAfter.map((x) => x.toFixed(2)).join(" / ")}`,
  `- Fresh memory (a new 200 MB buffer touched once per 4 KB page, median of 5): ${memoryBefore.toFixed(2)} us per page at start, ${memoryAfter.toFixed(2)} at end`,
  `- Run started ${started.toISOString()}, finished ${new Date().toISOString()}; per computation and process ${warmup} first call${warmup === 1 ? "" : "s"} (reported apart) then ${runs} timed runs, median shown; the library in ${libraryPasses} process${libraryPasses === 1 ? "" : "es"} per size (passes over all sizes, the first beside the other engines), its median over all ${runs * libraryPasses} runs`,
].join("\n");

const scaling = scalingTable();
if (scaling) console.log(`\nLibrary cost growth between sizes:\n${scaling}`);
const firstCalls = firstCallTable();
if (firstCalls) console.log(`\nFirst calls (before the timed runs):\n${firstCalls}`);
console.log(`\n${machine}`);

// A run where an engine failed (pandas or DuckDB not installed, say) is not a comparison:
// it is printed, and kept in bench/out/, but does not replace bench/RESULTS.md.
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
  const body = [
    "# Bench results",
    "",
    "Written by `npm run bench` (bench/run.ts); do not edit by hand. Times are medians in",
    "milliseconds, excluding process start and imports; each engine runs in its own process,",
    "one after the other, on the same CSV files. A ratio below 1 means this library is faster.",
    `Each engine calls each computation ${warmup === 1 ? "once" : `${warmup} times`} before the timed runs; those calls, in which`,
    "the JavaScript engine compiles the library's code, are timed apart (the first: see First calls).",
    "The library side runs the built package (dist/), as an installed copy does, in",
    `${libraryPasses} processes per size (passes over all sizes, see Machine); its medians pool their runs.`,
    "",
    "## Machine",
    "",
    machine,
    "",
    "## What is timed",
    "",
    ...COMPUTATIONS.map((c) => `- **${c}**: ${DESCRIPTIONS[c]}`),
    "",
    "## Results",
    "",
    ...results.map((r) => `${sizeTable(r.size, r.meta, r.engines)}\n`),
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
  ].join("\n");
  writeFileSync(join(here, "RESULTS.md"), body);
  console.error(`wrote ${join(here, "RESULTS.md")}`);
}
