import { cohortRetention, customerScorecard, periodActivity, type SampleData } from "customer-value";
import { formatMoney, formatPercent, formatTable } from "./format.js";

/** The demo's rates section: growth accounting of the last months, cohort retention, the customer scorecard. */
export function ratesSection(sample: SampleData): string {
  if (sample.transactions.length === 0) return "  no transactions";
  const months = periodActivity(sample.transactions, { period: "month" });
  const recent = months
    .slice(-6)
    .map((r) => [
      r.period,
      r.active,
      r.new,
      r.retained,
      r.reactivated,
      r.churned,
      formatPercent(r.retentionRate),
      formatPercent(r.churnRate),
      r.quickRatio === null ? "n/a" : r.quickRatio.toFixed(2),
      formatMoney(r.revenue),
    ]);
  const activity = formatTable(
    ["month", "active", "new", "retained", "back", "churned", "retention", "churn", "quick", "revenue"],
    recent,
  );

  const quarters = cohortRetention(sample.transactions, { period: "quarter" }).slice(0, 4);
  const cohorts = formatTable(
    ["cohort", "size", "Q+1", "Q+2", "Q+3", "Q+4", "revenue Q+4"],
    quarters.map((c) => [
      c.cohort,
      c.size,
      ...[1, 2, 3, 4].map((k) => formatPercent(c.retention[k] ?? null)),
      formatPercent(c.revenueRetention[4] ?? null),
    ]),
  );

  const card = customerScorecard(
    {
      transactions: sample.transactions,
      market: sample.market,
      survey: sample.survey.after,
      deliveries: sample.deliveries,
      costToServe: { activities: sample.activities, usage: sample.activityUsage },
    },
    { period: "year", at: sample.asOf },
  );
  const scorecard = formatTable(
    ["measure", "value"],
    [
      ["market share", formatPercent(card.marketShare)],
      [
        "relative market share",
        card.relativeMarketShare === null ? "n/a" : card.relativeMarketShare.toFixed(2),
      ],
      ["customer retention", formatPercent(card.retentionRate)],
      ["customer acquisition", formatPercent(card.acquisitionRate)],
      [
        "satisfaction (plain / value-weighted)",
        `${card.satisfaction?.unweighted?.toFixed(2) ?? "n/a"} / ${card.satisfaction?.weighted?.toFixed(2) ?? "n/a"}`,
      ],
      ["on-time delivery", formatPercent(card.onTimeDeliveryRate)],
      ["customer profitability", formatPercent(card.profitability)],
    ],
  );

  const last = months.at(-1)!;
  return [
    `  Growth accounting, last six months (a customer is active in a month with a purchase;`,
    `  "back" = reactivated; rates divide by the previous month's active customers):`,
    activity,
    "",
    `  In ${last.period}, ${last.active} customers bought: ${last.retained} kept from the month before,`,
    `  ${last.new} new and ${last.reactivated} back; ${last.churned} of last month's buyers did not return.`,
    "",
    "  Quarterly cohorts (share of each cohort buying again k quarters later; revenue retention):",
    cohorts,
    "",
    `  Customer scorecard ${card.period} (balanced scorecard, customer perspective):`,
    scorecard,
  ].join("\n");
}
