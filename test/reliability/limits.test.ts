/**
 * Limits: documented behaviour at 0 and 1 customers; junk in place of an options
 * object; no stack overflow or quadratic blow-up on large inputs. A 10M-row run is
 * too slow for CI: the large tests use 2M rows, past the ~120k-argument limit where a
 * spread into Math.max/min or push(...) would overflow the stack (see docs/errors.md).
 */
import { describe, expect, it } from "vitest";
import * as api from "customer-value";
import {
  abcClassify,
  classifyLifecycles,
  cohortRetention,
  concentrationSummary,
  CustomerValueError,
  customerPortfolio,
  customerScorecard,
  gini,
  keyCustomers,
  lifecycleSummary,
  lifecycleTimeline,
  lorenzCurve,
  paretoSplit,
  periodActivity,
  rfmSummary,
  transactionTableFromColumns,
  validateCustomers,
  whaleCurve,
} from "customer-value";
import { deepFreeze, expectClean, expectCode } from "./helpers.js";

const ONE = deepFreeze([{ customerId: "A", date: "2011-03-04", amount: 10 }]);

describe("0 customers", () => {
  it("value analyses of no items are EMPTY_INPUT", () => {
    expectCode(() => paretoSplit([], { value: "value" }), "EMPTY_INPUT");
    expectCode(() => abcClassify([], { value: "value" }), "EMPTY_INPUT");
    expectCode(() => lorenzCurve([]), "EMPTY_INPUT");
    expectCode(() => gini([]), "EMPTY_INPUT");
    expectCode(() => whaleCurve([], { profit: "profit" }), "EMPTY_INPUT");
    expectCode(() => keyCustomers([], { sales: "s", profit: "p" }), "EMPTY_INPUT");
    expectCode(() => concentrationSummary([], { value: "value" }), "EMPTY_INPUT");
  });

  it("an empty log gives no periods, no cohorts, no summary rows; an empty base gives zero counts", () => {
    expect(periodActivity([])).toEqual([]);
    expect(cohortRetention([])).toEqual([]);
    expect(rfmSummary([])).toEqual([]);
    expect(classifyLifecycles([], [], { asOf: "2011-12-31" })).toEqual([]);
    const summary = lifecycleSummary([]);
    expect(summary.customers).toBe(0);
    for (const s of summary.stages) expect([s.count, s.share]).toEqual([0, null]);
    expectClean(lifecycleTimeline([], [], { from: "2011-01-01", to: "2011-03-01" }));
    expect(customerPortfolio([], { asOf: "2011-12-31" })).toEqual([]);
  });

  it("the scorecard of an empty log has null rates, never NaN", () => {
    const card = customerScorecard({ transactions: [] }, { at: "2011-03-04" });
    expectClean(card);
    expect(card.retentionRate).toBeNull();
  });
});

describe("1 customer", () => {
  it("Pareto: the one customer is the head and holds everything; gini is 0; corrected gini needs 2", () => {
    const r = paretoSplit([{ id: "A", value: 5 }], { value: "value" });
    // headCount = smallest k >= 0.2 * 1 -> 1.
    expect([r.headCount, r.headValueShare, r.cutoffValue]).toEqual([1, 1, 5]);
    expect(gini([5])).toBe(0);
    expectCode(() => gini([5], { corrected: true }), "INVALID_OPTION");
    expect(lorenzCurve([5])).toEqual([
      { customerShare: 0, valueShare: 0 },
      { customerShare: 1, valueShare: 1 },
    ]);
  });

  it("one purchase: one active period, no retention base, a socialization-stage customer", () => {
    const [row] = periodActivity(ONE);
    expect([row!.active, row!.new, row!.retentionRate, row!.churnRate]).toEqual([1, 1, null, null]);
    expect(rfmSummary(ONE)).toEqual([{ customerId: "A", frequency: 0, recency: 0, T: 0, monetaryValue: 0 }]);
    const [c] = classifyLifecycles([{ id: "A" }], ONE, { asOf: "2011-03-05" });
    expect(c!.stage).toBe("socialization");
  });

  it("a single zero value: shares are ZERO_TOTAL, not NaN", () => {
    expectCode(() => paretoSplit([{ id: "A", value: 0 }], { value: "value" }), "ZERO_TOTAL");
    expectCode(() => lorenzCurve([0]), "ZERO_TOTAL");
  });
});

describe("junk in place of an options object", () => {
  // Every public function that takes options, called with valid data and junk options.
  const calls: Record<string, (o: unknown) => unknown> = {
    paretoSplit: (o) => paretoSplit([{ id: "A", value: 1 }], o as never),
    abcClassify: (o) => abcClassify([{ id: "A", value: 1 }], o as never),
    gini: (o) => gini([1, 2], o as never),
    whaleCurve: (o) => whaleCurve([{ id: "A", profit: 1 }], o as never),
    keyCustomers: (o) => keyCustomers([{ id: "A", s: 1, p: 1 }], o as never),
    concentrationSummary: (o) => concentrationSummary([{ id: "A", value: 1 }], o as never),
    periodActivity: (o) => periodActivity(ONE, o as never),
    cohortRetention: (o) => cohortRetention(ONE, o as never),
    customerPortfolio: (o) => customerPortfolio(ONE, o as never),
    customerScorecard: (o) => customerScorecard({ transactions: ONE }, o as never),
    bcgPlacement: (o) => api.bcgPlacement([{ id: "A", growth: 0, relativeShare: 1 }], o as never),
    onTimeDeliveryRate: (o) =>
      api.onTimeDeliveryRate([{ promisedAt: "2011-01-01", deliveredAt: "2011-01-01" }], o as never),
    classifyLifecycle: (o) => api.classifyLifecycle({ transactions: ONE }, o as never),
    classifyLifecycles: (o) => classifyLifecycles([{ id: "A" }], ONE, o as never),
    lifecycleSummary: (o) => lifecycleSummary([], o as never),
    lifecycleTimeline: (o) => lifecycleTimeline([{ id: "A" }], ONE, o as never),
    valueWeightedSatisfaction: (o) =>
      api.valueWeightedSatisfaction([{ customerId: "A", scores: { q: 5 } }], { A: 1 }, o as never),
    satisfactionTrap: (o) =>
      api.satisfactionTrap(
        [{ customerId: "A", scores: { q: 5 } }],
        [{ customerId: "A", scores: { q: 6 } }],
        { A: 1 },
        o as never,
      ),
    parseTransactionsCsv: (o) =>
      api.parseTransactionsCsv("customerId,date,amount\nA,2011-01-01,1\n", o as never),
    periodKey: (o) => api.periodKey("2011-01-01", "month", o as never),
    generateSampleData: (o) => api.generateSampleData(o as never),
    rfmSummary: (o) => rfmSummary(ONE, o as never),
    rfmScores: (o) => api.rfmScores(ONE, o as never),
    calibrationAndHoldout: (o) => api.calibrationAndHoldout(ONE, o as never),
    lifetimeValue: (o) => api.lifetimeValue(o as never),
    customerClasses: (o) => api.customerClasses([{ id: "A" }], ONE, o as never),
    compositeValueScore: (o) => api.compositeValueScore([{ id: "A", x: 1 }], o as never),
  };
  for (const [name, call] of Object.entries(calls)) {
    it(`${name}: null, a number, a string, an array or true as options is INVALID_OPTION`, () => {
      for (const junk of [null, 42, "month", [], true]) {
        let error: unknown;
        try {
          call(junk);
        } catch (e) {
          error = e;
        }
        if (error instanceof CustomerValueError && error.code === "INVALID_OPTION") continue;
        throw new Error(
          `${name}(…, ${JSON.stringify(junk)}) gave ${error === undefined ? "a result" : String(error)}`,
        );
      }
    });
  }
});

describe("large inputs: no stack overflow, no quadratic blow-up (2M rows)", () => {
  const rows = 2_000_000;
  const customers = 50_000;
  const table = (() => {
    const customerId = new Array<string>(rows);
    const date = new Float64Array(rows);
    const amount = new Float64Array(rows);
    const start = Date.UTC(2010, 0, 1);
    for (let i = 0; i < rows; i++) {
      customerId[i] = `c${(i * 7919) % customers}`;
      date[i] = start + ((i * 104_729) % 730) * 86_400_000;
      amount[i] = (i % 100) + 0.5;
    }
    return transactionTableFromColumns({ customerId, date, amount });
  })();

  it("periodActivity, cohortRetention and rfmSummary on 2M rows", () => {
    const activity = periodActivity(table);
    expect(activity).toHaveLength(24); // 2010-01 .. 2011-12
    // total revenue = 2M / 100 blocks * (0.5 + 1.5 + ... + 99.5) = 20,000 * 5,000 = 1e8.
    expect(activity.reduce((s, r) => s + r.revenue, 0)).toBeCloseTo(1e8, 4);
    expect(cohortRetention(table).reduce((s, c) => s + c.size, 0)).toBe(customers);
    expect(rfmSummary(table)).toHaveLength(customers);
  });

  it("classifyLifecycles and customerPortfolio on 2M rows", () => {
    const base = Array.from({ length: customers }, (_, k) => ({ id: `c${k}` }));
    expect(classifyLifecycles(base, table, { asOf: "2011-12-31" })).toHaveLength(customers);
    expect(customerPortfolio(table, { asOf: "2011-12-31" }).length).toBeGreaterThan(0);
  });

  it("gini, lorenzCurve and paretoSplit on 2M values", () => {
    const values = Array.from({ length: rows }, (_, i) => (i % 1000) + 1);
    expect(gini(values)).toBeGreaterThan(0);
    expect(lorenzCurve(values)).toHaveLength(rows + 1);
    expect(
      paretoSplit(
        values.map((value, i) => ({ id: `i${i}`, value })),
        { value: "value" },
      ).headCount,
    ).toBe(400_000);
  });

  it("validateCustomers lists 200k duplicate ids without overflowing the stack (push(...) was fixed)", () => {
    const dup = Array.from({ length: 200_001 }, () => ({ id: "same" }));
    const e = expectCode(() => validateCustomers(dup), "INVALID_RECORD");
    expect(e.issues).toHaveLength(200_000);
  });
});
