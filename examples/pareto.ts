/**
 * Which customers carry the business: the Pareto split, ABC classes, the Lorenz curve,
 * the Gini coefficient, the whale curve and key customers, on the built-in sample.
 *
 *   npx tsx examples/pareto.ts
 *
 * Every function takes one item per customer, so the transaction log is first summed
 * per customer (net sales and profit; returns have negative amounts).
 */
import {
  abcClassify,
  concentrationSummary,
  generateSampleData,
  gini,
  keyCustomers,
  lorenzCurve,
  paretoSplit,
  whaleCurve,
} from "customer-value";

const sample = generateSampleData({ customers: 400, months: 24, seed: 42 });

// One row per customer: net sales and profit over the whole history, and the region.
const region = new Map(sample.customers.map((c) => [c.id, c.region ?? "unknown"]));
const totals = new Map<string, { customerId: string; region: string; sales: number; profit: number }>();
for (const t of sample.transactions) {
  const row = totals.get(t.customerId) ?? {
    customerId: t.customerId,
    region: region.get(t.customerId) ?? "unknown",
    sales: 0,
    profit: 0,
  };
  row.sales += t.amount;
  row.profit += t.profit;
  totals.set(t.customerId, row);
}
const customers = [...totals.values()];
// Pareto, ABC, Lorenz and Gini need values >= 0: keep customers with positive net sales.
const buyers = customers.filter((c) => c.sales > 0);

// 1. The one-line summary, in English and Chinese.
const summary = concentrationSummary(buyers, { value: "sales" });
console.log(summary.text.en);
console.log(summary.text.zh);

// 2. The 80/20 split: by customer share (top 20%) and by value share (80% of sales).
const top20 = paretoSplit(buyers, { value: "sales", headShare: 0.2 });
console.log(
  `top ${top20.headCount} of ${top20.customerCount} customers: ${(top20.headValueShare * 100).toFixed(1)}% of sales,` +
    ` smallest of them bought ${top20.cutoffValue.toFixed(2)}`,
);
const for80 = paretoSplit(buyers, { value: "sales", valueShare: 0.8 });
console.log(
  `${for80.headCount} customers (${(for80.headCustomerShare * 100).toFixed(1)}%) bring 80% of sales`,
);

// 3. ABC classes (80/95 by default).
const abc = abcClassify(buyers, { value: "sales" });
console.log("ABC counts:", abc.counts);

// 4. Lorenz curve and Gini (ineq::Gini convention; corrected = small-sample correction).
const lorenz = lorenzCurve(buyers.map((c) => c.sales));
const half = lorenz[Math.floor(buyers.length / 2)]!;
console.log(
  `the smallest ${(half.customerShare * 100).toFixed(0)}% of customers bring ${(half.valueShare * 100).toFixed(1)}% of sales;` +
    ` Gini ${gini(buyers.map((c) => c.sales)).toFixed(3)} (corrected ${gini(
      buyers.map((c) => c.sales),
      { corrected: true },
    ).toFixed(3)})`,
);

// 5. The whale curve: profit may be negative, so every customer with a transaction counts.
const whale = whaleCurve(customers, { profit: "profit" });
console.log(
  `whale curve: the most profitable ${whale.peak.customerCount} customers (${(whale.peak.customerShare * 100).toFixed(1)}%)` +
    ` earn ${whale.peak.profitShare === null ? "n/a" : `${(whale.peak.profitShare * 100).toFixed(1)}%`} of total profit` +
    ` (${whale.totalProfit.toFixed(2)}); the rest lose ${(whale.peak.profit - whale.totalProfit).toFixed(2)}`,
);

// 6. Key customers: top 20% by sales AND by profit (or "either", or a weighted rank score).
const key = keyCustomers(customers, { sales: "sales", profit: "profit" });
console.log(
  `${key.keyCount} key customers (top ${key.headCount} by both sales and profit): ${key.keyIds.slice(0, 8).join(", ")} …`,
);
const weighted = keyCustomers(customers, {
  sales: "sales",
  profit: "profit",
  combine: "weighted",
  weights: { sales: 1, profit: 2 },
});
console.log(`weighted (profit counts double): ${weighted.keyIds.slice(0, 8).join(", ")} …`);

// 7. Per region.
for (const { group, result } of concentrationSummary(buyers, { value: "sales", groupBy: "region" })) {
  console.log(`${group.padEnd(8)} ${result.text.en}`);
}
