/**
 * The customer-value sections of the report: RFM segments, the BG/NBD model with each
 * customer's probability of still being active, and model-based lifetime value
 * (BG/NBD purchases times Gamma-Gamma spend, discounted monthly over a year).
 */
import type { ChartLocale, VegaLiteSpec } from "../charts/index.js";
import { RFM_SEGMENTS, type RfmSummaryRow, rfmScores, rfmSummary, type Transaction } from "../index.js";
import { CompensatedSum } from "../engine/sum.js";
import {
  type FittedBgNbd,
  fitBgNbd,
  fitGammaGamma,
  type ModelCustomer,
  modelLifetimeValue,
} from "../models/index.js";
import { aliveChart, rfmChart, valueChart } from "./reportCharts.js";
import type { ReportResults } from "./results.js";
import { EmptySection, runSection, type SectionId, type SectionStatus } from "./sections.js";

/** The horizon of the expected purchases and of lifetime value: 12 months of 365/12 days. */
export const HORIZON_MONTHS = 12;
const MONTH_DAYS = 365 / 12;
/** Discount rate per month of the lifetime value (about 12.7% a year). */
export const MONTHLY_DISCOUNT_RATE = 0.01;
/** The models are fitted on at most this many customers (every k-th by id); every customer is scored. */
export const MODEL_FIT_CUSTOMERS = 50_000;

/** What {@link analyseModels} reads and where it writes. */
export interface ModelsContext {
  readonly transactions: readonly Transaction[];
  readonly asOf: number;
  readonly locale: ChartLocale;
  readonly needPurchases: () => void;
  readonly step: (step: string) => void;
  readonly sections: Partial<Record<SectionId, SectionStatus>>;
  readonly results: ReportResults;
  readonly charts: Record<string, VegaLiteSpec>;
}

/**
 * The purchase predictions of a model, computed once per purchase history: customers with
 * the same (frequency, recency, T) get the same answers, and a large base has far fewer
 * distinct histories than customers (the predictions cost a hypergeometric series each).
 */
function byHistory(
  model: FittedBgNbd,
): Pick<FittedBgNbd, "model" | "conditionalExpectedPurchases" | "probabilityAlive"> {
  const purchases = new Map<string, number>();
  const alive = new Map<string, number>();
  const key = (c: ModelCustomer) => `${c.frequency}|${c.recency}|${c.T}`;
  return {
    model: model.model,
    conditionalExpectedPurchases(t, customer) {
      const k = `${t}|${key(customer)}`;
      let value = purchases.get(k);
      if (value === undefined) purchases.set(k, (value = model.conditionalExpectedPurchases(t, customer)));
      return value;
    },
    probabilityAlive(customer) {
      const k = key(customer);
      let value = alive.get(k);
      if (value === undefined) alive.set(k, (value = model.probabilityAlive(customer)));
      return value;
    },
  };
}

/** Every k-th row, so that at most `max` remain (all when there are fewer). */
function everyKth<T>(rows: readonly T[], max: number): readonly T[] {
  if (rows.length <= max) return rows;
  const k = rows.length / max;
  return Array.from({ length: max }, (_, i) => rows[Math.floor(i * k)]!);
}

/** Runs the RFM, BG/NBD and lifetime-value sections. */
export function analyseModels(context: ModelsContext): void {
  const { transactions, asOf, locale, needPurchases, step, sections, results, charts } = context;
  step("RFM segments");
  const segmentOf = new Map<string, string | null>();
  runSection("rfm", sections, () => {
    needPurchases();
    const rows = rfmScores(transactions, { asOf: new Date(asOf) });
    for (const row of rows) segmentOf.set(row.customerId, row.segment);
    const segments = RFM_SEGMENTS.map(({ name }) => {
      const members = rows.filter((r) => r.segment === name);
      const revenue = new CompensatedSum();
      for (const r of members) revenue.add(r.monetary);
      return {
        segment: name,
        customers: members.length,
        share: rows.length === 0 ? null : members.length / rows.length,
        revenue: revenue.value,
        meanRecencyDays:
          members.length === 0 ? null : members.reduce((s, r) => s + r.recency, 0) / members.length,
        meanFrequency:
          members.length === 0 ? null : members.reduce((s, r) => s + r.frequency, 0) / members.length,
      };
    });
    const total = new CompensatedSum();
    for (const s of segments) total.add(s.revenue);
    const withShares = segments.map((s) => ({
      ...s,
      revenueShare: total.value > 0 ? s.revenue / total.value : null,
    }));
    results.rfm = { segments: withShares, customers: rows };
    charts["rfm"] = rfmChart(withShares, locale);
  });

  step("BG/NBD model and P(alive)");
  let summary: RfmSummaryRow[] = [];
  const model = runSection("bgNbd", sections, () => {
    needPurchases();
    summary = rfmSummary(transactions, { observationEnd: new Date(asOf) });
    const repeaters = summary.filter((c) => c.frequency > 0).length;
    if (repeaters === 0) throw new EmptySection("noRepeatPurchases", { customers: summary.length });
    const bgNbd = fitBgNbd(everyKth(summary, MODEL_FIT_CUSTOMERS));
    const fitted = byHistory(bgNbd);
    const horizon = HORIZON_MONTHS * MONTH_DAYS;
    const alive = summary.map((c) => fitted.probabilityAlive(c));
    const expected = summary.map((c) => fitted.conditionalExpectedPurchases(horizon, c));
    const bins = Array.from({ length: 10 }, (_, b) => ({ from: b / 10, to: (b + 1) / 10, customers: 0 }));
    for (const p of alive) bins[Math.min(9, Math.floor(p * 10))]!.customers++;
    const totalExpected = new CompensatedSum();
    for (const e of expected) totalExpected.add(e);
    results.bgNbd = {
      timeUnit: "day",
      params: { r: bgNbd.r, alpha: bgNbd.alpha, a: bgNbd.a, b: bgNbd.b },
      logLikelihood: bgNbd.logLikelihood,
      warnings: bgNbd.warnings,
      fittedOn: bgNbd.customers,
      customers: summary.length,
      repeatCustomers: repeaters,
      horizonMonths: HORIZON_MONTHS,
      expectedPurchases: totalExpected.value,
      meanProbabilityAlive: alive.reduce((s, p) => s + p, 0) / alive.length,
      probablyActive: alive.filter((p) => p >= 0.5).length,
      // BG/NBD takes a customer without a repeat purchase as alive (P = 1): counted apart.
      probablyActiveRepeat: alive.filter((p, i) => p >= 0.5 && summary[i]!.frequency > 0).length,
      histogram: bins,
      perCustomer: summary.map((c, i) => ({
        customerId: c.customerId,
        frequency: c.frequency,
        recencyDays: c.recency,
        ageDays: c.T,
        probabilityAlive: alive[i]!,
        expectedPurchases: expected[i]!,
      })),
    };
    charts["bgNbd"] = aliveChart(bins, locale);
    return fitted;
  });

  step("lifetime value (BG/NBD and Gamma-Gamma)");
  runSection("lifetimeValue", sections, () => {
    if (model === undefined) {
      // BG/NBD empty for want of data: the same reason; its fit failed: say so.
      const fit = sections.bgNbd;
      const failed = fit?.status === "empty" && fit.reason === "failed";
      throw new EmptySection(failed ? "noPurchaseModel" : "noRepeatPurchases", { customers: summary.length });
    }
    // Repeat buyers whose repeat purchases net to 0 or less have no spend for Gamma-Gamma.
    const valued = summary.filter((c) => c.frequency === 0 || c.monetaryValue > 0);
    const spenders = valued.filter((c) => c.frequency > 0);
    if (spenders.length === 0) throw new EmptySection("noRepeatPurchases", { customers: summary.length });
    const spend = fitGammaGamma(everyKth(spenders, MODEL_FIT_CUSTOMERS) as ModelCustomer[]);
    const clv = modelLifetimeValue(valued, {
      transactionModel: model,
      spendModel: spend,
      timeUnit: "day",
      periodLength: MONTH_DAYS,
      periods: HORIZON_MONTHS,
      discountRate: MONTHLY_DISCOUNT_RATE,
    });
    const bySegment = new Map<string, CompensatedSum>();
    for (const row of clv.customers) {
      const segment = segmentOf.get(row.customerId ?? "") ?? "none";
      if (!bySegment.has(segment)) bySegment.set(segment, new CompensatedSum());
      bySegment.get(segment)!.add(row.lifetimeValue);
    }
    const segments = [...RFM_SEGMENTS.map((s) => s.name), "none"]
      .filter((name) => bySegment.has(name))
      .map((segment) => ({ segment, lifetimeValue: bySegment.get(segment)!.value }));
    const ranked = [...clv.customers].sort((x, y) => y.lifetimeValue - x.lifetimeValue);
    results.lifetimeValue = {
      horizonMonths: HORIZON_MONTHS,
      monthlyDiscountRate: MONTHLY_DISCOUNT_RATE,
      margin: 1,
      spendParams: { p: spend.p, q: spend.q, v: spend.v },
      spendWarnings: spend.warnings,
      customers: clv.customers.length,
      leftOut: summary.length - valued.length,
      total: clv.totalLifetimeValue,
      mean: clv.totalLifetimeValue / clv.customers.length,
      bySegment: segments,
      top: ranked.slice(0, 10),
      perCustomer: clv.customers,
    };
    charts["lifetimeValue"] = valueChart(segments, locale);
  });
}
