/**
 * Two amounts of 1e308 in one period made customerScorecard report a revenue of Infinity and
 * shares of NaN. A total beyond the largest double is now a coded error naming what
 * overflowed; amounts that cancel out are summed exactly and give a clean result.
 */
import { describe, expect, it } from "vitest";
import { cohortRetention, customerScorecard, periodActivity } from "customer-value";
import { caught } from "../support/errors.js";
import { expectClean } from "./helpers.js";

const HUGE = [
  { customerId: "a", date: "2024-03-01", amount: 1e308, profit: 1e308 },
  { customerId: "b", date: "2024-04-01", amount: 1e308, profit: 1e308 },
];

describe("amounts near the largest double", () => {
  it("customerScorecard: a revenue beyond ±1.8e308 is INVALID_RECORD, not Infinity or NaN", () => {
    const error = caught(() => customerScorecard({ transactions: HUGE, market: { sales: 1e308 } }));
    expect(error.code).toBe("INVALID_RECORD");
    expect(error.message).toMatch(
      /^customerScorecard: the revenue of the period is beyond the largest number/,
    );
  }, 5000);

  it("the period functions refuse the same overflow", () => {
    expect(caught(() => periodActivity(HUGE, { period: "year" })).message).toMatch(
      /^periodActivity: the revenue of 2024 is beyond/,
    );
    expect(caught(() => cohortRetention(HUGE, { period: "year" })).code).toBe("INVALID_RECORD");
  }, 5000);

  it("huge amounts that cancel out give a clean scorecard", () => {
    // Running sums 1e308, 0, 1e308: none overflows. (1e308 + 1e308 - 1e308 would: its first
    // partial sum is already beyond the largest double.)
    const card = customerScorecard({
      transactions: [
        { customerId: "a", date: "2024-03-01", amount: 1e308, profit: 5e307 },
        { customerId: "b", date: "2024-04-01", amount: -1e308, profit: -5e307 },
        { customerId: "a", date: "2024-05-01", amount: 1e308, profit: 5e307 },
      ],
      market: { sales: 1e308 },
    });
    expectClean(card);
    expect([card.revenue, card.costOfGoods, card.marketShare, card.profitability]).toEqual([
      1e308, 5e307, 1, 0.5,
    ]);
  }, 5000);
});
