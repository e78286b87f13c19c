/** The report's words in English. */
import { LABELS } from "./labels.js";
import type { DefinedThing, Facts, ReportText } from "./text.js";

const DEFINITIONS: Readonly<Record<DefinedThing, (f: Facts) => string>> = {
  pareto: () =>
    "Customers ranked by net revenue up to the as-of date, largest first (bars); the line is the cumulative share of all revenue.",
  lorenz: () =>
    "Cumulative share of revenue against cumulative share of customers, smallest first: the further the curve sags below the diagonal, the more a few customers carry the business.",
  whale: () =>
    "Cumulative profit from the most to the least profitable customer: above 100% of total profit, the loss-making customers at the end give part of it back.",
  concentrationTable: () =>
    "Net revenue = purchases minus returns up to the as-of date; Gini runs from 0 (every customer alike) to 1 (one customer has everything); ABC: class A until 80% of revenue, B until 95%, C the rest.",
  activity: () =>
    "Each bar: the customers who bought in the period — retained (bought in the period before too), new (first purchase ever), reactivated (back after a gap) — and, below zero, those who churned (bought in the period before, not in this one). Grey: a period the data do not fully cover.",
  activityTable: () =>
    "Retention = retained / customers active in the previous period; churn = churned / the same base; revenue = every amount dated in the period, returns included.",
  cohorts: () =>
    "Rows: customers grouped by the period of their first purchase; the cell k columns to the right: the share of the group who bought again k periods later. Grey: a period the data do not fully cover.",
  cohortTable: () =>
    "Size = customers whose first purchase fell in the period; after k periods = share of them who bought in the k-th period after it (* = a period the data do not fully cover).",
  portfolio: (f) =>
    `Growth = purchases in the last ${f["months"]} months against the ${f["months"]} months before; relative size = last-window purchases / the mean of the customers who bought then (log scale); the lines divide at 10% growth and size 1.`,
  portfolioTable: (f) =>
    `Customers per quadrant and their purchases in the last ${f["months"]} months. Not drawn: ${f["noEarlier"]} bought in the last window only (growth from nothing has no rate), ${f["noLast"]} in the earlier window only (size 0); ${f["before"]} bought only before both windows and are left out.`,
  lifecycle: () =>
    "Where each relationship stands at the as-of date, by the seven-stage rules: interruption = no purchase for 6 months; socialization = first purchase in the last 3 months; growth or decline = purchases of the last 6 months up or down 10% on the 6 before; maturity otherwise.",
  lifecycleTable: () =>
    "Customers and their net revenue per stage; value share = the stage's part of all net revenue.",
  rfm: () =>
    "Customers and net revenue per RFM segment: recency (days since the last purchase), frequency (purchase days) and monetary value (net revenue) are scored 1 to 5 by quintiles, and the segment follows from the recency and frequency scores.",
  rfmTable: () =>
    "Mean recency in days since the last purchase, mean frequency in purchase days, and the segment's share of customers and of net revenue.",
  bgNbd: () =>
    "P(alive): the BG/NBD model's probability that a customer has not dropped out, from how often and how recently they bought (Fader, Hardie & Lee 2005); the bars count customers per tenth of probability.",
  bgNbdTable: (f) =>
    `The model fitted by maximum likelihood on purchase days (time in days); expected purchases = over the next ${f["horizonMonths"]} months for every customer; "probably active" = P(alive) of 50% or more (the model takes a customer who bought on one day only as active).`,
  lifetimeValue: (f) =>
    `Expected revenue of the next ${f["horizonMonths"]} months per RFM segment: BG/NBD purchases times Gamma-Gamma spend per purchase, discounted at ${f["rate"]} a month (revenue, not margin).`,
  lifetimeValueTotals: (f) =>
    `Expected revenue of the next ${f["horizonMonths"]} months from today's customers, discounted at ${f["rate"]} a month; customers whose repeat purchases net to zero or less have no spend to model and are left out.`,
  lifetimeValueTable: (f) =>
    `The ${f["top"]} customers of highest expected ${f["horizonMonths"]}-month value; expected purchases and spend per purchase from the models.`,
  satisfaction: () =>
    "Plain mean of each indicator beside its value-weighted mean (each answer weighted by the customer's value): a weighted mean below the plain one means the customers who matter are less satisfied.",
  satisfactionTable: () =>
    "Respondents per indicator; effective n = the sample size the weighting leaves (Kish): the smaller, the fewer customers carry the weighted mean.",
};

const EMPTY: Readonly<Record<string, (f: Facts) => string>> = {
  noPurchases: (f) => `nobody made a purchase on or before ${f["asOf"]}.`,
  noRevenue: (f) => `no customer has a positive net revenue on or before ${f["asOf"]}.`,
  noPurchasesInWindows: (f) =>
    `nobody bought in the two ${f["months"]}-month windows from ${f["from"]} to ${f["to"]}, so there is no portfolio to place.`,
  noRepeatPurchases: () =>
    "no customer bought on two different days, and the models learn from repeat purchases.",
  noPurchaseModel: () =>
    "the BG/NBD model, on which lifetime value builds, could not be fitted (its section says why).",
  noSurvey: () => "no survey was given.",
  failed: (f) => `the analysis could not use the data: ${f["message"]}`,
};

export const en: ReportText = {
  htmlLang: "en",
  defaultTitle: "Customer-value report",
  asOf: (date) => `As of ${date}`,
  asOfDefault: "(the end of the last day with a transaction)",
  headline: (transactions, customers) => `${transactions} transactions · ${customers} customers`,
  currency: (code) => `amounts in ${code}`,
  noCurrency: "amounts as in the data",
  inputs: "Inputs",
  rows: {
    read: (n) => `${n} rows read`,
    kept: (n) => `${n} kept`,
    excluded: (n) => `${n} left out by`,
    invalid: (n) => `${n} invalid rows left out`,
    afterAsOf: (n) => `${n} dated after the as-of date`,
    withoutPurchase: (n) =>
      `${n} customers without a purchase (no amount above 0) are left out of RFM, the portfolio and the models, and count as prospects in the lifecycle`,
    notEvaluated: (n) => `${n} rows on which an exclusion rule could not be evaluated`,
  },
  summaryTitle: "Summary",
  ...LABELS.en,
  define: (thing, facts) => DEFINITIONS[thing](facts),
  emptyPrefix: "This section is empty:",
  empty: (reason, facts) => EMPTY[reason]!(facts),
  moreRows: (more, total) => `… ${more} more row${more === "1" ? "" : "s"} of ${total}`,
  partialDays: (days, of) => `partial: ${days} of ${of} days`,
  stages: {
    prospecting: "Prospecting",
    socialization: "Socialization (new)",
    growth: "Growth",
    maturity: "Maturity",
    decline: "Decline",
    interruption: "Interruption",
    recovery: "Recovery",
  },
  phrases: {
    headHolds: (customers, share) => `${customers} customers hold ${share} of revenue`,
    whalePeak: (profit, customers) => `${profit} of profit from ${customers} of customers`,
    probablyActive: (customers, share) => `${customers} customers (${share})`,
    valueSource: (source) =>
      source === "customers.value"
        ? "the value column of the customer list"
        : "net revenue up to the as-of date",
    expectedNext: (months) => `Expected purchases, next ${months} months`,
    meanPerCustomer: "Mean per customer",
    customersValued: "Customers valued",
    repeatCustomers: "Customers who bought on two days or more",
    activeRepeat: "Probably active, of those who bought on two days or more",
    leftOutOfValue: "Left out (repeat purchases net to zero or less)",
    parameters: "Model parameters",
  },
  sentences: {
    retention: (f) =>
      `Over the last ${f["count"]} full ${f["unit"]} (${f["first"]} to ${f["last"]}), on average ${f["mean"]} of the customers active in a period bought again in the next, from ${f["from"]} to ${f["to"]}${f["partial"] === "" ? "" : `; ${f["partial"]} is not fully covered by the data and is left out`}.`,
    lifecycle: (f) =>
      `Of ${f["customers"]} customers, ${f["growing"]} are growing or mature, ${f["new"]} are new, and ${f["interrupted"]} have not bought for 6 months or more.`,
    satisfaction: (f) =>
      f.direction === "same"
        ? `Weighted by customer value, satisfaction is ${f["weighted"]} against a plain average of ${f["plain"]}: the customers who carry the business are about as satisfied as the others.`
        : `Weighted by customer value, satisfaction is ${f["weighted"]} against a plain average of ${f["plain"]}: the customers who carry the business are ${f.direction} satisfied than the plain average suggests.`,
    value: (f) =>
      `The BG/NBD model expects today's ${f["customers"]} customers to make about ${f["purchases"]} purchases in the next ${f["horizonMonths"]} months${f["value"] === "" ? "" : `, worth about ${f["value"]} at today's value`}; of the ${f["repeat"]} who bought on two days or more, ${f["active"]} (${f["activeShare"]}) are probably still active.${f["warned"] === "" ? "" : " But the model's fit carries warnings (see its section): take these figures with caution."}`,
    emptySections: (names) => `The data leave these sections empty (the reasons are given below): ${names}.`,
  },
  footer: "Made with customer-value. The machine-readable results: customer-value report --json FILE.",
};
