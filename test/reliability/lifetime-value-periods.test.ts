/**
 * lifetimeValue over extreme horizons: `periods: 1e308` must give the value the formula
 * gives (a finite number) or, where no double can hold it, a CustomerValueError naming
 * lifetimeValue; never NaN or Infinity. Expected values are worked out in the comments.
 */
import { describe, expect, it } from "vitest";
import { CustomerValueError, lifetimeValue } from "customer-value";

const BUDGET_MS = 5000;

const close = (actual: number, expected: number, rel = 1e-12) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));

describe("lifetimeValue with periods: 1e308", () => {
  it(
    "r < 1: the finite sum equals the unbounded value (q^n underflows to 0)",
    () => {
      // q = 0.8 / 1.1; q^1e308 = 0, so CLV = m / (1 + d) / (1 - q) = 100 / 0.3.
      close(lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, periods: 1e308 }), 1000 / 3);
    },
    BUDGET_MS,
  );

  it(
    "r = 1 and a discount rate too small to change 1 + d: still the discounted sum",
    () => {
      // d = 1e-17 (1 + d rounds to 1): sum_{t=1..n} 100 / (1 + d)^t = 100 (1 - (1 + d)^-n) / d,
      // and (1 + d)^-n = exp(-1e291) = 0, so CLV = 100 / 1e-17 = 1e19; unbounded the same.
      close(lifetimeValue({ margin: 100, retentionRate: 1, discountRate: 1e-17, periods: 1e308 }), 1e19);
      close(lifetimeValue({ margin: 100, retentionRate: 1, discountRate: 1e-17 }), 1e19);
    },
    BUDGET_MS,
  );

  it(
    "r = 1, d = 0: n undiscounted margins, 1e308 when they fit",
    () => {
      expect(lifetimeValue({ margin: 1, retentionRate: 1, discountRate: 0, periods: 1e308 })).toBe(1e308);
    },
    BUDGET_MS,
  );

  it(
    "a value beyond the largest double is INVALID_OPTION naming lifetimeValue",
    () => {
      for (const options of [
        { margin: 100, retentionRate: 1, discountRate: 0, periods: 1e308 }, // 1e310
        { margin: -100, retentionRate: 1, discountRate: 0, periods: 1e308 }, // -1e310
        { margin: 1e308, retentionRate: 0.5, discountRate: 0 }, // 1e308 / 0.5 = 2e308
      ]) {
        let error: unknown;
        try {
          lifetimeValue(options);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(CustomerValueError);
        expect((error as CustomerValueError).code).toBe("INVALID_OPTION");
        expect((error as CustomerValueError).message).toMatch(/^lifetimeValue: /);
      }
    },
    BUDGET_MS,
  );

  it(
    "margin at the start with d = 1e308: the first margin undiscounted, the rest negligible",
    () => {
      // CLV = m + m r / (1 + d) + ... = 1e308 + 1e308 * 0.5 / 1e308 + ... = 1e308 (to double precision).
      close(
        lifetimeValue({
          margin: 1e308,
          retentionRate: 0.5,
          discountRate: 1e308,
          periods: 1e308,
          timing: "start",
        }),
        1e308,
      );
      close(
        lifetimeValue({ margin: 1e308, retentionRate: 0.5, discountRate: 1e308, timing: "start" }),
        1e308,
      );
    },
    BUDGET_MS,
  );
});
