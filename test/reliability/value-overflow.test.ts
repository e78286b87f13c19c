/**
 * Extreme but valid amounts: two of 1e308 add up beyond the largest double (about
 * 1.8e308). A customer-value summary must then say so with a CustomerValueError naming
 * the function, never return Infinity or NaN; amounts that cancel stay exact.
 */
import { describe, expect, it } from "vitest";
import {
  CustomerValueError,
  calibrationAndHoldout,
  compositeValueScore,
  customerClasses,
  customerTotals,
  rfmScores,
  rfmSummary,
} from "customer-value";
import { deepFreeze } from "./helpers.js";

const BUDGET_MS = 5000;

/** The error `run` throws, checked to be a CustomerValueError with `code` whose message names `fn`. */
function expectCvError(run: () => unknown, fn: string, code: string): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CustomerValueError);
  expect((error as CustomerValueError).code).toBe(code);
  expect((error as CustomerValueError).message.startsWith(`${fn}: `)).toBe(true);
}

// Customer A: 1e308 on two days, so both the sales total and the repeat-purchase total
// (the second day is a repeat) are 2e308: not a double.
const overflowing = deepFreeze([
  { customerId: "A", date: "2024-01-10", amount: 1e308, profit: 1 },
  { customerId: "A", date: "2024-05-10", amount: 1e308, profit: 1 },
  { customerId: "A", date: "2024-05-11", amount: 1e308, profit: 1 },
  { customerId: "B", date: "2024-05-10", amount: 1, profit: 1 },
]);

describe("totals beyond the largest double are a CustomerValueError", () => {
  it("customerTotals: a value and purchases of 3e308", () => {
    expectCvError(() => customerTotals(overflowing), "customerTotals", "INVALID_RECORD");
    // Amounts that cancel (1e308 - 1e308) are a value of 0; the purchases (1e308) still fit.
    const cancelling = deepFreeze([
      { customerId: "A", date: "2024-01-10", amount: 1e308 },
      { customerId: "A", date: "2024-01-11", amount: -1e308 },
      { customerId: "B", date: "2024-01-11", amount: 5 },
    ]);
    expect(customerTotals(cancelling)).toEqual([
      { id: "A", value: 0, purchases: 1e308, transactions: 2 },
      { id: "B", value: 5, purchases: 5, transactions: 1 },
    ]);
  });

  it(
    "customerClasses: sales of 3e308 in the key window",
    () => {
      expectCvError(
        () => customerClasses(deepFreeze([{ id: "A" }, { id: "B" }]), overflowing, { asOf: "2024-06-30" }),
        "customerClasses",
        "INVALID_RECORD",
      );
    },
    BUDGET_MS,
  );

  it(
    "customerClasses: a profit of 2e308 (sales are fine)",
    () => {
      const log = deepFreeze([
        { customerId: "A", date: "2024-05-10", amount: 1, profit: 1e308 },
        { customerId: "A", date: "2024-05-11", amount: 1, profit: 1e308 },
      ]);
      expectCvError(
        () => customerClasses(deepFreeze([{ id: "A" }]), log, { asOf: "2024-06-30" }),
        "customerClasses",
        "INVALID_RECORD",
      );
    },
    BUDGET_MS,
  );

  it(
    "rfmSummary, calibrationAndHoldout and rfmScores: repeat, holdout and net totals of 2e308",
    () => {
      expectCvError(() => rfmSummary(overflowing), "rfmSummary", "INVALID_RECORD");
      // Holdout (after 2024-03-01): 1e308 + 1e308 on 05-10 and 05-11.
      expectCvError(
        () => calibrationAndHoldout(overflowing, { calibrationEnd: "2024-03-01" }),
        "calibrationAndHoldout",
        "INVALID_RECORD",
      );
      expectCvError(() => rfmScores(overflowing, { asOf: "2024-06-30" }), "rfmScores", "INVALID_RECORD");
    },
    BUDGET_MS,
  );
});

describe("extreme amounts that cancel or stay in range give clean results", () => {
  it(
    "customerClasses: 1e308 and -1e308 net to 0 sales; 1e308 alone is kept exactly",
    () => {
      const log = deepFreeze([
        { customerId: "A", date: "2024-05-10", amount: 1e308 },
        { customerId: "A", date: "2024-05-11", amount: -1e308 },
        { customerId: "B", date: "2024-05-10", amount: 1e308 },
      ]);
      const rows = customerClasses(deepFreeze([{ id: "A" }, { id: "B" }]), log, { asOf: "2024-06-30" });
      expect(rows.map((r) => [r.customerId, r.sales, r.profit])).toEqual([
        ["A", 0, 0],
        ["B", 1e308, 1e308],
      ]);
    },
    BUDGET_MS,
  );

  it(
    "rfmSummary: two repeat days of 1e308 and -1e308 average to 0",
    () => {
      const log = deepFreeze([
        { customerId: "A", date: "2024-05-09", amount: 1 },
        { customerId: "A", date: "2024-05-10", amount: 1e308 },
        { customerId: "A", date: "2024-05-11", amount: -1e308 },
      ]);
      // Repeat periods 05-10 and 05-11: (1e308 - 1e308) / 2 = 0; recency = T = 2 days.
      expect(rfmSummary(log)).toEqual([
        { customerId: "A", frequency: 2, recency: 2, T: 2, monetaryValue: 0 },
      ]);
    },
    BUDGET_MS,
  );
});

describe("compositeValueScore: normalising values near the largest double", () => {
  const records = deepFreeze([
    { id: "a", x: 1e308 },
    { id: "b", x: -1e308 },
    { id: "c", x: 0 },
  ]);

  it(
    "min-max: (x - min) / (max - min) although max - min = 2e308 is not a double",
    () => {
      // (0 - -1e308) / (1e308 - -1e308) = 1/2; the ends 1 and 0.
      expect(compositeValueScore(records, { criteria: [{ field: "x", weight: 1 }] })).toEqual([
        { id: "a", score: 1, rank: 1 },
        { id: "c", score: 0.5, rank: 2 },
        { id: "b", score: 0, rank: 3 },
      ]);
      expect(compositeValueScore(records, { formula: "x", normalize: "minmax" })).toEqual([
        { id: "a", score: 1, rank: 1 },
        { id: "c", score: 0.5, rank: 2 },
        { id: "b", score: 0, rank: 3 },
      ]);
    },
    BUDGET_MS,
  );

  it(
    "z-scores although the sum 2e308 and the squares are not doubles",
    () => {
      // x = 1e308, 1e308, 0: mean 2e308/3, deviations e308/3, e308/3, -2e308/3,
      // sd = sqrt((1/9 + 1/9 + 4/9) e616 / 2) = e308 / sqrt(3): z = sqrt(3)/3, sqrt(3)/3, -2 sqrt(3)/3.
      const rows = compositeValueScore(
        deepFreeze([
          { id: "a", x: 1e308 },
          { id: "b", x: 1e308 },
          { id: "c", x: 0 },
        ]),
        { criteria: [{ field: "x", weight: 1, normalize: "zscore" }] },
      );
      expect(rows.map((r) => r.id)).toEqual(["a", "b", "c"]);
      const expected = [Math.sqrt(3) / 3, Math.sqrt(3) / 3, (-2 * Math.sqrt(3)) / 3];
      rows.forEach((r, i) => {
        expect(Math.abs(r.score - expected[i]!)).toBeLessThan(1e-15);
      });
    },
    BUDGET_MS,
  );
});
