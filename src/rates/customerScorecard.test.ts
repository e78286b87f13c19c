import { describe, expect, it } from "vitest";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { customerScorecard } from "./customerScorecard.js";

const transactions = Object.freeze(
  [
    { customerId: "a", date: "2023-05-01", amount: 100, profit: 40 },
    { customerId: "b", date: "2023-06-01", amount: 100, profit: 40 },
    { customerId: "a", date: "2024-05-01", amount: 300, profit: 120 },
    { customerId: "c", date: "2024-06-01", amount: 150, profit: 60 },
    { customerId: "c", date: "2024-07-01", amount: -50, profit: -20 },
  ].map((t) => Object.freeze(t)),
);

describe("customerScorecard", () => {
  it("assembles market share, rates, satisfaction, delivery and profitability for the year", () => {
    const card = customerScorecard(
      {
        transactions,
        market: { sales: 4000, largestCompetitorSales: 800 },
        survey: [
          { customerId: "a", scores: { q: 6 } },
          { customerId: "c", scores: { q: 9 } },
        ],
        deliveries: [
          { promisedAt: "2024-03-01", deliveredAt: "2024-03-01" },
          { promisedAt: "2024-04-01", deliveredAt: "2024-04-03" },
          { promisedAt: "2023-04-01", deliveredAt: "2023-04-09" }, // promised in 2023: not counted
        ],
        costToServe: {
          activities: [{ activity: "orders", cost: 80 }],
          usage: [
            { customerId: "a", activity: "orders", quantity: 1 },
            { customerId: "c", activity: "orders", quantity: 3 },
          ],
        },
      },
      { at: "2024-08-15" },
    );
    expect(card).toMatchObject({
      period: "2024",
      start: "2024-01-01T00:00:00.000Z",
      end: "2025-01-01T00:00:00.000Z",
    });
    // 2024 revenue 300 + 150 - 50 = 400; active 2023 {a,b}, 2024 {a,c}: a retained, c new, b churned
    expect(card.revenue).toBe(400);
    expect(card.customers).toEqual({
      previousActive: 2,
      active: 2,
      new: 1,
      retained: 1,
      reactivated: 0,
      churned: 1,
    });
    expect([card.retentionRate, card.churnRate, card.acquisitionRate]).toEqual([0.5, 0.5, 0.5]);
    // share 400 / 4000 = 0.1; competitor 800 / 4000 = 0.2; relative 0.1 / 0.2 = 0.5
    expect(card.marketShare).toBeCloseTo(0.1, 12);
    expect(card.relativeMarketShare).toBeCloseTo(0.5, 12);
    // satisfaction values = net revenue 2024: a 300, c 100 -> weighted (300*6 + 100*9) / 400 = 6.75
    expect(card.satisfaction).toEqual({ respondents: 2, unweighted: 7.5, weighted: 6.75 });
    expect(card.onTimeDeliveryRate).toBe(0.5);
    // profit 120 + 60 - 20 = 160 -> cost of goods 240; cost to serve 80 -> (400 - 240 - 80) / 400
    expect(card.costOfGoods).toBe(240);
    expect(card.costToServe).toBe(80);
    expect(card.profitability).toBeCloseTo(0.2, 12);
  });

  it("leaves out the parts without data, and defaults to the period of the last transaction", () => {
    const card = customerScorecard({ transactions: transactions.map(({ profit: _p, ...t }) => t) });
    expect(card.period).toBe("2024");
    expect([card.marketShare, card.relativeMarketShare, card.satisfaction, card.onTimeDeliveryRate]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect([card.costOfGoods, card.profitability, card.costToServe]).toEqual([null, null, 0]);
  });

  it("uses the quarter and the time zone it is given", () => {
    // Q2 2024 {a,c}; Q1 2024 nobody: rates null
    const card = customerScorecard(
      { transactions },
      { period: "quarter", at: "2024-05-20", timeZone: "Asia/Shanghai" },
    );
    expect(card.period).toBe("2024-Q2");
    expect(card.start).toBe("2024-03-31T16:00:00.000Z");
    expect(card.customers.previousActive).toBe(0);
    expect(card.retentionRate).toBeNull();
  });

  it("throws on empty input without a date, and on sales above the market", () => {
    expect(() => customerScorecard({ transactions: [] })).toThrow(CustomerValueError);
    expect(() => customerScorecard({ transactions, market: { sales: 100 } })).toThrow(/marketShare/);
  });
});
