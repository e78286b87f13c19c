/**
 * Probabilistic customer-base models: BG/NBD, Pareto/NBD, Gamma-Gamma, P(alive)
 * and model-based lifetime value.
 *
 * Run: npx tsx examples/models.ts
 *
 * 1. The library's sample transactions -> rfmSummary (in weeks) -> fits -> predictions.
 * 2. If ../shared/data/cdnow_lifetimes is present: the CDNOW fits next to the
 *    published estimates.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateSampleData, rfmSummary } from "customer-value";
import {
  CustomerValueError,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  modelLifetimeValue,
  type ModelCustomer,
} from "customer-value/models";

const fmt = (x: number | null, digits = 3) => (x === null ? "n/a" : x.toFixed(digits));

// 1. Sample data. Every time below is in weeks, because the summary is in weeks.
const sample = generateSampleData();
const summary = rfmSummary(sample.transactions, { unit: "week" });
console.log(
  `Sample: ${summary.length} customers, ${summary.filter((c) => c.frequency > 0).length} repeat buyers`,
);

try {
  const bg = fitBgNbd(summary);
  console.log(
    `BG/NBD: r = ${fmt(bg.r)} (se ${fmt(bg.standardErrors.r)}), alpha = ${fmt(bg.alpha)} weeks, a = ${fmt(bg.a)}, b = ${fmt(bg.b)}, LL = ${fmt(bg.logLikelihood, 1)}`,
  );
  const spend = fitGammaGamma(summary);
  console.log(`Gamma-Gamma: p = ${fmt(spend.p)}, q = ${fmt(spend.q)}, v = ${fmt(spend.v)}`);

  const best = summary.slice().sort((x, y) => y.frequency - x.frequency)[0]!;
  console.log(
    `Most frequent buyer ${best.customerId}: frequency ${best.frequency}, recency ${fmt(best.recency, 1)} of T ${fmt(best.T, 1)} weeks`,
  );
  console.log(`  P(alive) = ${fmt(bg.probabilityAlive(best))}`);
  console.log(
    `  expected purchases in the next 26 weeks = ${fmt(bg.conditionalExpectedPurchases(26, best))}`,
  );
  console.log(`  expected value per purchase = ${fmt(spend.conditionalExpectedAverageValue(best), 2)}`);

  // One year of 4-week periods, 1% discount per 4-week period, 30% margin.
  const clv = modelLifetimeValue(summary, {
    transactionModel: bg,
    spendModel: spend,
    timeUnit: "week",
    periodLength: 4,
    periods: 13,
    discountRate: 0.01,
    margin: 0.3,
  });
  const top = clv.customers
    .slice()
    .sort((x, y) => y.lifetimeValue - x.lifetimeValue)
    .slice(0, 3);
  console.log(
    `Model-based CLV over ${clv.horizon} ${clv.timeUnit}s, total ${fmt(clv.totalLifetimeValue, 2)}; top 3:`,
  );
  for (const row of top) console.log(`  ${row.customerId}: ${fmt(row.lifetimeValue, 2)}`);
} catch (error) {
  // A small or unusual data set may not support a fit: the error says what to try.
  if (error instanceof CustomerValueError && error.code === "NOT_CONVERGED") console.log(error.message);
  else throw error;
}

// 2. CDNOW (weeks), against the published estimates.
const dir = fileURLToPath(new URL("../../shared/data/cdnow_lifetimes/", import.meta.url));
if (existsSync(`${dir}cdnow_customers_summary.csv`)) {
  const rows = (file: string) =>
    readFileSync(`${dir}${file}`, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
  const cdnow: ModelCustomer[] = rows("cdnow_customers_summary.csv").map(([id, f, r, T]) => ({
    customerId: id!,
    frequency: Number(f),
    recency: Number(r),
    T: Number(T),
  }));
  const withSpend: ModelCustomer[] = rows("cdnow_customers_summary_with_transactions.csv").map(
    ([id, x, tx, T, zbar]) => ({
      customerId: id!,
      frequency: Number(x),
      recency: Number(tx),
      T: Number(T),
      monetaryValue: Number(zbar),
    }),
  );
  const bg = fitBgNbd(cdnow);
  const pn = fitParetoNbd(cdnow);
  const gg = fitGammaGamma(withSpend);
  console.log("\nCDNOW (2,357 customers, weeks)        fitted                            published");
  console.log(
    `BG/NBD      r, alpha, a, b, LL     ${[bg.r, bg.alpha, bg.a, bg.b].map((v) => fmt(v)).join(", ")}, ${fmt(bg.logLikelihood, 1)}   0.243, 4.414, 0.793, 2.426, -9582.4`,
  );
  console.log(
    `Pareto/NBD  r, alpha, s, beta, LL  ${[pn.r, pn.alpha, pn.s, pn.beta].map((v) => fmt(v)).join(", ")}, ${fmt(pn.logLikelihood, 1)}  0.553, 10.578, 0.606, 11.669, -9595.0`,
  );
  console.log(
    `Gamma-Gamma p, q, v                ${[gg.p, gg.q, gg.v].map((v) => fmt(v, 2)).join(", ")}                  6.25, 3.74, 15.44`,
  );
  const c = { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 }; // customer 1
  console.log(
    `Customer 1 (x = 2, tx = 30.43, T = 38.86): P(alive) BG/NBD ${fmt(bg.probabilityAlive(c))}, Pareto/NBD ${fmt(pn.probabilityAlive(c))}; ` +
      `E[purchases in next 39 weeks] ${fmt(bg.conditionalExpectedPurchases(39, c))} / ${fmt(pn.conditionalExpectedPurchases(39, c))}`,
  );
}
