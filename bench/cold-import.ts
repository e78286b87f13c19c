/**
 * Cold import: the wall time of a fresh Node process that imports the built package
 * (dist/, through its exports map, as an installed copy resolves it), beside a bare
 * `node -e ""` run in the same rounds. ESM (`import`) and CommonJS (`require`), the root
 * entry point and each sub-path. The rounds interleave the commands, so a change in the
 * machine's load hits all of them alike; the medians are reported.
 *
 *   npx tsx bench/cold-import.ts               # 21 rounds, writes its section of RESULTS.md
 *   npx tsx bench/cold-import.ts --runs 5 --no-write
 *
 * Needs `npm run build` first. The section sits between the marker lines
 * `<!-- cold-import:start -->` and `<!-- cold-import:end -->` of bench/RESULTS.md
 * (appended when they are missing); the rest of the file is left as it is.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const START = "<!-- cold-import:start -->";
const END = "<!-- cold-import:end -->";
/** The budget for importing the root entry point in a fresh process. */
const BUDGET_MS = 300;

interface Case {
  readonly label: string;
  readonly args: readonly string[];
}

// Each process also prints the CPU time it used (user + system), which a busy machine
// inflates far less than the wall time.
const CPU = "process.stdout.write(JSON.stringify(process.cpuUsage()));";
const esm = (specifier: string): Case => ({
  label: `ESM \`import "${specifier}"\``,
  args: ["--input-type=module", "-e", `import ${JSON.stringify(specifier)}; ${CPU}`],
});
const cjs = (specifier: string): Case => ({
  label: `CommonJS \`require("${specifier}")\``,
  args: ["-e", `require(${JSON.stringify(specifier)}); ${CPU}`],
});

const CASES: readonly Case[] = [
  { label: 'bare `node -e ""`', args: ["-e", CPU] },
  esm("customer-value"),
  cjs("customer-value"),
  esm("customer-value/models"),
  esm("customer-value/charts"),
  cjs("customer-value/charts"),
];

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] !== undefined ? (process.argv[at + 1] as string) : fallback;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Wall time and CPU time of one fresh `node` process, in milliseconds; throws if it fails. */
function timeOnce(args: readonly string[]): { wall: number; cpu: number } {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${run.stderr}`);
  const usage = JSON.parse(run.stdout) as { user: number; system: number };
  return { wall, cpu: (usage.user + usage.system) / 1000 };
}

const runs = Number(option("--runs", "21"));
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${runs}`);
if (!existsSync(join(root, "dist", "index.js"))) throw new Error("dist/ is missing: run npm run build first");

const loadStart = loadavg();
const startedAt = new Date();
for (const c of CASES) timeOnce(c.args); // one untimed round: the files enter the OS cache
const times = CASES.map(() => [] as number[]);
const cpus = CASES.map(() => [] as number[]);
for (let r = 0; r < runs; r++) {
  CASES.forEach((c, i) => {
    const { wall, cpu } = timeOnce(c.args);
    times[i]?.push(wall);
    cpus[i]?.push(cpu);
  });
}
const loadEnd = loadavg();

const bare = median(times[0] ?? []);
const fmt = (ms: number): string => ms.toFixed(0);
const rows = CASES.map((c, i) => {
  const m = median(times[i] ?? []);
  const extra = i === 0 ? "—" : fmt(m - bare);
  return `| ${c.label} | ${fmt(m)} | ${extra} | ${fmt(Math.min(...(times[i] ?? [])))} | ${fmt(median(cpus[i] ?? []))} |`;
});
const rootMedians = [median(times[1] ?? []), median(times[2] ?? [])];
const verdict = rootMedians.every((m) => m <= BUDGET_MS)
  ? `within the ${BUDGET_MS} ms budget in both module systems`
  : `OVER the ${BUDGET_MS} ms budget`;
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" / ");

const section = `${START}
## Cold import

Written by \`npx tsx bench/cold-import.ts\`; do not edit by hand. Wall time of a fresh
\`node\` process (${process.version}) that imports the built package through its exports
map, beside a bare \`node -e ""\` in the same interleaved rounds: median of ${runs} rounds
after one untimed round, in milliseconds (CPU: the process's user + system time, which a
busy machine inflates far less). The root entry point: ESM ${fmt(rootMedians[0] ?? 0)} ms,
CommonJS ${fmt(rootMedians[1] ?? 0)} ms, bare node ${fmt(bare)} ms — ${verdict}.
Load average (1/5/15 min) at start ${load(loadStart)}, at end ${load(loadEnd)}; run started
${startedAt.toISOString()}.

| process | median ms | above bare node | fastest ms | CPU ms (median) |
| --- | ---: | ---: | ---: | ---: |
${rows.join("\n")}
${END}`;

console.log(section);
if (!process.argv.includes("--no-write")) {
  const file = join(here, "RESULTS.md");
  const text = existsSync(file) ? readFileSync(file, "utf8") : "# Bench results\n";
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + section + text.slice(to + END.length)
      : `${text.replace(/\n*$/, "\n\n")}${section}\n`;
  writeFileSync(file, next);
  console.error(`wrote the cold-import section of ${file}`);
}
