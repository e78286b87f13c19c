import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Period, periodEnd, periodIndex, periodKeyOf, periodStart } from "../internal/dates.js";
import { cohortRetention } from "./cohortRetention.js";
import { periodActivity } from "./periodActivity.js";
import { setBitSetMaxWords } from "./purchasePeriods.js";

const ids = ["a", "b", "c", "d", "e", "__proto__"];
const T0 = Date.UTC(2010, 11, 20);
const T1 = Date.UTC(2011, 5, 10);
const transaction = fc.record({
  customerId: fc.constantFrom(...ids),
  date: fc.integer({ min: T0, max: T1 }).map((t) => new Date(t).toISOString()),
  amount: fc.constantFrom(-5, 0, 3.5, 10, 20),
});
const settings = fc.record({
  period: fc.constantFrom<Period>("day", "week", "month", "quarter"),
  activeWindow: fc.integer({ min: 1, max: 3 }),
  timeZone: fc.constantFrom(undefined, "Asia/Shanghai", "Pacific/Chatham", "America/Los_Angeles"),
});

/**
 * Partial by days: period q is fully observed when its first and its last day (day indices in
 * the zone) both lie between the day of the earliest and the day of the latest transaction.
 */
function partialOracle(
  log: readonly { date: string }[],
  period: Period,
  timeZone: string | undefined,
): (q: number) => boolean {
  const day = (t: number) => periodIndex(t, "day", timeZone);
  const days = log.map((t) => day(Date.parse(t.date)));
  const firstDay = Math.min(...days);
  const lastDay = Math.max(...days);
  return (q) =>
    day(periodStart(q, period, timeZone)) < firstDay || day(periodEnd(q, period, timeZone) - 1) > lastDay;
}

/** The definitions of API.md, with plain Sets, period by period (slow but obvious). */
function oracle(
  log: readonly { customerId: string; date: string; amount: number }[],
  period: Period,
  activeWindow: number,
  timeZone: string | undefined,
) {
  const p = (d: string) => periodIndex(Date.parse(d), period, timeZone);
  const all = log.map((t) => p(t.date));
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const buyers = new Map<number, Set<string>>();
  const first = new Map<string, number>();
  for (const t of log) {
    if (t.amount <= 0) continue;
    const q = p(t.date);
    if (!buyers.has(q)) buyers.set(q, new Set());
    buyers.get(q)!.add(t.customerId);
    first.set(t.customerId, Math.min(first.get(t.customerId) ?? Infinity, q));
  }
  const activeIn = (q: number) => {
    const s = new Set<string>();
    for (let back = 0; back < activeWindow; back++) for (const c of buyers.get(q - back) ?? []) s.add(c);
    return s;
  };
  const isPartial = partialOracle(log, period, timeZone);
  const rows = [];
  for (let q = lo; q <= hi; q++) {
    const prev = activeIn(q - 1);
    const now = activeIn(q);
    const isNew = [...now].filter((c) => first.get(c) === q).length;
    const retained = [...now].filter((c) => prev.has(c)).length;
    rows.push({
      period: periodKeyOf(q, period),
      previousActive: prev.size,
      active: now.size,
      new: isNew,
      retained,
      reactivated: now.size - retained - isNew,
      churned: [...prev].filter((c) => !now.has(c)).length,
      partial: isPartial(q),
    });
  }
  return rows;
}

/** cohortRetention by its definition (DOMAIN.md 4, API.md), customer by customer with plain Maps. */
function cohortOracle(
  log: readonly { customerId: string; date: string; amount: number }[],
  period: Period,
  mode: "classic" | "rolling",
  timeZone: string | undefined,
) {
  const p = (d: string) => periodIndex(Date.parse(d), period, timeZone);
  const dataHi = Math.max(...log.map((t) => p(t.date)));
  const bought = new Map<string, Set<number>>();
  for (const t of log) {
    if (t.amount <= 0) continue;
    if (!bought.has(t.customerId)) bought.set(t.customerId, new Set());
    bought.get(t.customerId)!.add(p(t.date));
  }
  const isPartial = partialOracle(log, period, timeZone);
  const cohortOf = new Map([...bought].map(([id, periods]) => [id, Math.min(...periods)]));
  const cohorts = [...new Set(cohortOf.values())].sort((a, b) => a - b);
  return cohorts.map((cohort) => {
    const members = [...cohortOf].filter(([, f]) => f === cohort).map(([id]) => id);
    const active: number[] = [];
    const revenue: number[] = [];
    for (let q = cohort; q <= dataHi; q++) {
      const buys = (id: string) => [...bought.get(id)!].some((b) => (mode === "classic" ? b === q : b >= q));
      active.push(members.filter(buys).length);
      revenue.push(
        log
          .filter((t) => members.includes(t.customerId) && p(t.date) === q)
          .reduce((sum, t) => sum + t.amount, 0),
      );
    }
    return {
      cohort: periodKeyOf(cohort, period),
      size: members.length,
      active,
      retention: active.map((a) => a / members.length),
      revenue,
      revenueRetention: revenue.map((r) => (revenue[0]! > 0 ? r / revenue[0]! : null)),
      partial: isPartial(cohort),
      lastColumnPartial: isPartial(dataHi),
    };
  });
}

// Every case runs through both ways of grouping purchase periods by customer (purchasePeriods.ts):
// the bit set per customer (the log here spans at most 173 days: 1 to 6 words) and the counting sort.
describe.each([
  ["bit sets", undefined],
  ["counting sort", 0],
])("grouped by %s", (_, words) => {
  beforeAll(() => setBitSetMaxWords(words));
  afterAll(() => setBitSetMaxWords());

  describe("periodActivity properties", () => {
    it("balances every row and matches the set definitions", () => {
      fc.assert(
        fc.property(fc.array(transaction, { minLength: 1, maxLength: 40 }), settings, (log, s) => {
          const tz = s.timeZone;
          const rows = periodActivity(log, {
            period: s.period,
            activeWindow: s.activeWindow,
            ...(tz === undefined ? {} : { timeZone: tz }),
          });
          const inUnit = (x: number | null) => x === null || (x >= 0 && x <= 1);
          const nonNegative = (x: number | null) => x === null || (x >= 0 && Number.isFinite(x));
          rows.forEach((r, i) => {
            expect(r.retained + r.churned).toBe(r.previousActive);
            expect(r.retained + r.new + r.reactivated).toBe(r.active);
            expect(r.previousActive).toBe(i === 0 ? 0 : rows[i - 1]!.active);
            expect(inUnit(r.retentionRate) && inUnit(r.churnRate)).toBe(true);
            expect(nonNegative(r.acquisitionRate) && nonNegative(r.quickRatio)).toBe(true);
            expect(r.retentionRate === null).toBe(r.previousActive === 0);
            expect(r.quickRatio === null).toBe(r.churned === 0);
            expect(Number.isFinite(r.revenue)).toBe(true);
          });
          const stripped = rows.map(
            ({ period, previousActive, active, retained, reactivated, churned, partial, ...r }) => ({
              period,
              previousActive,
              active,
              new: r.new,
              retained,
              reactivated,
              churned,
              partial,
            }),
          );
          expect(stripped).toEqual(oracle(log, s.period, s.activeWindow, tz));
        }),
        { numRuns: 300 },
      );
    });

    it("cohortRetention matches the set definitions in both modes", () => {
      fc.assert(
        fc.property(
          fc.array(transaction, { minLength: 1, maxLength: 40 }),
          settings,
          fc.constantFrom<"classic" | "rolling">("classic", "rolling"),
          (log, s, mode) => {
            const tz = s.timeZone;
            const rows = cohortRetention(log, {
              period: s.period,
              mode,
              ...(tz === undefined ? {} : { timeZone: tz }),
            });
            // Amounts are multiples of 0.5, so every sum is exact and toEqual can compare them.
            expect(rows).toEqual(cohortOracle(log, s.period, mode, tz));
          },
        ),
        { numRuns: 300 },
      );
    });

    it("cohort sizes add up to the new customers, and rolling retention never rises", () => {
      fc.assert(
        fc.property(fc.array(transaction, { minLength: 1, maxLength: 40 }), settings, (log, s) => {
          const tz = s.timeZone === undefined ? {} : { timeZone: s.timeZone };
          const news = periodActivity(log, { period: s.period, ...tz }).reduce((n, r) => n + r.new, 0);
          const classic = cohortRetention(log, { period: s.period, ...tz });
          const rolling = cohortRetention(log, { period: s.period, mode: "rolling", ...tz });
          expect(classic.reduce((n, c) => n + c.size, 0)).toBe(news);
          rolling.forEach((c, i) => {
            expect(c.retention[0]).toBe(1);
            for (let k = 1; k < c.retention.length; k++) {
              expect(c.retention[k]!).toBeLessThanOrEqual(c.retention[k - 1]!);
              expect(c.retention[k]!).toBeGreaterThanOrEqual(classic[i]!.retention[k]!);
            }
          });
        }),
        { numRuns: 200 },
      );
    });
  });
});
