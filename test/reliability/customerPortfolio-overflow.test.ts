/**
 * Window revenues of 1e308: the mean reference overflowed to Infinity, which made every
 * customer's relative size 0 (a dog); a single customer's revenue that overflows was blamed
 * on the reference. Now the mean is taken part by part, and an overflowing revenue is named.
 */
import { describe, expect, it } from "vitest";
import { customerPortfolio } from "customer-value";
import { deepFreeze, expectClean, expectCode } from "./helpers.js";

describe("customerPortfolio with extreme revenues", () => {
  it("a mean reference beyond the largest double: each customer still has relative size 1", () => {
    const log = deepFreeze([
      { customerId: "a", date: "2024-06-01", amount: 1e308 },
      { customerId: "b", date: "2024-06-01", amount: 1e308 },
    ]);
    const rows = customerPortfolio(log, { asOf: "2024-12-31" });
    // mean of 1e308 and 1e308 is 1e308: each relative size 1, new customers: stars
    expect(rows.map((r) => [r.id, r.relativeShare, r.quadrant])).toEqual([
      ["a", 1, "star"],
      ["b", 1, "star"],
    ]);
    expectClean(rows);
  });

  it("one customer's window revenue beyond the largest double is INVALID_RECORD naming it", () => {
    const log = deepFreeze([
      { customerId: "whale", date: "2024-06-01", amount: 1e308 },
      { customerId: "whale", date: "2024-07-01", amount: 1e308 },
    ]);
    const error = expectCode(() => customerPortfolio(log, { asOf: "2024-12-31" }), "INVALID_RECORD");
    expect(error.message).toMatch(/"whale"/);
  });
});
