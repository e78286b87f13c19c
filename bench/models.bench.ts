/**
 * Benchmark of the customer-base model fits on their reference data.
 *
 * Run: npx tsx bench/models.bench.ts
 *
 * Fits BG/NBD, Pareto/NBD, MBG/NBD and Gamma-Gamma on the CDNOW summaries in
 * ../shared/data/cdnow_lifetimes (2,357 customers, weeks; 946 repeat buyers), BG/BB on
 * the donation data (22 aggregated rows, 11,104 donors) and the sBG on Fader & Hardie's
 * two survivor series, and prints the time of each fit: the first (cold) run and the
 * median of five more, wall and CPU. The target is 100 ms per fit (1 s for the older
 * three). Without the data folder it uses simulated data of the same size.
 */
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import {
  type BgBbRow,
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  fitSbg,
  type ModelCustomer,
} from "customer-value/models";
import { simulateBgBb, simulateBgNbd, simulateGammaGamma } from "../test/reference/models/simulate.js";

const dir = fileURLToPath(new URL("../../shared/data/cdnow_lifetimes/", import.meta.url));

function readCsv(path: string): string[][] {
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(","));
}

let summary: ModelCustomer[];
let spend: ModelCustomer[];
let donations: BgBbRow[];
let source: string;
if (existsSync(`${dir}cdnow_customers_summary.csv`)) {
  source = "CDNOW (cdnow_customers_summary*.csv)";
  summary = readCsv(`${dir}cdnow_customers_summary.csv`).map(([id, f, r, T]) => ({
    customerId: id!,
    frequency: Number(f),
    recency: Number(r),
    T: Number(T),
  }));
  spend = readCsv(`${dir}cdnow_customers_summary_with_transactions.csv`).map(([id, x, tx, T, zbar]) => ({
    customerId: id!,
    frequency: Number(x),
    recency: Number(tx),
    T: Number(T),
    monetaryValue: Number(zbar),
  }));
  donations = readCsv(`${dir}donations.csv`).map(([x, tx, n, w]) => ({
    frequency: Number(x),
    recency: Number(tx),
    periods: Number(n),
    weight: Number(w),
  }));
} else {
  source = "simulated (../shared/data absent)";
  summary = simulateBgNbd(1, 2357, { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 27, 39);
  spend = simulateGammaGamma(3, 946, { p: 6.25, q: 3.74, v: 15.44 });
  donations = simulateBgBb(7, 11_104, { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 });
}
const survivors = [
  [1000, 631, 468, 382, 326, 289, 262, 241],
  [1000, 869, 743, 653, 593, 551, 517, 491],
];

// CPU time of this process (user + system), in ms: unlike wall time it does not
// grow when other processes share the machine.
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function time(label: string, runFit: () => { evaluations: number }, limitMs: number): void {
  let t = performance.now();
  let c = cpu();
  const first = runFit();
  const cold = performance.now() - t;
  const coldCpu = cpu() - c;
  const runs: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    c = cpu();
    runFit();
    runs.push(performance.now() - t);
    cpus.push(cpu() - c);
  }
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[2]!;
  const limit = limitMs >= 1000 ? `${limitMs / 1000} s` : `${limitMs} ms`;
  const verdict = median(cpus) < limitMs ? `under ${limit}` : `OVER ${limit}`;
  console.log(
    `${label.padEnd(12)} cold: wall ${cold.toFixed(0).padStart(5)} ms, cpu ${coldCpu.toFixed(0).padStart(5)} ms   ` +
      `median of 5: wall ${median(runs).toFixed(0).padStart(5)} ms, cpu ${median(cpus).toFixed(0).padStart(5)} ms   ` +
      `${first.evaluations} evaluations   ${verdict}`,
  );
}

console.log(`Load average: ${loadavg()[0]!.toFixed(1)} (wall times grow with it; CPU times do not)`);
console.log(
  `Model fits on ${source}: ${summary.length} customers, ${spend.filter((c) => c.frequency > 0).length} repeat buyers\n`,
);
time("BG/NBD", () => fitBgNbd(summary), 1000);
time("Pareto/NBD", () => fitParetoNbd(summary), 1000);
time("Gamma-Gamma", () => fitGammaGamma(spend), 1000);
time("MBG/NBD", () => fitMbgNbd(summary), 100);
time("BG/BB", () => fitBgBb(donations), 100);
time("sBG (2 x 8)", () => fitSbg(survivors), 100);
