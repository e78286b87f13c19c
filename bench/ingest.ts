/**
 * Ingestion: how long validation and columnar building take, relative to the cheapest
 * thing one can do with the same data (JSON.parse of it), measured in the same run.
 *
 *   npx tsx bench/ingest.ts [customers]
 */
import {
  generateSampleData,
  parseTransactionsCsv,
  transactionTable,
  validateTransactions,
} from "customer-value";

const customers = Number(process.argv[2] ?? 20_000);
const sample = generateSampleData({ customers, months: 24, seed: 1 });
const rows = sample.transactions;
const json = JSON.stringify(rows);
const csv = `customerId,date,amount\n${rows.map((t) => `${t.customerId},${t.date},${t.amount}`).join("\n")}\n`;

function median(f: () => unknown, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const baseline = median(() => JSON.parse(json));
const results: [string, number][] = [
  ["JSON.parse (baseline)", baseline],
  ["validateTransactions (zod)", median(() => validateTransactions(rows))],
  ["transactionTable (fast path)", median(() => transactionTable(rows))],
  ["parseTransactionsCsv", median(() => parseTransactionsCsv(csv))],
];
console.log(`${rows.length} transactions of ${customers} customers`);
for (const [name, ms] of results) {
  console.log(
    `${name.padEnd(30)} ${ms.toFixed(1).padStart(9)} ms   ${(ms / baseline).toFixed(2).padStart(6)}x baseline`,
  );
}
