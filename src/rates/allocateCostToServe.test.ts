import { describe, expect, it } from "vitest";
import { allocateCostToServe } from "./allocateCostToServe.js";
import { codeOf } from "../../test/support/errors.js";

describe("allocateCostToServe", () => {
  it("charges each customer the activity rate times its usage", () => {
    const activities = Object.freeze([
      Object.freeze({ activity: "orders", cost: 100 }),
      Object.freeze({ activity: "visits", cost: 300 }),
    ]);
    const usage = Object.freeze([
      { customerId: "a", activity: "orders", quantity: 3 },
      { customerId: "b", activity: "orders", quantity: 1 },
      { customerId: "b", activity: "visits", quantity: 2 },
      { customerId: "__proto__", activity: "visits", quantity: 1 },
      { customerId: "a", activity: "orders", quantity: 0 },
    ]);
    // orders: 100 / 4 = 25 per order; visits: 300 / 3 = 100 per visit
    // a: 3 * 25 = 75; b: 25 + 2 * 100 = 225; __proto__: 100
    const result = allocateCostToServe(activities, usage);
    expect(Object.keys(result)).toEqual(["a", "b", "__proto__"]);
    expect(result.a).toBe(75);
    expect(result.b).toBe(225);
    expect(Object.getOwnPropertyDescriptor(result, "__proto__")?.value).toBe(100);
  });
  it("allows an unused pool only when it costs nothing", () => {
    expect({ ...allocateCostToServe([{ activity: "x", cost: 0 }], []) }).toEqual({});
    expect(codeOf(() => allocateCostToServe([{ activity: "x", cost: 5 }], []))).toBe("ZERO_TOTAL");
  });
  it("rejects bad pools and usage", () => {
    const pool = [{ activity: "x", cost: 5 }];
    expect(codeOf(() => allocateCostToServe([...pool, ...pool], []))).toBe("DUPLICATE_ID");
    expect(codeOf(() => allocateCostToServe([{ activity: "x", cost: -5 }], []))).toBe("NEGATIVE_VALUE");
    expect(codeOf(() => allocateCostToServe(pool, [{ customerId: "a", activity: "y", quantity: 1 }]))).toBe(
      "UNKNOWN_NAME",
    );
    expect(codeOf(() => allocateCostToServe(pool, [{ customerId: "a", activity: "x", quantity: -1 }]))).toBe(
      "NEGATIVE_VALUE",
    );
    expect(codeOf(() => allocateCostToServe(pool, [{ customerId: "", activity: "x", quantity: 1 }]))).toBe(
      "INVALID_RECORD",
    );
  });
});
