/**
 * cohortRetention held a dense cohorts × periods matrix: two purchases dated 1800-01-01 and
 * 2011-01-01 by day threw a raw RangeError. Only the cohorts that exist are held now, and a
 * span beyond the library's limit on periods is a coded error that names it.
 */
import { describe, expect, it } from "vitest";
import { cohortRetention } from "customer-value";
import { caught } from "../support/errors.js";
import { expectClean } from "./helpers.js";

describe("cohortRetention over a span of many periods", () => {
  it("two purchases 77,067 days apart: two cohorts, the older one a row of 77,068 days", () => {
    const rows = cohortRetention(
      [
        { customerId: "a", date: "1800-01-01", amount: 5 },
        { customerId: "b", date: "2011-01-01", amount: 7 },
      ],
      { period: "day" },
    );
    expectClean(rows);
    // Days from 1800-01-01 to 2011-01-01: 211 years, 51 of them leap (1800 and 1900 are not).
    const days = 211 * 365 + 51;
    expect(days).toBe((Date.UTC(2011, 0, 1) - Date.UTC(1800, 0, 1)) / 86_400_000);
    expect(rows.map((r) => [r.cohort, r.size, r.retention.length])).toEqual([
      ["1800-01-01", 1, days + 1],
      ["2011-01-01", 1, 1],
    ]);
    expect(rows[0]!.retention[days]).toBe(0); // a never bought again
    expect(rows[0]!.revenue[0]).toBe(5);
  }, 5000);

  it("a mistyped year beyond the limit: INVALID_OPTION naming the span, at once", () => {
    const error = caught(() =>
      cohortRetention(
        [
          { customerId: "a", date: "0011-03-04", amount: 5 },
          { customerId: "b", date: "2011-03-04", amount: 7 },
        ],
        { period: "day", timeZone: "Asia/Shanghai" },
      ),
    );
    expect(error.code).toBe("INVALID_OPTION");
    expect(error.message).toMatch(
      /^cohortRetention: the dates span 730486 days, from 0011-03-04 to 2011-03-04/,
    );
  }, 5000);

  it("many daily cohorts over a long span: INVALID_OPTION for a triangle too large to hold", () => {
    // A cohort on each of 5,000 days and a last purchase 95,000 days later: 5,000 rows of
    // about 97,500 cells each, far above what a result may hold.
    const log = Array.from({ length: 5000 }, (_, i) => ({
      customerId: `c${i}`,
      date: new Date(Date.UTC(1750, 0, 1) + i * 86_400_000).toISOString(),
      amount: 1,
    }));
    log.push({
      customerId: "z",
      date: new Date(Date.UTC(1750, 0, 1) + 99_999 * 86_400_000).toISOString(),
      amount: 1,
    });
    const error = caught(() => cohortRetention(log, { period: "day" }));
    expect(error.code).toBe("INVALID_OPTION");
    expect(error.message).toMatch(
      /^cohortRetention: 5001 cohorts from 1750-01-01 to .* cells, more than the 10000000/,
    );
  }, 5000);
});
