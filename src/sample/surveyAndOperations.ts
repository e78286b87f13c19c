/**
 * The sample's survey waves, termination notices and operations (deliveries, activity
 * costs, market totals), drawn from the sample's one generator after its customers.
 */
import { utc } from "@date-fns/utc";
import { addDays } from "date-fns/addDays";
import type { Customer } from "../records/Customer.js";
import type { SurveyResponse } from "../records/SurveyResponse.js";
import {
  DAY,
  INDICATORS,
  round2,
  type SampleData,
  type SampleDelivery,
  type Sampler,
  type SampleTransaction,
} from "./sampler.js";

/** Termination notices: a few recent ones among buying customers, the first withdrawn. */
export function addNotices(g: Sampler, customers: Customer[], spendOf: ReadonlyMap<string, number>): void {
  const buyers = customers.filter((c) => spendOf.has(c.id));
  const noticeCount = Math.max(1, Math.round(buyers.length * 0.02));
  for (let k = 0; k < noticeCount && buyers.length > 0; k++) {
    const target = buyers[Math.floor(g.random() * buyers.length)]! as Record<string, unknown>;
    const noticeAt = g.monthStart(Math.max(0, g.months - 1 - Math.floor(g.random() * 5))) + DAY * 3;
    target.terminationNoticeAt = g.iso(noticeAt);
    if (k === 0) target.noticeWithdrawnAt = g.iso(Math.min(g.endTime, noticeAt + 20 * DAY));
  }
}

/**
 * Two survey waves: valuable customers grow less satisfied, the many small ones more
 * satisfied, so the plain average rises while the value-weighted one falls.
 */
export function makeSurvey(g: Sampler, spendOf: ReadonlyMap<string, number>): SampleData["survey"] {
  const spends = [...spendOf.values()].sort((a, b) => a - b);
  const highCut = spends[Math.floor(spends.length * 0.8)] ?? Number.POSITIVE_INFINITY;
  const clampScore = (x: number) => Math.min(10, Math.max(1, Math.round(x)));
  const before: SurveyResponse[] = [];
  const after: SurveyResponse[] = [];
  for (const [id, spend] of spendOf) {
    const high = spend >= highCut;
    const baseline = 6.5 + g.normal();
    const answer = (shift: number): Record<string, number | null> => {
      const scores: Record<string, number | null> = {};
      for (const indicator of INDICATORS) {
        scores[indicator] = g.random() < 0.05 ? null : clampScore(baseline + shift + 1.2 * g.normal());
      }
      return scores;
    };
    if (g.random() < 0.7) before.push({ customerId: id, scores: answer(high ? 1 : 0) });
    if (g.random() < 0.7) after.push({ customerId: id, scores: answer(high ? -0.8 : 0.8) });
  }
  return { indicators: [...INDICATORS], scale: [1, 10], before, after };
}

/** Deliveries, activity usage and costs, and market totals over the last twelve months. */
export function makeOperations(
  g: Sampler,
  transactions: readonly SampleTransaction[],
  customers: readonly Customer[],
) {
  const lastYearStart = g.monthStart(Math.max(0, g.months - 12));
  const deliveries: SampleDelivery[] = [];
  const orderCount = new Map<string, number>();
  let lastYearSales = 0;
  for (const t of transactions) {
    const at = Date.parse(t.date);
    if (at < lastYearStart || t.amount <= 0) continue;
    lastYearSales += t.amount;
    orderCount.set(t.customerId, (orderCount.get(t.customerId) ?? 0) + 1);
    const promised = addDays(at, 3, { in: utc }).getTime();
    const lateness = g.random() < 0.86 ? -Math.floor(g.random() * 2) : 1 + Math.floor(g.random() * 3);
    deliveries.push({
      customerId: t.customerId,
      promisedAt: g.iso(promised),
      deliveredAt: g.iso(addDays(promised, lateness, { in: utc }).getTime()),
    });
  }
  const activityUsage: SampleData["activityUsage"][number][] = [];
  const segmentOf = new Map(customers.map((c) => [c.id, c.segment]));
  for (const [customerId, orders] of orderCount) {
    activityUsage.push({ customerId, activity: "order handling", quantity: orders });
    const calls = Math.floor(g.random() * 4) + (orders > 20 ? 6 : 0);
    if (calls > 0) activityUsage.push({ customerId, activity: "support calls", quantity: calls });
    if (segmentOf.get(customerId) === "enterprise")
      activityUsage.push({
        customerId,
        activity: "account visits",
        quantity: 1 + Math.floor(g.random() * 4),
      });
  }
  const uses = (activity: string) => activityUsage.filter((u) => u.activity === activity).length;
  const activities = [
    { activity: "order handling", cost: round2(3 * deliveries.length) },
    { activity: "support calls", cost: round2(15 * uses("support calls") * 2) },
    { activity: "account visits", cost: round2(120 * uses("account visits") * 2) },
  ];
  const sales = round2(lastYearSales);
  return {
    deliveries,
    activities,
    activityUsage,
    market: { sales: round2(sales / 0.18), largestCompetitorSales: round2((sales / 0.18) * 0.24) },
  };
}
