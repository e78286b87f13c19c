/**
 * Customer value on the built-in sample: the lifetimes-style RFM summary (the input of
 * BG/NBD and Gamma-Gamma), a calibration/holdout split, RFM scores and segments, lifetime
 * value, a composite value score (criteria and a safe formula) and the customer classes.
 *
 *   npx tsx examples/value.ts
 */
import {
  CustomerValueError,
  calibrationAndHoldout,
  compositeValueScore,
  customerClasses,
  generateSampleData,
  lifetimeValue,
  rfmScores,
  rfmSummary,
} from "customer-value";

const sample = generateSampleData({ customers: 400, months: 24, seed: 42 });
const asOf = sample.asOf;
// Buy-till-you-die models want purchases: leave returns out of the log first.
const purchases = sample.transactions.filter((t) => t.amount > 0);

// 1. The per-customer summary of buy-till-you-die models, time in weeks (days / 7).
const summary = rfmSummary(purchases, { observationEnd: asOf, unit: "week" });
const repeaters = summary.filter((r) => r.frequency > 0);
console.log(`rfmSummary: ${summary.length} customers, ${repeaters.length} with repeat purchases`);
console.table(summary.slice(0, 5));

// 2. Calibration (first 18 months) and holdout (last 6), for checking a model's forecasts.
const split = calibrationAndHoldout(purchases, {
  calibrationEnd: "2024-06-30",
  observationEnd: asOf,
  unit: "week",
});
const holdoutBuyers = split.filter((r) => r.frequencyHoldout > 0).length;
console.log(
  `calibrationAndHoldout: ${split.length} calibration customers, ${holdoutBuyers} bought again in the` +
    ` ${split[0]?.durationHoldout.toFixed(1)}-week holdout`,
);

// 3. RFM scores 1..5 and the default segments (replaceable data: RFM_SEGMENTS).
const scores = rfmScores(sample.transactions, { asOf });
const bySegment = new Map<string, number>();
for (const r of scores) bySegment.set(r.segment ?? "none", (bySegment.get(r.segment ?? "none") ?? 0) + 1);
console.log("rfmScores segments:", Object.fromEntries([...bySegment].sort((a, b) => b[1] - a[1])));
console.table(scores.slice(0, 5));

// 4. Lifetime value: margin 120 a year, 80% retention, 10% discount rate.
const clv = { margin: 120, retentionRate: 0.8, discountRate: 0.1 };
console.log(
  `lifetimeValue: 5 years ${lifetimeValue({ ...clv, periods: 5 }).toFixed(2)},` +
    ` unbounded ${lifetimeValue(clv).toFixed(2)} (= 120 / (1 + 0.1 - 0.8))`,
);

// 5. A composite value score: profit contribution, growth, complaints as a penalty.
const lastYear = "2024-01-01";
const perCustomer = new Map<
  string,
  { id: string; profit: number; recent: number; earlier: number; returns: number }
>();
for (const t of sample.transactions) {
  const row = perCustomer.get(t.customerId) ?? {
    id: t.customerId,
    profit: 0,
    recent: 0,
    earlier: 0,
    returns: 0,
  };
  row.profit += t.profit;
  if (t.date >= lastYear) row.recent += t.amount;
  else row.earlier += t.amount;
  if (t.amount < 0) row.returns += 1;
  perCustomer.set(t.customerId, row);
}
const records = [...perCustomer.values()].map((r) => ({
  id: r.id,
  profit: r.profit,
  growth: r.recent - r.earlier,
  returns: r.returns,
}));
const byCriteria = compositeValueScore(records, {
  criteria: [
    { field: "profit", weight: 0.5 },
    { field: "growth", weight: 0.3, normalize: "rank" },
    { field: "returns", weight: 0.2, direction: "lower" },
  ],
});
console.log("compositeValueScore (criteria), top 3:", byCriteria.slice(0, 3));
const byFormula = compositeValueScore(records, { formula: "0.6 * profit + 0.4 * growth - 50 * returns" });
console.log("compositeValueScore (formula), top 3:", byFormula.slice(0, 3));
try {
  compositeValueScore(records, { formula: "import({ evil: 1 }, { override: true })" });
} catch (e) {
  if (e instanceof CustomerValueError)
    console.log(`a formula reaching outside arithmetic is refused: ${e.code}`);
}

// 6. The source's classes: key, new, potential, at-risk, regular.
const classes = customerClasses(sample.customers, sample.transactions, { asOf });
const counts = new Map<string, number>();
for (const r of classes) counts.set(r.class, (counts.get(r.class) ?? 0) + 1);
console.log("customerClasses:", Object.fromEntries(counts));
console.log(
  "key customers also at risk:",
  classes.filter((r) => r.class === "key" && r.reasons.includes("at-risk")).map((r) => r.customerId),
);
