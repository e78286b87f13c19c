import { rfmSummary, type SampleData } from "customer-value";
import { fitBgNbd, fitGammaGamma, modelLifetimeValue } from "customer-value/models";
import { formatMoney, formatTable } from "./format.js";

/** The demo's models section: BG/NBD and Gamma-Gamma on the sample, in weeks, and the top lifetime values. */
export function modelsSection(sample: SampleData): string {
  // Every time below is in weeks, because the summary is in weeks.
  const summary = rfmSummary(sample.transactions, { observationEnd: sample.asOf, unit: "week" });
  const bg = fitBgNbd(summary);
  const spend = fitGammaGamma(summary);
  const clv = modelLifetimeValue(summary, {
    transactionModel: bg,
    spendModel: spend,
    timeUnit: "week",
    periodLength: 4,
    periods: 13,
    discountRate: 0.01,
    margin: 0.3,
  });
  const byId = new Map(summary.map((c) => [c.customerId, c]));
  // rfmSummary gives every row an id, so no lifetime-value row has a null customerId here.
  const top = [...clv.customers].sort((a, b) => b.lifetimeValue - a.lifetimeValue).slice(0, 5);
  const lines = [
    `  BG/NBD (weeks): r ${bg.r.toFixed(3)}, alpha ${bg.alpha.toFixed(2)}, a ${bg.a.toFixed(3)}, b ${bg.b.toFixed(3)}; ` +
      `Gamma-Gamma: p ${spend.p.toFixed(2)}, q ${spend.q.toFixed(2)}, v ${spend.v.toFixed(2)}`,
    `  Expected purchases of a new customer in the first 52 weeks: ${bg.expectedPurchases(52).toFixed(2)}`,
    "  Top five customers by model lifetime value (13 four-week periods, 1% discount per period, 30% margin):",
    formatTable(
      ["customer", "frequency", "P(alive)", "purchases next 52 w", "lifetime value"],
      top.map((row) => {
        const id = row.customerId ?? "";
        const c = byId.get(id)!;
        return [
          id,
          c.frequency,
          bg.probabilityAlive(c).toFixed(3),
          bg.conditionalExpectedPurchases(52, c).toFixed(2),
          formatMoney(row.lifetimeValue),
        ];
      }),
    ),
  ];
  return lines.join("\n");
}
