/**
 * The tables of the performance bench (bench/run.ts): per size, growth between sizes,
 * first calls, the engines' check figures side by side, and the summary that
 * docs/performance.md shows. Pure functions of the engines' results.
 */
import { median } from "simple-statistics";

/** One engine's report: the JSON line each bench script prints. */
export interface EngineResult {
  engine: string;
  timings: Record<string, number>;
  all: Record<string, number[]>;
  /** The first calls, before the timed runs (`--warmup`). */
  first?: Record<string, number[]>;
  peakRssMB: number;
  check: Record<string, unknown>;
  error?: string;
}

/** One size's results; `library` and `records` pool their passes (one process each). */
export interface SizeResult {
  size: number;
  meta: Record<string, unknown>;
  engines: Record<string, EngineResult>;
  libraryPasses: EngineResult[];
  recordsPasses: EngineResult[];
}

/** The computations on a `TransactionTable` (bench/lib_bench.ts), timed on every engine. */
export const COMPUTATIONS = [
  "ingest",
  "rfmSummary",
  "periodActivity",
  "cohortRetention",
  "paretoSplit+gini",
  "classifyLifecycles",
  "valueWeightedSatisfaction",
  "fitBgNbd",
] as const;

/** The library on records (bench/lib_records_bench.ts), each beside the other engines' `like`. */
export const RECORD_ROWS: readonly { name: string; like?: string }[] = [
  { name: "rfmSummary (records)", like: "rfmSummary" },
  { name: "periodActivity (records)", like: "periodActivity" },
  { name: "cohortRetention (records)", like: "cohortRetention" },
  { name: "paretoSplit+gini (records)", like: "paretoSplit+gini" },
  { name: "classifyLifecycles (records)", like: "classifyLifecycles" },
  { name: "read records into a table" },
];

/** The other engines, in the order of the table's columns. */
export const OTHERS = [
  ["pandas", "pandas"],
  ["polars", "polars"],
  ["duckdb", "DuckDB"],
] as const;

export const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

export function fmt(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "—";
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

export function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined || !(b > 0) ? "—" : (a / b).toFixed(2);
}

/**
 * One result from an engine's passes: every timed run of every pass, their median, and
 * the largest peak memory. A failed pass fails the whole.
 */
export function poolPasses(passes: EngineResult[], names: readonly string[]): EngineResult {
  const failed = passes.find((e) => e.error !== undefined);
  if (failed !== undefined) return failed;
  const all: Record<string, number[]> = {};
  const first: Record<string, number[]> = {};
  const timings: Record<string, number> = {};
  for (const c of names) {
    const times = passes.flatMap((e) => e.all[c] ?? []);
    if (times.length === 0) continue;
    all[c] = times;
    first[c] = passes.flatMap((e) => e.first?.[c] ?? []);
    timings[c] = median(times); // simple-statistics: of an even count, the mean of the middle two
  }
  return {
    engine: passes[0]!.engine,
    timings,
    all,
    first,
    peakRssMB: Math.max(...passes.map((e) => e.peakRssMB)),
    check: passes[0]!.check,
  };
}

/** A row's library time: the table process's, or the records process's for a records row. */
function libraryTime(r: SizeResult, name: string): number | undefined {
  return (r.engines.library?.timings[name] ?? r.engines.records?.timings[name]) as number | undefined;
}

const HEADER = [
  `| computation | library ms | ${OTHERS.map(([, l]) => `${l} ms`).join(" | ")} | ${OTHERS.map(([, l]) => `library / ${l}`).join(" | ")} |`,
  `| --- | ---: |${OTHERS.map(() => " ---: |").join("")}${OTHERS.map(() => " ---: |").join("")}`,
];

function row(name: string, lib: number | undefined, others: (number | undefined)[]): string {
  return `| ${name} | ${fmt(lib)} | ${others.map(fmt).join(" | ")} | ${others.map((o) => ratio(lib, o)).join(" | ")} |`;
}

export function sizeTable(r: SizeResult): string {
  const { meta, engines } = r;
  const lines = [
    `### ${label(r.size)} transactions (${meta.transactions} rows, ${meta.customers} customers, ${meta.responses} survey responses)`,
    "",
    ...HEADER,
  ];
  const totals = [0, ...OTHERS.map(() => 0)];
  for (const c of COMPUTATIONS) {
    const times = [engines.library!.timings[c], ...OTHERS.map(([e]) => engines[e]?.timings[c])];
    times.forEach((t, k) => {
      totals[k]! += t ?? Number.NaN;
    });
    lines.push(row(c, times[0], times.slice(1)));
  }
  lines.push(row("**all of the above**", totals[0], totals.slice(1)));
  for (const { name, like } of RECORD_ROWS) {
    const others = OTHERS.map(([e]) => (like === undefined ? undefined : engines[e]?.timings[like]));
    lines.push(row(name, engines.records?.timings[name], others));
  }
  const memory = OTHERS.map(([e]) => engines[e]?.peakRssMB);
  lines.push(row("peak memory (MB, whole process)", engines.library!.peakRssMB, memory));
  lines.push(
    row(
      "peak memory of the records process (MB)",
      engines.records?.peakRssMB,
      OTHERS.map(() => undefined),
    ),
  );
  for (const e of Object.values(engines))
    if (e.error) lines.push("", `${e.engine} failed: ${e.error.split("\n")[0]}`);
  return lines.join("\n");
}

/** How the library's cost grows from one size to the next, pooled and per pass. */
export function scalingTable(results: SizeResult[]): string {
  if (results.length < 2) return "";
  const pairs = results.slice(1).map((r, k) => [results[k]!, r] as const);
  const lines = [
    `| computation | ${pairs.map(([a, b]) => `${label(a.size)} → ${label(b.size)}`).join(" | ")} |`,
    `| --- |${pairs.map(() => " ---: |").join("")}`,
  ];
  const names = [...COMPUTATIONS, ...RECORD_ROWS.map((r) => r.name)];
  for (const c of names) {
    const passes = (r: SizeResult) =>
      c in (r.engines.library?.timings ?? {}) ? r.libraryPasses : r.recordsPasses;
    const cells = pairs.map(([prev, r]) => {
      const rows = (r.meta.transactions as number) / (prev.meta.transactions as number);
      const t = (libraryTime(r, c) ?? Number.NaN) / (libraryTime(prev, c) ?? Number.NaN);
      const [now, before] = [passes(r), passes(prev)];
      const perPass =
        now.length > 1
          ? ` (passes: ${now
              .map((e, p) => (e.timings[c] ?? Number.NaN) / (before[p]?.timings[c] ?? Number.NaN))
              .map((g) => (Number.isFinite(g) ? `${g.toFixed(1)}x` : "—"))
              .join(", ")})`
          : "";
      return Number.isFinite(t) ? `${t.toFixed(1)}x${perPass} for ${rows.toFixed(1)}x rows` : "—";
    });
    lines.push(`| ${c} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

/** A first call's time: the first call of each of the engine's processes, their median. */
function firstCall(passes: EngineResult[], c: string): number | undefined {
  const times = passes.flatMap((e) => (e.first?.[c]?.length ? [e.first[c]![0]!] : []));
  return times.length === 0 ? undefined : median(times);
}

/** The first calls (before the timed runs), library and pandas, at every size. */
export function firstCallTable(results: SizeResult[]): string {
  const lines = [
    `| computation | ${results.map((r) => `${label(r.size)}: library ms | pandas ms | ratio`).join(" | ")} |`,
    `| --- |${results.map(() => " ---: | ---: | ---: |").join("")}`,
  ];
  const names = [...COMPUTATIONS.map((c) => ({ name: c, like: c })), ...RECORD_ROWS];
  for (const { name, like } of names) {
    const cells = results.map((r) => {
      const own = name in (r.engines.library?.first ?? {}) ? r.libraryPasses : r.recordsPasses;
      const l = firstCall(own, name);
      const p = like === undefined ? undefined : firstCall([r.engines.pandas!], like);
      return `${fmt(l)} | ${fmt(p)} | ${ratio(l, p)}`;
    });
    lines.push(`| ${name} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

/** Two check values agree: equal, or numbers within a relative 1e-9 (sums in another order). */
function agree(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number")
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => agree(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) =>
      agree((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    );
  }
  return a === b;
}

const show = (v: unknown) =>
  v === undefined ? "—" : typeof v === "number" ? String(Number(v.toPrecision(12))) : JSON.stringify(v);

/**
 * The engines' check figures side by side: every figure two engines report, listed when
 * they differ. The BG/NBD fits are left out: different optimisers stop at different points.
 */
export function checkTable(results: SizeResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const engines = Object.values(r.engines).filter((e) => e.error === undefined);
    const keys = [...new Set(engines.flatMap((e) => Object.keys(e.check)))].filter(
      (k) => !k.startsWith("bgNbd"),
    );
    const differing = keys.filter((k) => {
      const values = engines.filter((e) => k in e.check).map((e) => e.check[k]);
      return values.some((v) => !agree(v, values[0]));
    });
    if (differing.length === 0) {
      lines.push(`- ${label(r.size)}: every engine agrees on ${keys.join(", ")}.`);
      continue;
    }
    lines.push(`- ${label(r.size)}: the engines differ on ${differing.join(", ")}:`, "");
    lines.push(`  | figure | ${engines.map((e) => e.engine).join(" | ")} |`);
    lines.push(`  | --- |${engines.map(() => " --- |").join("")}`);
    for (const k of differing) lines.push(`  | ${k} | ${engines.map((e) => show(e.check[k])).join(" | ")} |`);
    lines.push("");
  }
  return lines.join("\n");
}

/**
 * The summary docs/performance.md shows: each computation's ratio to pandas and to polars
 * at the given sizes (on a table, then on records), and the time to read records into a table.
 */
export function summaryTable(results: SizeResult[]): string {
  const lines = [
    `| computation | ${results.map((r) => `${label(r.size)}: / pandas | / polars`).join(" | ")} |`,
    `| --- |${results.map(() => " ---: | ---: |").join("")}`,
  ];
  const ratios = (lib: string, like: string) =>
    results
      .map((r) => {
        const l = libraryTime(r, lib);
        return `${ratio(l, r.engines.pandas?.timings[like])} | ${ratio(l, r.engines.polars?.timings[like])}`;
      })
      .join(" | ");
  for (const c of COMPUTATIONS) lines.push(`| ${c} | ${ratios(c, c)} |`);
  for (const { name, like } of RECORD_ROWS) {
    if (like !== undefined) lines.push(`| ${name} | ${ratios(name, like)} |`);
    else
      lines.push(`| ${name} (ms) | ${results.map((r) => `${fmt(libraryTime(r, name))} | —`).join(" | ")} |`);
  }
  return lines.join("\n");
}

/** The sections `<!-- NAME:start -->` … `<!-- NAME:end -->` of a text, in order, whole. */
export function markedSections(text: string): { name: string; text: string }[] {
  return [...text.matchAll(/<!-- ([\w.-]+):start -->[\s\S]*?<!-- \1:end -->/g)].map((m) => ({
    name: m[1]!,
    text: m[0],
  }));
}

/** `text` with the section NAME replaced by `body` (between its marker lines), or appended. */
export function replaceSection(text: string, name: string, body: string): string {
  const [start, end] = [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  return from >= 0 && to > from
    ? `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`
    : `${text.trimEnd()}\n\n${start}\n${body}\n${end}\n`;
}
