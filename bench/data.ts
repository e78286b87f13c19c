/**
 * Writes the bench data set for one size: CSV files that this library, pandas and DuckDB
 * all read, made with `generateSampleData`.
 *
 *   npx tsx bench/data.ts <transactions> <dir>
 *
 * `generateSampleData` makes about 10.6 transactions per customer over 24 months, so a
 * size of N transactions asks for N / 10.64 customers. Beyond 50,000 customers the data is
 * made in chunks of 50,000 customers (seeds 1, 2, 3, …; ids renumbered C00000001…), so that
 * the generator's record objects never hold more than one chunk: rows are in date order
 * within a chunk, not across chunks.
 *
 * Files: `transactions.csv` (customerId,date,amount,profit,quantity), `customers.csv`
 * (id,terminationNoticeAt,noticeWithdrawnAt,satisfaction,value), `survey.csv`
 * (customerId,value,quality,delivery,service,price; an empty score = skipped; one response per
 * 10 transactions, cycling through both survey waves, ids of later cycles suffixed `~k`), and
 * `meta.json` (counts, asOf).
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { generateSampleData } from "customer-value";

const TX_PER_CUSTOMER = 10.64;
const CHUNK = 50_000;

const target = Number(process.argv[2]);
const dir = process.argv[3]!;
if (!Number.isFinite(target) || target <= 0 || !dir) throw new Error("usage: data.ts <transactions> <dir>");
mkdirSync(dir, { recursive: true });

const customerCount = Math.max(10, Math.round(target / TX_PER_CUSTOMER));
const tx = openSync(join(dir, "transactions.csv"), "w");
const cu = openSync(join(dir, "customers.csv"), "w");
writeSync(tx, "customerId,date,amount,profit,quantity\n");
writeSync(cu, "id,terminationNoticeAt,noticeWithdrawnAt,satisfaction,value\n");
const survey: { id: string; value: number; scores: Record<string, number | null> }[] = [];
let transactions = 0;
let asOf = "";
const width = 8;
for (let k = 0, done = 0; done < customerCount; k++) {
  const size = Math.min(CHUNK, customerCount - done);
  const sample = generateSampleData({ customers: size, months: 24, seed: 1 + k });
  asOf = sample.asOf;
  const rename = new Map<string, string>();
  const values = new Map<string, number>();
  sample.customers.forEach((c, i) => {
    const id = `C${String(done + i + 1).padStart(width, "0")}`;
    rename.set(c.id, id);
    if (c.value !== undefined) values.set(id, c.value);
  });
  let buffer: string[] = [];
  for (const t of sample.transactions) {
    buffer.push(`${rename.get(t.customerId)},${t.date},${t.amount},${t.profit},${t.quantity}\n`);
    if (buffer.length === 100_000) {
      writeSync(tx, buffer.join(""));
      buffer = [];
    }
  }
  writeSync(tx, buffer.join(""));
  transactions += sample.transactions.length;
  buffer = [];
  for (const c of sample.customers) {
    const id = rename.get(c.id)!;
    buffer.push(
      `${id},${c.terminationNoticeAt ?? ""},${c.noticeWithdrawnAt ?? ""},${c.satisfaction ?? ""},${values.get(id) ?? ""}\n`,
    );
  }
  writeSync(cu, buffer.join(""));
  for (const r of [...sample.survey.after, ...sample.survey.before]) {
    const id = rename.get(r.customerId)!;
    survey.push({ id, value: values.get(id) ?? 0, scores: r.scores as Record<string, number | null> });
  }
  done += size;
}
closeSync(tx);
closeSync(cu);

// One response per 10 transactions, cycling through the waves; a customer answers once per cycle.
const indicators = ["quality", "delivery", "service", "price"];
const responses = Math.max(10, Math.round(transactions / 10));
const sv = openSync(join(dir, "survey.csv"), "w");
writeSync(sv, `customerId,value,${indicators.join(",")}\n`);
const seen = new Set<string>();
let lines: string[] = [];
for (let i = 0, cycle = 0; i < responses; i++) {
  const r = survey[i % survey.length]!;
  if (i % survey.length === 0 && i > 0) {
    cycle++;
    seen.clear();
  }
  // The two waves share ids: within one cycle the second answer of a customer gets its own id.
  let id = cycle === 0 ? r.id : `${r.id}~${cycle}`;
  if (seen.has(id)) id = `${id}~b`;
  seen.add(id);
  lines.push(`${id},${r.value},${indicators.map((x) => r.scores[x] ?? "").join(",")}\n`);
  if (lines.length === 100_000) {
    writeSync(sv, lines.join(""));
    lines = [];
  }
}
writeSync(sv, lines.join(""));
closeSync(sv);
writeFileSync(
  join(dir, "meta.json"),
  JSON.stringify({ target, transactions, customers: customerCount, responses, asOf }, null, 2),
);
console.log(JSON.stringify({ target, transactions, customers: customerCount, responses, asOf }));
