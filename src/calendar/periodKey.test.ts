import { describe, expect, it } from "vitest";
import { periodKey } from "./periodKey.js";

describe("periodKey (public)", () => {
  it("pins the documented boundary cases", () => {
    expect(periodKey("2011-01-01T00:30:00+08:00", "month")).toBe("2010-12");
    expect(periodKey("2011-01-01T00:30:00+08:00", "month", { timeZone: "Asia/Shanghai" })).toBe("2011-01");
    expect(periodKey(new Date(Date.UTC(2021, 0, 3)), "week")).toBe("2020-W53");
    expect(periodKey("2011-03-04", "day")).toBe("2011-03-04");
    expect(periodKey("2011-03-04", "quarter")).toBe("2011-Q1");
    expect(periodKey("2011-03-04", "year")).toBe("2011");
  });
  it("rejects bad dates, periods and zones", () => {
    expect(() => periodKey("2011-02-30", "month")).toThrow(/periodKey: date must be a valid Date/);
    expect(() => periodKey("2011-02-03", "fortnight" as "week")).toThrow(/period must be one of/);
    expect(() => periodKey("2011-02-03", "month", { timeZone: "Nowhere/City" })).toThrow(/IANA/);
  });
});
