import { describe, expect, it } from "vitest";
import { expectClose } from "../../test/reference/models/helpers.js";
import { bgNbdModel } from "./bgNbdModel.js";
import { gammaGammaModel } from "./gammaGammaModel.js";
import { modelLifetimeValue } from "./modelLifetimeValue.js";

// A purchase model with E[Y(t)] = 0.5 t and a flat spend of 10, so every period of
// length 2 holds exactly one expected purchase worth 10.
const linear = { model: "test", conditionalExpectedPurchases: (t: number) => 0.5 * t };
const flat = { conditionalExpectedAverageValue: () => 10 };
const customers = Object.freeze([
  Object.freeze({ customerId: "a", frequency: 2, recency: 5, T: 10, monetaryValue: 12 }),
  Object.freeze({ frequency: 0, recency: 0, T: 4 }),
]);

describe("modelLifetimeValue", () => {
  it("discounts each period's expected margin at the period's end (by hand)", () => {
    const result = modelLifetimeValue(customers, {
      transactionModel: linear,
      spendModel: flat,
      timeUnit: "week",
      periodLength: 2,
      periods: 3,
      discountRate: 0.1,
      margin: 0.5,
    });
    // 0.5 * 10 * (1/1.1 + 1/1.21 + 1/1.331) = 5 * 2.4868519909842224 = 12.434259954921112
    expectClose(result.customers[0]!.lifetimeValue, 12.434259954921112, 1e-14);
    expect(result.customers[0]!.customerId).toBe("a");
    expect(result.customers[1]!.customerId).toBeNull();
    expect(result.customers[0]!.expectedPurchases).toBe(3);
    expectClose(result.totalLifetimeValue, 2 * 12.434259954921112, 1e-14);
    expect(result.horizon).toBe(6);
    expect(result.timeUnit).toBe("week");
  });

  it("with no discounting equals margin * E[Z] * E[Y(horizon)] for real models", () => {
    const bg = bgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
    const gg = gammaGammaModel({ p: 6.25, q: 3.74, v: 15.44 });
    const c = customers[0]!;
    const result = modelLifetimeValue([c], {
      transactionModel: bg,
      spendModel: gg,
      timeUnit: "week",
      periodLength: 4,
      periods: 13,
      discountRate: 0,
    });
    const expected = gg.conditionalExpectedAverageValue(c) * bg.conditionalExpectedPurchases(52, c);
    expectClose(result.customers[0]!.lifetimeValue, expected, 1e-12);
  });

  it("returns no rows and a total of 0 for no customers", () => {
    const result = modelLifetimeValue([], {
      transactionModel: linear,
      spendModel: flat,
      timeUnit: "day",
      periodLength: 30,
      periods: 12,
      discountRate: 0.01,
    });
    expect(result.customers).toEqual([]);
    expect(result.totalLifetimeValue).toBe(0);
  });

  it("rejects missing units, bad periods and bad rows", () => {
    const base = {
      transactionModel: linear,
      spendModel: flat,
      periodLength: 1,
      periods: 2,
      discountRate: 0.1,
    };
    expect(() => modelLifetimeValue(customers, { ...base, timeUnit: "" })).toThrow(/timeUnit/);
    expect(() => modelLifetimeValue(customers, { ...base, timeUnit: "week", periods: 1.5 })).toThrow(
      /periods/,
    );
    expect(() => modelLifetimeValue(customers, { ...base, timeUnit: "week", periodLength: 0 })).toThrow(
      /periodLength/,
    );
    expect(() =>
      modelLifetimeValue([{ frequency: 1, recency: 1, T: 2 }], { ...base, timeUnit: "week" }),
    ).toThrow(expect.objectContaining({ code: "INVALID_RECORD" }));
  });
});
