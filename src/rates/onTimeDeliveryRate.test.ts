import { describe, expect, it } from "vitest";
import type { CustomerValueError } from "../errors/CustomerValueError.js";
import { onTimeDeliveryRate } from "./onTimeDeliveryRate.js";

const deliveries = Object.freeze([
  { promisedAt: "2024-03-05", deliveredAt: "2024-03-05T17:00:00Z" }, // on the promised day
  { promisedAt: "2024-03-05", deliveredAt: "2024-03-04" }, // early
  { promisedAt: "2024-03-05", deliveredAt: "2024-03-06" }, // a day late
  { promisedAt: "2024-03-05", deliveredAt: "2024-03-07" }, // two days late
]);

describe("onTimeDeliveryRate", () => {
  it("counts deliveries on or before the promised date", () => {
    expect(onTimeDeliveryRate(deliveries)).toBe(2 / 4);
    // By instant the 17:00 delivery is after the promised midnight: 1 of 4.
    expect(onTimeDeliveryRate(deliveries, { compare: "instant" })).toBe(1 / 4);
  });
  it("reads calendar days in timeZone", () => {
    // 10:00Z is 18:00 on 5 March in Shanghai; 17:00Z is 01:00 on 6 March there.
    const d = [{ promisedAt: "2024-03-05T10:00:00Z", deliveredAt: new Date("2024-03-05T17:00:00Z") }];
    expect(onTimeDeliveryRate(d)).toBe(1);
    expect(onTimeDeliveryRate(d, { timeZone: "Asia/Shanghai" })).toBe(0);
  });
  it("is null with no deliveries", () => {
    expect(onTimeDeliveryRate([])).toBeNull();
  });
  it("lists every bad date at once", () => {
    try {
      onTimeDeliveryRate([
        { promisedAt: "2024-02-30", deliveredAt: "2024-03-01" },
        { promisedAt: "2024-03-01", deliveredAt: "later" },
      ]);
      expect.unreachable();
    } catch (e) {
      expect((e as CustomerValueError).code).toBe("INVALID_RECORD");
      expect((e as CustomerValueError).issues.map((i) => i.path)).toEqual([
        "[0].promisedAt",
        "[1].deliveredAt",
      ]);
    }
    expect(() => onTimeDeliveryRate(deliveries, { compare: "hour" as "day" })).toThrow(
      /onTimeDeliveryRate: compare/,
    );
  });
});
