/**
 * Number extremes: amounts from 1e-9 to 1e12, a million equal values, sums that cancel.
 * Compensated summation must keep money totals exact to the cent, and results must be
 * identical from run to run. Expected values are worked out by hand in the comments.
 */
import { describe, expect, it } from "vitest";
import {
  abcClassify,
  gini,
  lorenzCurve,
  paretoSplit,
  periodActivity,
  rfmSummary,
  transactionTableFromColumns,
  valueWeightedSatisfaction,
  whaleCurve,
} from "customer-value";
import { deepFreeze } from "./helpers.js";

describe("cancelling sums are exact to the cent", () => {
  it("periodActivity: 1e12 + 0.01 - 1e12 + 0.02 = 0.03 (a naive sum gives 0.030009765625)", () => {
    // Naive: 1e12 + 0.01 rounds to 1000000000000.0100098 (ulp of 1e12 is 1.2e-4), so the
    // naive total is off by ~1e-5; Neumaier's compensation recovers 0.03.
    const naive = 1e12 + 0.01 - 1e12 + 0.02;
    expect(Math.abs(naive - 0.03)).toBeGreaterThan(1e-6); // the trap is real
    const log = deepFreeze([
      { customerId: "A", date: "2011-01-02", amount: 1e12 },
      { customerId: "B", date: "2011-01-03", amount: 0.01 },
      { customerId: "A", date: "2011-01-04", amount: -1e12 },
      { customerId: "C", date: "2011-01-05", amount: 0.02 },
    ]);
    const [row] = periodActivity(log, { period: "month" });
    expect(row!.revenue).toBe(0.03);
  });

  it("paretoSplit: 1e12 and a hundred 0.01 values; the head and the total keep every cent", () => {
    const items = deepFreeze([
      { id: "whale", value: 1e12 },
      ...Array.from({ length: 100 }, (_, i) => ({ id: `c${String(i).padStart(3, "0")}`, value: 0.01 })),
    ]);
    // headShare 1: the head is every item, its value 1e12 + 100 * 0.01, the closest double to
    // 1000000000001. A naive left-to-right sum adds each 0.01 to 1e12 and loses ~1e-5 each
    // time: 1000000000001.001 (a head value that a test of two items could not tell apart).
    let naive = 0;
    for (const item of items) naive += item.value;
    expect(naive).not.toBe(1e12 + 1);
    const r = paretoSplit(items, { value: "value", headShare: 1 });
    expect(r.headCount).toBe(101);
    expect(r.headValue).toBe(1e12 + 1);
    expect(r.totalValue).toBe(1e12 + 1);
    // headShare 0.01: ceil(1.01) = 2 items, the whale and one 0.01
    const two = paretoSplit(items, { value: "value", headShare: 0.01 });
    expect(two.headCount).toBe(2);
    expect(two.headValueShare).toBeCloseTo((1e12 + 0.01) / (1e12 + 1), 15);
  });

  it("whaleCurve: profits that cancel to 0.05 give total 0.05", () => {
    const items = deepFreeze([
      { id: "A", profit: 1e12 },
      { id: "B", profit: 0.02 },
      { id: "C", profit: -1e12 },
      { id: "D", profit: 0.03 },
    ]);
    expect(whaleCurve(items, { profit: "profit" }).totalProfit).toBe(0.05);
  });

  it("rfmSummary: mean of tiny repeat amounts (1e-9) and of huge ones (1e12)", () => {
    const log = deepFreeze([
      { customerId: "tiny", date: "2011-01-01", amount: 1e-9 },
      { customerId: "tiny", date: "2011-01-02", amount: 1e-9 },
      { customerId: "tiny", date: "2011-01-03", amount: 3e-9 },
      { customerId: "huge", date: "2011-01-01", amount: 1e12 },
      { customerId: "huge", date: "2011-01-02", amount: 1e12 },
      { customerId: "huge", date: "2011-01-03", amount: 3e12 },
    ]);
    const rows = new Map(rfmSummary(log).map((r) => [r.customerId, r]));
    // Repeat periods are days 2 and 3: mean (1e-9 + 3e-9) / 2 = 2e-9; (1e12 + 3e12) / 2 = 2e12.
    expect(rows.get("tiny")!.monetaryValue).toBeCloseTo(2e-9, 20);
    expect(rows.get("huge")!.monetaryValue).toBe(2e12);
  });
});

describe("a million equal values", () => {
  const n = 1_000_000;
  const values = new Array<number>(n).fill(0.1);

  it("gini = 0 and the Lorenz curve is the diagonal", () => {
    expect(gini(values)).toBeCloseTo(0, 9);
    const points = lorenzCurve(values);
    expect(points).toHaveLength(n + 1);
    // On the diagonal: valueShare = customerShare at every point (to rounding).
    for (let i = 0; i <= n; i += 99_999)
      expect(points[i]!.valueShare).toBeCloseTo(points[i]!.customerShare, 9);
    expect(points[n]!.valueShare).toBeCloseTo(1, 12);
  });

  it("paretoSplit: the top 20% hold exactly 20% of the value; ABC: A holds the first 80%", () => {
    const items = values.map((value, i) => ({ id: String(i).padStart(7, "0"), value }));
    const r = paretoSplit(items, { value: "value" });
    expect(r.headCount).toBe(200_000);
    expect(r.headValueShare).toBeCloseTo(0.2, 12);
    // Ties break by id ascending: the head is ids 0000000 .. 0199999.
    expect(r.head[0]!.id).toBe("0000000");
    expect(r.head.at(-1)!.id).toBe("0199999");
    const abc = abcClassify(items, { value: "value" });
    // A while the share ranked before is below 0.8: items 0..799999 (share before the 800000th is 0.8 - 1e-6).
    expect(abc.counts.A).toBe(800_000);
  });

  it("valueWeightedSatisfaction with equal values: weighted = unweighted, effectiveN = n", () => {
    const m = 100_000;
    const responses = Array.from({ length: m }, (_, i) => ({
      customerId: `c${i}`,
      scores: { q: (i % 10) + 1 },
    }));
    const r = valueWeightedSatisfaction(responses, () => 1e12);
    // mean of 1..10 repeated = 5.5; effectiveN = (m K)^2 / (m K^2) = m.
    expect(r.indicators.q!.weighted).toBeCloseTo(5.5, 9);
    expect(r.indicators.q!.unweighted).toBeCloseTo(5.5, 9);
    expect(r.indicators.q!.effectiveN).toBeCloseTo(m, 6);
  });
});

describe("results are identical from run to run", () => {
  it("periodActivity and rfmSummary give the same bits twice on a shuffled table", () => {
    const rows = 50_000;
    const customerId = Array.from({ length: rows }, (_, i) => `c${(i * 7919) % 997}`);
    const date = Array.from(
      { length: rows },
      (_, i) => Date.UTC(2011, 0, 1) + ((i * 104_729) % 700) * 86_400_000,
    );
    const amount = Float64Array.from({ length: rows }, (_, i) => ((i * 31) % 1000) / 100 + 1e-9 * (i % 3));
    const table = transactionTableFromColumns({ customerId, date, amount });
    expect(JSON.stringify(periodActivity(table))).toBe(JSON.stringify(periodActivity(table)));
    expect(JSON.stringify(rfmSummary(table))).toBe(JSON.stringify(rfmSummary(table)));
  });
});
