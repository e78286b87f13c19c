/**
 * allocateCostToServe divided each pool's cost by its driver total and multiplied by the
 * quantity: a total of 5e-324 made the rate Infinity, and two quantities of 1e308 made the
 * total Infinity, so the pool's cost vanished. Shares of the total, on quantities scaled by a
 * power of two, allocate every pool whole; a customer's cost beyond 1.8e308 is an error.
 */
import { describe, expect, it } from "vitest";
import { allocateCostToServe, CustomerValueError } from "../../src/index.js";

describe("allocateCostToServe at the ends of the double range", () => {
  it("gives the whole pool to its only user, whatever the quantity (the fuzz counterexample)", () => {
    const r = allocateCostToServe(
      [
        { activity: "calls", cost: 0 },
        { activity: "__proto__", cost: 1e-9 },
        { activity: "constructor", cost: 1 },
      ],
      [
        { customerId: "__proto__", activity: "__proto__", quantity: 1 },
        { customerId: " ", activity: "constructor", quantity: 5e-324 },
      ],
    );
    // Each customer is the sole user of one pool: it bears that pool's whole cost.
    expect(Object.entries(r)).toEqual([
      ["__proto__", 1e-9],
      [" ", 1],
    ]);
  });

  it("splits a pool by shares when the driver total passes 1.8e308", () => {
    // quantities 1e308 and 3e308 are 1/4 and 3/4 of the total: 10 splits 2.5 / 7.5.
    const r = allocateCostToServe(
      [{ activity: "visits", cost: 10 }],
      [
        { customerId: "a", activity: "visits", quantity: 1e308 },
        { customerId: "b", activity: "visits", quantity: 1.5e308 },
        { customerId: "b", activity: "visits", quantity: 1.5e308 },
      ],
    );
    expect(r.a).toBeCloseTo(2.5, 12);
    expect(r.b).toBeCloseTo(7.5, 12);
  });

  it("refuses a customer whose costs add up beyond the largest double", () => {
    const call = () =>
      allocateCostToServe(
        [
          { activity: "x", cost: 1.5e308 },
          { activity: "y", cost: 1.5e308 },
        ],
        [
          { customerId: "a", activity: "x", quantity: 1 },
          { customerId: "a", activity: "y", quantity: 1 },
        ],
      );
    expect(call).toThrow(CustomerValueError);
    expect(call).toThrow(/cost to serve of "a"/);
  });
});
