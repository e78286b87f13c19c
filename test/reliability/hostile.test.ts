/**
 * Hostile ids and fields: prototype keys, 10,000-character strings and Unicode must
 * work as data everywhere ids are keys; an empty id is a CustomerValueError; nothing
 * pollutes Object.prototype. Expected values are worked out by hand in the comments.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  allocateCostToServe,
  classifyLifecycles,
  cohortRetention,
  compositeValueScore,
  customerPortfolio,
  keyCustomers,
  paretoSplit,
  periodActivity,
  portfolioSummary,
  retentionRate,
  rfmSummary,
  transactionTable,
  validateCustomers,
  validateTransactions,
  valueWeightedSatisfaction,
} from "customer-value";
import { deepFreeze, expectCode, HOSTILE_IDS } from "./helpers.js";

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

afterEach(() => {
  // No call may have added or changed a member of Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
});

const IDS = [...HOSTILE_IDS];

describe("hostile ids work as data", () => {
  it("paretoSplit ranks hostile ids like any other (value i+1 for the i-th id)", () => {
    const items = deepFreeze(IDS.map((id, i) => ({ id, value: i + 1 })));
    const r = paretoSplit(items, { value: "value" });
    // 20 items, headShare 0.2: headCount = 4, the values 20, 19, 18, 17 (ids 19..16).
    expect(r.headCount).toBe(4);
    expect(r.head.map((x) => x.id)).toEqual([IDS[19], IDS[18], IDS[17], IDS[16]]);
    // total = 20 * 21 / 2 = 210; head = 20 + 19 + 18 + 17 = 74.
    expect(r.totalValue).toBe(210);
    expect(r.headValue).toBe(74);
  });

  it("keyCustomers keeps each hostile id once", () => {
    const items = deepFreeze(IDS.map((id, i) => ({ id, sales: i + 1, profit: 20 - i })));
    const r = keyCustomers(items, { sales: "sales", profit: "profit" });
    expect(r.customers.map((c) => c.id).sort()).toEqual([...IDS].sort());
  });

  it("periodActivity counts hostile customers (one purchase each, in 2011-01 and again in 2011-02)", () => {
    const log = deepFreeze(
      IDS.flatMap((id) => [
        { customerId: id, date: "2011-01-15", amount: 1 },
        { customerId: id, date: "2011-02-15", amount: 2 },
      ]),
    );
    const rows = periodActivity(log, { period: "month" });
    expect(rows.map((r) => [r.period, r.active, r.new, r.retained, r.revenue])).toEqual([
      ["2011-01", 20, 20, 0, 20],
      ["2011-02", 20, 0, 20, 40],
    ]);
    expect(rows[1]!.retentionRate).toBe(1);
    const cohorts = cohortRetention(log, { period: "month" });
    expect(cohorts).toHaveLength(1);
    expect(cohorts[0]).toMatchObject({ cohort: "2011-01", size: 20, retention: [1, 1] });
  });

  it("retentionRate counts hostile ids in sets", () => {
    // start = all 20, end = the first 5: 5 / 20 = 0.25.
    expect(retentionRate({ start: IDS, end: IDS.slice(0, 5) })).toBe(0.25);
  });

  it("rfmSummary and transactionTable keep hostile ids as ids", () => {
    const log = deepFreeze(
      IDS.flatMap((id) => [
        { customerId: id, date: "2011-01-01", amount: 10 },
        { customerId: id, date: "2011-01-11", amount: 30 },
      ]),
    );
    const rows = rfmSummary(log);
    expect(rows).toHaveLength(20);
    for (const row of rows) {
      // one repeat day, 10 days after the first; T = 10 (the last date); monetary = 30.
      expect([row.frequency, row.recency, row.T, row.monetaryValue]).toEqual([1, 10, 10, 30]);
    }
    expect(transactionTable(log).customerIds).toEqual(IDS);
  });

  it("classifyLifecycles classifies every hostile customer", () => {
    const customers = deepFreeze(IDS.map((id) => ({ id })));
    const log = deepFreeze(IDS.map((id) => ({ customerId: id, date: "2011-12-01", amount: 5 })));
    const rows = classifyLifecycles(customers, log, { asOf: "2011-12-31" });
    expect(rows.map((r) => r.customerId)).toEqual(IDS);
    // First purchase 30 days before asOf, inside the 3-month socialization window.
    for (const r of rows) expect(r.stage).toBe("socialization");
  });

  it("valueWeightedSatisfaction reads hostile ids from a Map and from own keys", () => {
    const responses = deepFreeze(IDS.map((id, i) => ({ customerId: id, scores: { q: (i % 10) + 1 } })));
    const values = new Map(IDS.map((id) => [id, 2]));
    const r = valueWeightedSatisfaction(responses, values);
    // Equal values: weighted = unweighted = mean of (i % 10) + 1 over i = 0..19 = 5.5.
    expect(r.indicators.q!.weighted).toBeCloseTo(5.5, 12);
    const own = Object.fromEntries(IDS.map((id) => [id, 2]));
    expect(valueWeightedSatisfaction(responses, deepFreeze(own)).indicators.q!.weighted).toBeCloseTo(5.5, 12);
  });

  it("allocateCostToServe returns hostile ids as own keys", () => {
    const r = allocateCostToServe(
      deepFreeze([{ activity: "__proto__", cost: 90 }]),
      deepFreeze([
        { customerId: "__proto__", activity: "__proto__", quantity: 1 },
        { customerId: "constructor", activity: "__proto__", quantity: 2 },
      ]),
    );
    // 90 split 1 : 2 -> 30 and 60.
    expect(Object.getOwnPropertyDescriptor(r, "__proto__")?.value).toBe(30);
    expect(Object.getOwnPropertyDescriptor(r, "constructor")?.value).toBe(60);
    expect(JSON.parse(JSON.stringify(r))).toEqual(JSON.parse('{"__proto__":30,"constructor":60}'));
  });

  it("customerPortfolio and portfolioSummary place hostile ids", () => {
    const log = deepFreeze(
      ["__proto__", "constructor", "toString"].flatMap((id, i) => [
        { customerId: id, date: "2010-06-01", amount: 100 },
        { customerId: id, date: "2011-06-01", amount: 100 * (i + 1) },
      ]),
    );
    const placed = customerPortfolio(log, { asOf: "2011-12-31" });
    expect(placed.map((p) => p.id).sort()).toEqual(["__proto__", "constructor", "toString"]);
    const summary = portfolioSummary(placed);
    expect(summary.count).toBe(3);
  });

  it("compositeValueScore scores records whose id is hostile", () => {
    const records = deepFreeze(IDS.slice(0, 6).map((id, i) => ({ id, profit: i })));
    const rows = compositeValueScore(records, { formula: "profit * 2", normalize: "none" }, { id: "id" });
    expect(new Map(rows.map((r) => [r.id, r.score]))).toEqual(
      new Map(IDS.slice(0, 6).map((id, i) => [id, i * 2])),
    );
  });
});

describe("empty and non-string ids are errors", () => {
  it("an empty customerId is INVALID_RECORD everywhere records are read", () => {
    const log = deepFreeze([{ customerId: "", date: "2011-01-01", amount: 1 }]);
    expectCode(() => validateTransactions(log), "INVALID_RECORD");
    expectCode(() => periodActivity(log), "INVALID_RECORD");
    expectCode(() => rfmSummary(log), "INVALID_RECORD");
    expectCode(() => transactionTable(log), "INVALID_RECORD");
    expectCode(() => validateCustomers([{ id: "" }]), "INVALID_RECORD");
    expectCode(() => paretoSplit([{ id: "", value: 1 }], { value: "value" }), "INVALID_RECORD");
  });

  it('a number as id is not converted (17850 must arrive as "17850")', () => {
    expectCode(
      () => validateTransactions([{ customerId: 17850, date: "2011-01-01", amount: 1 }]),
      "INVALID_RECORD",
    );
  });
});
