import { utc } from "@date-fns/utc";
import { addDays, addMonths, getDaysInMonth } from "date-fns";
import { assertInRange, assertInteger, assertOptions } from "../internal/assert.js";
import { toTime } from "../internal/dates.js";
import type { Customer } from "../records/Customer.js";
import type { SurveyResponse } from "../records/SurveyResponse.js";
import type { Transaction } from "../records/Transaction.js";

/** Options of {@link generateSampleData}. */
export interface GenerateSampleDataOptions {
  /** Number of customers, prospects included, 1 to 10,000,000 (default 400). */
  readonly customers?: number;
  /** Number of calendar months of history, 1 to 12,000 (default 24). */
  readonly months?: number;
  /** Seed of the pseudo-random generator (default 42); the same seed gives the same data everywhere. */
  readonly seed?: number;
  /** First day of the history, UTC (default `"2023-01-01"`; a later day of the month is moved to its first). */
  readonly start?: string | Date;
}

/** A sample transaction: a `Transaction` plus the product and invoice it belongs to. */
export interface SampleTransaction extends Transaction {
  readonly date: string;
  readonly profit: number;
  readonly quantity: number;
  readonly productId: string;
  readonly invoiceId: string;
}

/** Market data of one product, for the BCG growth-share matrix. */
export interface SampleProduct {
  readonly id: string;
  readonly name: string;
  /** Our market share (fraction). */
  readonly share: number;
  /** The largest competitor's market share (fraction). */
  readonly largestCompetitorShare: number;
  /** Market growth rate per year (fraction). */
  readonly growth: number;
}

/** One delivery, for the on-time delivery rate. */
export interface SampleDelivery {
  readonly customerId: string;
  readonly promisedAt: string;
  readonly deliveredAt: string;
}

/** The whole sample: everything a demo of every module needs. */
export interface SampleData {
  /** First instant of the history (UTC, ISO-8601). */
  readonly start: string;
  /** The natural `asOf` of the sample: the last instant of the history (ISO-8601). */
  readonly asOf: string;
  readonly customers: Customer[];
  /** Transactions sorted by date; returns have a negative amount. */
  readonly transactions: SampleTransaction[];
  /** Two survey waves on a 1–10 scale, twelve months apart; `null` = indicator skipped. */
  readonly survey: {
    readonly indicators: readonly string[];
    readonly scale: readonly [number, number];
    readonly before: SurveyResponse[];
    readonly after: SurveyResponse[];
  };
  readonly products: SampleProduct[];
  /** Deliveries of the last twelve months. */
  readonly deliveries: SampleDelivery[];
  /** Activity cost pools of the last twelve months, for activity-based cost to serve. */
  readonly activities: { readonly activity: string; readonly cost: number }[];
  /** How much of each activity each customer used in the last twelve months. */
  readonly activityUsage: {
    readonly customerId: string;
    readonly activity: string;
    readonly quantity: number;
  }[];
  /** Market totals of the last twelve months, for market share. */
  readonly market: { readonly sales: number; readonly largestCompetitorSales: number };
}

/** sfc32, seeded through splitmix32: small, fast, and the same on every platform. */
function makeRandom(seed: number): () => number {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

const REGIONS = ["North", "South", "East", "West"] as const;
const INDICATORS = ["quality", "delivery", "service", "price"] as const;
const PRODUCTS: readonly SampleProduct[] = [
  { id: "P01", name: "Core subscription", share: 0.32, largestCompetitorShare: 0.18, growth: 0.04 },
  { id: "P02", name: "Analytics add-on", share: 0.21, largestCompetitorShare: 0.14, growth: 0.22 },
  { id: "P03", name: "Mobile app", share: 0.06, largestCompetitorShare: 0.25, growth: 0.31 },
  { id: "P04", name: "Legacy hardware", share: 0.05, largestCompetitorShare: 0.3, growth: -0.06 },
  { id: "P05", name: "Training", share: 0.12, largestCompetitorShare: 0.12, growth: 0.1 },
  { id: "P06", name: "Premium support", share: 0.28, largestCompetitorShare: 0.2, growth: 0.02 },
  { id: "P07", name: "AI assistant", share: 0.04, largestCompetitorShare: 0.16, growth: 0.45 },
  { id: "P08", name: "Printed catalogue", share: 0.03, largestCompetitorShare: 0.22, growth: -0.12 },
];
/** Share of orders per product at the start and at the end of the history (growing and shrinking lines). */
const PRODUCT_MIX_START = [0.3, 0.12, 0.06, 0.16, 0.1, 0.14, 0.02, 0.1];
const PRODUCT_MIX_END = [0.26, 0.18, 0.12, 0.08, 0.1, 0.14, 0.1, 0.02];

const round2 = (x: number) => Math.round(x * 100) / 100;
const DAY = 86_400_000;

/**
 * A deterministic generator of realistic customer data: the built-in sample of the
 * demo, the examples and the benchmarks.
 *
 * What it builds, so that every analysis has something to find:
 * - heavy-tailed customer values (log-normal spend rates), so the 80/20 pattern appears;
 *   a few small, demanding customers lose money, so the whale curve peaks above 100%;
 * - seasonality (a fourth-quarter peak), new customers every month, churn, and win-backs
 *   after gaps of seven months or more; prospects who never buy;
 * - returns (negative amounts), profit and quantity on every row, a product per row;
 * - a few termination notices, one withdrawn; growing, stable and declining customers;
 * - two survey waves on a 1–10 scale over four indicators in which the valuable
 *   customers grow less satisfied while the plain average rises (a satisfaction trap);
 * - deliveries, activity costs and market totals for the scorecard, and product market data for BCG.
 *
 * The same options give byte-identical output on every platform and in every time zone.
 *
 * @param options - size, seed and start of the sample
 * @returns the sample data set
 * @throws {CustomerValueError} `INVALID_OPTION` for a size that is not a whole number >= 1
 * @example
 * const sample = generateSampleData({ customers: 50, months: 12, seed: 7 });
 * sample.customers.length; // => 50
 */
export function generateSampleData(options: GenerateSampleDataOptions = {}): SampleData {
  const g = sampler(options);
  const { customers, transactions, spendOf } = makeCustomers(g);
  transactions.sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.invoiceId < b.invoiceId ? -1 : 1,
  );
  addNotices(g, customers, spendOf);
  const survey = makeSurvey(g, spendOf);
  const operations = makeOperations(g, transactions, customers);
  return {
    start: g.iso(g.startTime),
    asOf: g.iso(g.endTime),
    customers,
    transactions,
    survey,
    products: PRODUCTS.map((p) => ({ ...p })),
    ...operations,
  };
}

/** The checked options and the random draws every pass shares (one generator, drawn in a fixed order). */
interface Sampler {
  readonly customerCount: number;
  readonly months: number;
  readonly startTime: number;
  readonly endTime: number;
  readonly random: () => number;
  readonly normal: () => number;
  readonly monthStart: (m: number) => number;
  readonly iso: (t: number) => string;
}

function sampler(options: GenerateSampleDataOptions): Sampler {
  const fn = "generateSampleData";
  assertOptions(options, fn);
  const { customers: customerCount = 400, months = 24, seed = 42, start = "2023-01-01" } = options;
  assertInteger(customerCount, `${fn}: customers`, 1);
  assertInRange(customerCount, `${fn}: customers`, 1, 10_000_000); // a sample, not a load test
  assertInteger(months, `${fn}: months`, 1);
  assertInRange(months, `${fn}: months`, 1, 12_000); // 1,000 years; beyond that dates leave the Date range
  assertInteger(seed, `${fn}: seed`, 0);
  const startDay = new Date(toTime(start, `${fn}: start`));
  const startTime = Date.UTC(startDay.getUTCFullYear(), startDay.getUTCMonth(), 1);
  const monthStart = (m: number) => addMonths(startTime, m, { in: utc }).getTime();
  const random = makeRandom(seed);
  const normal = () => {
    const u = 1 - random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const iso = (t: number) => new Date(t).toISOString().replace(".000Z", "Z");
  return {
    customerCount,
    months,
    startTime,
    endTime: monthStart(months) - 1000,
    random,
    normal,
    monthStart,
    iso,
  };
}

/** How one buying customer buys. */
interface Profile {
  readonly id: string;
  readonly spend: number;
  readonly joinMonth: number;
  readonly demanding: boolean;
  readonly buyProbability: number;
  readonly margin: number;
  readonly trend: number;
}

/** Every customer, with the buyers' transactions and their spend rates. */
function makeCustomers(g: Sampler) {
  const customers: Customer[] = [];
  const transactions: SampleTransaction[] = [];
  const spendOf = new Map<string, number>();
  const idWidth = Math.max(4, String(g.customerCount).length);
  const invoices = { count: 0 };
  for (let c = 0; c < g.customerCount; c++) {
    const id = `C${String(c + 1).padStart(idWidth, "0")}`;
    const region = REGIONS[Math.floor(g.random() * REGIONS.length)]!;
    const spend = Math.exp(4 + 1.15 * g.normal()); // log-normal monthly spend rate: heavy tail
    const segment = spend > 200 ? "enterprise" : spend > 60 ? "smb" : "consumer";
    const prospect = g.random() < 0.08;
    // 30% are customers when the history starts; the rest join month by month.
    const joinMonth = g.random() < 0.3 ? 0 : 1 + Math.floor(g.random() * Math.max(1, g.months - 1));
    const firstContact = g.monthStart(Math.max(0, joinMonth - 1)) + Math.floor(g.random() * 28) * DAY;
    const customer: Record<string, unknown> = {
      id,
      name: `Customer ${c + 1}`,
      region,
      segment,
      firstContactAt: g.iso(firstContact),
    };
    customers.push(customer as Customer);
    if (prospect) {
      customer.satisfaction = Math.round(5 + 2 * g.random());
      continue;
    }
    const value = buyingHistory(g, profileOf(g, id, spend, joinMonth), transactions, invoices);
    if (value === 0) continue; // joined too late to buy: a prospect after all
    spendOf.set(id, spend);
    customer.value = round2(value);
    customer.satisfaction = Math.min(10, Math.max(1, Math.round(7 + 1.5 * g.normal())));
  }
  return { customers, transactions, spendOf };
}

/**
 * Buying rhythm: valuable customers buy more often; a few small ones order very often in
 * tiny amounts and cost more to serve than they bring (the whale curve's tail).
 */
function profileOf(g: Sampler, id: string, spend: number, joinMonth: number): Profile {
  const demanding = spend < 30 && g.random() < 0.25;
  const buyProbability = demanding
    ? 0.85
    : Math.min(0.9, 0.25 + 0.12 * Math.log1p(spend / 20) + 0.2 * g.random());
  const margin = demanding ? 0.18 : 0.25 + 0.2 * g.random();
  const trend = g.random() < 0.2 ? 0.04 : g.random() < 0.25 ? -0.05 : 0; // growing, declining or steady
  return { id, spend, joinMonth, demanding, buyProbability, margin, trend };
}

/** A customer's months from joining: churn, win-backs, orders; returns the total amount. */
function buyingHistory(
  g: Sampler,
  profile: Profile,
  out: SampleTransaction[],
  invoices: { count: number },
): number {
  const { joinMonth } = profile;
  let active = true;
  let returnMonth = -1;
  let value = 0;
  for (let m = joinMonth; m < g.months; m++) {
    if (!active && m !== returnMonth) continue;
    active = true;
    if (m > joinMonth && g.random() < 0.025) {
      active = false; // churn; a quarter come back after a gap of 7 to 12 months
      if (g.random() < 0.25) returnMonth = m + 7 + Math.floor(g.random() * 6);
      continue;
    }
    const monthDate = new Date(g.monthStart(m));
    const seasonal = monthDate.getUTCMonth() >= 9 ? 1.35 : monthDate.getUTCMonth() < 2 ? 0.85 : 1;
    if (m !== joinMonth && g.random() > Math.min(0.97, profile.buyProbability * seasonal)) continue;
    value += monthOrders(g, { profile, m, seasonal, monthDate }, out, invoices);
  }
  return value;
}

/** The orders of one month (and any partial return of them); returns their total amount. */
function monthOrders(
  g: Sampler,
  month: { profile: Profile; m: number; seasonal: number; monthDate: Date },
  out: SampleTransaction[],
  invoices: { count: number },
): number {
  const { profile, m, seasonal, monthDate } = month;
  const { demanding, spend, margin } = profile;
  const level = Math.max(0.05, 1 + profile.trend * (m - profile.joinMonth));
  const orders = demanding ? 2 + Math.floor(g.random() * 3) : 1 + (g.random() < 0.25 ? 1 : 0);
  const days = getDaysInMonth(monthDate, { in: utc });
  const t0 = g.monthStart(m);
  let value = 0;
  for (let o = 0; o < orders; o++) {
    const at =
      t0 +
      Math.floor(g.random() * days) * DAY +
      Math.floor(8 + g.random() * 12) * 3_600_000 +
      Math.floor(g.random() * 60) * 60_000;
    const amount = round2(
      demanding ? 8 + 15 * g.random() : (spend * level * seasonal * (0.6 + 0.8 * g.random())) / orders + 5,
    );
    const quantity = 1 + Math.floor(g.random() * (demanding ? 2 : 8));
    const productId = pickProduct(g, m / Math.max(1, g.months - 1));
    const invoiceId = `INV${String(++invoices.count).padStart(7, "0")}`;
    const customerId = profile.id;
    const profit = round2(amount * margin - (demanding ? 9 : 6));
    out.push({ customerId, date: g.iso(at), amount, profit, quantity, productId, invoiceId });
    value += amount;
    if (g.random() >= 0.03) continue;
    // A partial return some days later (if it still falls within the history).
    const back = at + (2 + Math.floor(g.random() * 10)) * DAY;
    if (back > g.endTime) continue;
    const refund = round2(-amount * (0.3 + 0.7 * g.random()));
    const refundProfit = round2(refund * margin);
    out.push({
      customerId,
      date: g.iso(back),
      amount: refund,
      profit: refundProfit,
      quantity: -1,
      productId,
      invoiceId: `C${invoiceId}`,
    });
    value += refund;
  }
  return value;
}

/** A product by the mix of the moment (`mix` from 0 at the start to 1 at the end). */
function pickProduct(g: Sampler, mix: number): string {
  let u = g.random();
  let p = 0;
  for (; p < PRODUCTS.length - 1; p++) {
    u -= PRODUCT_MIX_START[p]! * (1 - mix) + PRODUCT_MIX_END[p]! * mix;
    if (u < 0) break;
  }
  return PRODUCTS[p]!.id;
}

/** Termination notices: a few recent ones among buying customers, the first withdrawn. */
function addNotices(g: Sampler, customers: Customer[], spendOf: ReadonlyMap<string, number>): void {
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
function makeSurvey(g: Sampler, spendOf: ReadonlyMap<string, number>): SampleData["survey"] {
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
function makeOperations(
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
