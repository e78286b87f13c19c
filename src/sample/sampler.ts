/**
 * The sample data's types, constants and its one pseudo-random generator, shared by the
 * passes that build the sample.
 */
import { utc } from "@date-fns/utc";
import { addMonths } from "date-fns/addMonths";
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

export const REGIONS = ["North", "South", "East", "West"] as const;
export const INDICATORS = ["quality", "delivery", "service", "price"] as const;
export const PRODUCTS: readonly SampleProduct[] = [
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
export const PRODUCT_MIX_START = [0.3, 0.12, 0.06, 0.16, 0.1, 0.14, 0.02, 0.1];
export const PRODUCT_MIX_END = [0.26, 0.18, 0.12, 0.08, 0.1, 0.14, 0.1, 0.02];

export const round2 = (x: number) => Math.round(x * 100) / 100;
export const DAY = 86_400_000;

/** The checked options and the random draws every pass shares (one generator, drawn in a fixed order). */
export interface Sampler {
  readonly customerCount: number;
  readonly months: number;
  readonly startTime: number;
  readonly endTime: number;
  readonly random: () => number;
  readonly normal: () => number;
  readonly monthStart: (m: number) => number;
  readonly iso: (t: number) => string;
}

export function sampler(options: GenerateSampleDataOptions): Sampler {
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
