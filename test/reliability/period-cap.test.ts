/**
 * periodActivity had no cap on its rows: 0000-01-01 to 9999-12-31 by day in a time zone ran
 * 206 s and took 1.5 GB. Every period-based result now shares one limit, 100,000 periods,
 * and a wider span is a coded error naming it, raised before any row is built.
 */
import { describe, expect, it } from "vitest";
import { cohortRetention, customerScorecard, periodActivity } from "customer-value";
import { caught } from "../support/errors.js";
import { expectClean } from "./helpers.js";

const ENDS = [
  { customerId: "a", date: "0000-01-01", amount: 1 },
  { customerId: "b", date: "9999-12-31", amount: 1 },
];

describe("the limit on periods", () => {
  it("periodActivity by day over 10,000 years in a zone: INVALID_OPTION naming the span", () => {
    const started = performance.now();
    const error = caught(() => periodActivity(ENDS, { period: "day", timeZone: "Asia/Shanghai" }));
    expect(error.code).toBe("INVALID_OPTION");
    // 0000-01-01 .. 9999-12-31: 10,000 years of 365 days plus 2,425 leap days.
    expect(error.message).toMatch(
      /^periodActivity: the dates span 3652425 days, from 0000-01-01 to 9999-12-31, more than the 100000 periods/,
    );
    expect(performance.now() - started).toBeLessThan(5000);
  }, 5000);

  it("from and to count too: a narrow log with a wide range is refused, a wide log with a narrow range is fine", () => {
    const log = [{ customerId: "a", date: "2011-03-04", amount: 1 }];
    expect(caught(() => periodActivity(log, { period: "day", from: "1700-01-01" })).code).toBe(
      "INVALID_OPTION",
    );
    const rows = periodActivity(ENDS, { period: "day", from: "2011-03-01", to: "2011-03-31" });
    expectClean(rows);
    expect(rows).toHaveLength(31);
    expect(rows.every((r) => r.active === 0 && r.revenue === 0)).toBe(true); // no purchase in March 2011
  }, 5000);

  it("the same limit in cohortRetention; the scorecard's one period is never refused", () => {
    expect(caught(() => cohortRetention(ENDS, { period: "week" })).message).toMatch(
      /^cohortRetention: the dates span/,
    );
    // By month the span is 120,000 periods; by year 10,000: within the limit.
    expect(caught(() => periodActivity(ENDS, { period: "month" })).code).toBe("INVALID_OPTION");
    expect(periodActivity(ENDS, { period: "year" })).toHaveLength(10_000);
    const card = customerScorecard({ transactions: ENDS }, { period: "day", timeZone: "Pacific/Chatham" });
    expectClean(card);
    expect(card.customers.active).toBe(1);
  }, 5000);
});
