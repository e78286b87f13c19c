/**
 * Fuzz and property tests of the BCG and rates modules: RUNS generated calls per
 * public function; rates in [0, 1] or null; partitions of customers kept.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  acquisitionRate,
  allocateCostToServe,
  bcgPlacement,
  churnRate,
  cohortRetention,
  customerPortfolio,
  customerProfitability,
  customerScorecard,
  marketShare,
  onTimeDeliveryRate,
  periodActivity,
  portfolioSummary,
  relativeMarketShare,
  retentionRate,
  retentionRateFromCounts,
} from "customer-value";
import {
  amountArb,
  compact,
  dateArb,
  dayStringArb,
  deepFreeze,
  durationArb,
  idArb,
  junkArb,
  logArb,
  okOrCvError,
  optionArb,
  orJunk,
  params,
  timeZoneArb,
  validLogArb,
  expectFuzzReachedResults,
  invariantParams,
} from "./helpers.js";

afterAll(() => expectFuzzReachedResults());

const num = (lo: number, hi: number) => orJunk(fc.double({ min: lo, max: hi, noNaN: true }), 10);
const count = orJunk(fc.integer({ min: 0, max: 50 }), 10);
const rateOk = (r: unknown) => r === null || (typeof r === "number" && r >= 0 && r <= 1);

/** Periods kept short so a call never walks thousands of empty periods. */
const coarsePeriod = fc.constantFrom("week", "month", "quarter", "year");

describe("bcg: fuzz (a clean result or a CustomerValueError)", () => {
  const bcgItemArb = fc.oneof(
    fc
      .record({ id: idArb, growth: num(-1, 5), relativeShare: num(0, 10), size: optionArb(amountArb) })
      .map(compact),
    fc
      .record({ id: idArb, growth: num(-1, 5), share: num(0, 1), largestCompetitorShare: num(0, 1) })
      .map(compact),
    junkArb,
  );
  const thresholds = fc
    .record({
      growthThreshold: optionArb(fc.double({ min: -1, max: 1, noNaN: true })),
      shareThreshold: optionArb(fc.double({ min: 0, max: 3, noNaN: true })),
    })
    .map(compact);

  it("bcgPlacement, then portfolioSummary of its result", () => {
    fc.assert(
      fc.property(fc.array(bcgItemArb, { maxLength: 6 }), thresholds, (items, options) => {
        deepFreeze([items, options]);
        const placed = okOrCvError("bcgPlacement", () => bcgPlacement(items as never, options as never));
        if (placed === undefined) return;
        expect(placed).toHaveLength(items.length);
        for (const p of placed) expect(["star", "cashCow", "questionMark", "dog"]).toContain(p.quadrant);
        const summary = okOrCvError("portfolioSummary", () => portfolioSummary(deepFreeze(placed)));
        if (summary !== undefined) {
          const counted = Object.values(summary.quadrants).reduce((s, q) => s + q.count, 0);
          expect(counted).toBe(placed.length);
        }
      }),
      params(),
    );
  });

  it("portfolioSummary on arbitrary rows", () => {
    const row = fc.oneof(
      fc
        .record({
          id: idArb,
          quadrant: orJunk(fc.constantFrom("star", "cashCow", "questionMark", "dog")),
          relativeShare: num(0, 5),
          size: optionArb(amountArb),
        })
        .map(compact),
      junkArb,
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), (rows) => {
        okOrCvError("portfolioSummary", () => portfolioSummary(deepFreeze(rows) as never));
      }),
      params(),
    );
  });

  it("marketShare and relativeMarketShare", () => {
    fc.assert(
      fc.property(num(-1, 1e12), num(-1, 1e12), (a, b) => {
        const s = okOrCvError("marketShare", () => marketShare(a as number, b as number));
        if (s !== undefined && s !== null) expect(s).toBeGreaterThanOrEqual(0);
        okOrCvError("relativeMarketShare", () => relativeMarketShare(a as number, b as number));
      }),
      params(),
    );
  });

  it("customerPortfolio", () => {
    fc.assert(
      fc.property(
        logArb(),
        orJunk(dayStringArb),
        optionArb(durationArb),
        optionArb(fc.oneof(fc.constantFrom("mean", "median"), fc.double({ min: 0, max: 1000, noNaN: true }))),
        optionArb(timeZoneArb),
        (log, asOf, window, relativeTo, timeZone) => {
          const options = deepFreeze(compact({ asOf, window, relativeTo, timeZone }));
          deepFreeze(log);
          const r = okOrCvError("customerPortfolio", () => customerPortfolio(log as never, options as never));
          if (r !== undefined) expect(new Set(r.map((p) => p.id)).size).toBe(r.length);
        },
      ),
      params(),
    );
  });
});

describe("rates: fuzz (a clean result or a CustomerValueError)", () => {
  const idSet = fc.oneof(
    fc.array(idArb, { maxLength: 6 }),
    fc.array(idArb, { maxLength: 6 }).map((a) => new Set(a)),
    junkArb,
  );

  it("retentionRate and churnRate: in [0, 1] or null, and they add up to 1", () => {
    fc.assert(
      fc.property(idSet, idSet, (start, end) => {
        const input = deepFreeze({ start, end }) as never;
        const r = okOrCvError("retentionRate", () => retentionRate(input));
        const c = okOrCvError("churnRate", () => churnRate(input));
        if (r !== undefined) expect(rateOk(r)).toBe(true);
        if (c !== undefined) expect(rateOk(c)).toBe(true);
        if (typeof r === "number" && typeof c === "number") expect(r + c).toBeCloseTo(1, 12);
      }),
      params(),
    );
  });

  it("retentionRateFromCounts and acquisitionRate", () => {
    fc.assert(
      fc.property(count, count, count, (s, e, n) => {
        const r = okOrCvError("retentionRateFromCounts", () =>
          retentionRateFromCounts(deepFreeze({ start: s, end: e, acquired: n }) as never),
        );
        if (r !== undefined) expect(rateOk(r)).toBe(true);
        okOrCvError("acquisitionRate", () => acquisitionRate(deepFreeze({ acquired: n, base: s }) as never));
      }),
      params(),
    );
  });

  it("customerProfitability", () => {
    fc.assert(
      fc.property(
        num(-1e12, 1e12),
        num(-10, 1e12),
        optionArb(fc.double({ min: 0, max: 1e6, noNaN: true })),
        (revenue, cost, costToServe) => {
          okOrCvError("customerProfitability", () =>
            customerProfitability(deepFreeze(compact({ revenue, cost, costToServe })) as never),
          );
        },
      ),
      params(),
    );
  });

  it("onTimeDeliveryRate", () => {
    const delivery = fc.oneof(
      fc.record({ promisedAt: orJunk(dateArb, 12), deliveredAt: orJunk(dateArb, 12) }),
      junkArb,
    );
    fc.assert(
      fc.property(
        fc.array(delivery, { maxLength: 6 }),
        optionArb(fc.constantFrom("day", "instant")),
        optionArb(timeZoneArb),
        (ds, compare, timeZone) => {
          const r = okOrCvError("onTimeDeliveryRate", () =>
            onTimeDeliveryRate(deepFreeze(ds) as never, deepFreeze(compact({ compare, timeZone })) as never),
          );
          if (r !== undefined) expect(rateOk(r)).toBe(true);
        },
      ),
      params(),
    );
  });

  it("allocateCostToServe: allocates the whole cost of used activities", () => {
    const activity = fc.constantFrom("calls", "visits", "__proto__", "constructor");
    const cost = fc.oneof(
      { weight: 30, arbitrary: fc.record({ activity, cost: orJunk(amountArb, 30) }) },
      { weight: 1, arbitrary: junkArb },
    );
    const use = fc.oneof(
      {
        weight: 30,
        arbitrary: fc.record({
          customerId: idArb,
          activity,
          quantity: orJunk(fc.integer({ min: 0, max: 9 }), 30),
        }),
      },
      { weight: 1, arbitrary: junkArb },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          // Every activity priced once (the usual case), in a random order.
          {
            weight: 4,
            arbitrary: fc
              .tuple(cost, cost, cost, cost)
              .map((cs) =>
                cs.map((c, k) =>
                  typeof c === "object" && c !== null && "cost" in c
                    ? { ...c, activity: ["calls", "visits", "__proto__", "constructor"][k] }
                    : c,
                ),
              ),
          },
          { weight: 1, arbitrary: fc.array(cost, { maxLength: 4 }) }, // duplicates (DUPLICATE_ID), missing pools (UNKNOWN_NAME)
        ),
        fc.array(use, { maxLength: 8 }),
        (costs, usage) => {
          const r = okOrCvError("allocateCostToServe", () =>
            allocateCostToServe(deepFreeze(costs) as never, deepFreeze(usage) as never),
          );
          if (r === undefined) return;
          // Only own keys, and each one a customer from the usage list.
          const users = new Set((usage as { customerId: string }[]).map((u) => u.customerId));
          for (const id of Object.keys(r)) expect(users.has(id)).toBe(true);
        },
      ),
      params(),
    );
  });

  it("periodActivity: rates in [0, 1] or null; every active customer counted once", () => {
    fc.assert(
      fc.property(
        logArb(),
        optionArb(coarsePeriod),
        optionArb(dayStringArb),
        optionArb(dayStringArb),
        optionArb(timeZoneArb),
        optionArb(fc.integer({ min: 1, max: 3 })),
        (log, period, from, to, timeZone, activeWindow) => {
          const options = deepFreeze(compact({ period, from, to, timeZone, activeWindow }));
          const rows = okOrCvError("periodActivity", () =>
            periodActivity(deepFreeze(log) as never, options as never),
          );
          if (rows === undefined) return;
          for (const row of rows) {
            for (const rate of [row.retentionRate, row.churnRate]) expect(rateOk(rate)).toBe(true);
            // acquisitionRate = new / previous active may exceed 1 (2 new customers on a base of 1).
            expect(row.acquisitionRate === null || row.acquisitionRate >= 0).toBe(true);
            expect(row.new + row.retained + row.reactivated).toBe(row.active);
          }
        },
      ),
      params(),
    );
  });

  it("cohortRetention: retention[0] = 1 and every share in [0, 1]", () => {
    fc.assert(
      fc.property(
        logArb(),
        optionArb(coarsePeriod),
        optionArb(fc.constantFrom("classic", "rolling")),
        optionArb(timeZoneArb),
        (log, period, mode, timeZone) => {
          const rows = okOrCvError("cohortRetention", () =>
            cohortRetention(
              deepFreeze(log) as never,
              deepFreeze(compact({ period, mode, timeZone })) as never,
            ),
          );
          if (rows === undefined) return;
          for (const row of rows) {
            expect(row.retention[0]).toBe(1);
            for (const r of row.retention) expect(rateOk(r)).toBe(true);
          }
        },
      ),
      params(),
    );
  });

  it("customerScorecard", () => {
    fc.assert(
      fc.property(
        logArb(),
        optionArb(
          fc.record({ sales: orJunk(amountArb), largestCompetitorSales: optionArb(amountArb) }).map(compact),
        ),
        optionArb(
          fc.oneof(
            fc.constantFrom(0, 100, 1e6),
            fc.record({
              activities: fc.constant([{ activity: "calls", cost: 10 }]),
              usage: fc.array(
                fc.record({
                  customerId: idArb,
                  activity: fc.constant("calls"),
                  quantity: fc.integer({ min: 0, max: 3 }),
                }),
                { maxLength: 3 },
              ),
            }),
          ),
        ),
        optionArb(coarsePeriod),
        optionArb(dayStringArb),
        optionArb(timeZoneArb),
        (transactions, market, costToServe, period, at, timeZone) => {
          const input = deepFreeze(compact({ transactions, market, costToServe }));
          const options = deepFreeze(compact({ period, at, timeZone }));
          const named =
            /^(customerScorecard|marketShare|relativeMarketShare|periodActivity|customerProfitability|allocateCostToServe|valueWeightedSatisfaction|onTimeDeliveryRate):/;
          const card = okOrCvError(named, () => customerScorecard(input as never, options as never));
          if (card === undefined) return;
          for (const rate of [card.retentionRate, card.churnRate, card.onTimeDeliveryRate])
            expect(rateOk(rate)).toBe(true);
        },
      ),
      params(),
    );
  });
});

describe("rates and bcg: invariants on valid logs", () => {
  it("periodActivity: revenue sums to the total of the log, whatever the row order", () => {
    fc.assert(
      fc.property(
        validLogArb(10).filter((l) => l.length > 0),
        timeZoneArb,
        (log, timeZone) => {
          const rows = periodActivity(deepFreeze(log), { period: "month", timeZone });
          const total = rows.reduce((s, r) => s + r.revenue, 0);
          const expected = log.reduce((s, t) => s + t.amount, 0);
          // Both sums here are naive, so they may differ by rounding: at most ~n ulps of the
          // largest partial sum (amounts reach 1e12). Exactness to the cent of the library's
          // own (compensated) totals is checked in numbers.test.ts.
          const magnitude = log.reduce((s, t) => s + Math.abs(t.amount), 0);
          expect(Math.abs(total - expected)).toBeLessThanOrEqual(
            1e-9 + 4 * log.length * Number.EPSILON * magnitude,
          );
          const reversed = periodActivity(deepFreeze([...log].reverse()), { period: "month", timeZone });
          expect(reversed.map((r) => [r.period, r.active, r.new, r.churned])).toEqual(
            rows.map((r) => [r.period, r.active, r.new, r.churned]),
          );
        },
      ),
      invariantParams(),
    );
  });

  it("cohortRetention: cohort sizes add up to the number of purchasing customers", () => {
    fc.assert(
      fc.property(validLogArb(10), (log) => {
        const rows = cohortRetention(deepFreeze(log), { period: "quarter" });
        const buyers = new Set(log.filter((t) => t.amount > 0).map((t) => t.customerId));
        expect(rows.reduce((s, r) => s + r.size, 0)).toBe(buyers.size);
      }),
      invariantParams(),
    );
  });
});
