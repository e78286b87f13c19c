/**
 * Benchmark of the customer-base model fits (issue 9: a CDNOW fit under one second).
 *
 * Run: npx tsx bench/models.bench.ts
 *
 * Fits BG/NBD, Pareto/NBD and Gamma-Gamma on the CDNOW summaries in
 * ../shared/data/cdnow_lifetimes (2,357 customers, weeks; 946 repeat buyers) and
 * prints the wall time of each fit: the first (cold) run and the median of five
 * more. Without the data folder it uses a simulated summary of the same size.
 */
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { fitBgNbd, fitGammaGamma, fitParetoNbd, type ModelCustomer } from "customer-value/models";
import { simulateBgNbd, simulateGammaGamma } from "../test/reference/models/simulate.js";

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
} else {
  source = "simulated (../shared/data absent)";
  summary = simulateBgNbd(1, 2357, { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 27, 39);
  spend = simulateGammaGamma(3, 946, { p: 6.25, q: 3.74, v: 15.44 });
}

// CPU time of this process (user + system), in ms: unlike wall time it does not
// grow when other processes share the machine.
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function time(label: string, runFit: () => { evaluations: number }): void {
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
  const verdict = Math.max(coldCpu, median(cpus)) < 1000 ? "under 1 s" : "OVER 1 s";
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
time("BG/NBD", () => fitBgNbd(summary));
time("Pareto/NBD", () => fitParetoNbd(summary));
time("Gamma-Gamma", () => fitGammaGamma(spend));
