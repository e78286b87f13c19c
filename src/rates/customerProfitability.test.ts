import { describe, expect, it } from "vitest";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { customerProfitability } from "./customerProfitability.js";

describe("customerProfitability", () => {
  it("is (revenue - cost - costToServe) / revenue", () => {
    // (1000 - 600 - 150) / 1000 = 250 / 1000
    expect(customerProfitability({ revenue: 1000, cost: 600, costToServe: 150 })).toBe(0.25);
    expect(customerProfitability({ revenue: 200, cost: 150 })).toBe(0.25);
    // a loss-making customer: (100 - 90 - 30) / 100 = -0.2
    expect(customerProfitability({ revenue: 100, cost: 90, costToServe: 30 })).toBeCloseTo(-0.2, 12);
  });
  it("is null without revenue and rejects negative or non-finite amounts", () => {
    expect(customerProfitability({ revenue: 0, cost: 10 })).toBeNull();
    expect(() => customerProfitability({ revenue: -1, cost: 0 })).toThrow(CustomerValueError);
    expect(() => customerProfitability({ revenue: 10, cost: -1 })).toThrow(
      /customerProfitability: cost must be >= 0/,
    );
    expect(() => customerProfitability({ revenue: Number.NaN, cost: 0 })).toThrow(/finite/);
  });
});
