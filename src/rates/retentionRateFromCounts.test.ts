import { describe, expect, it } from "vitest";
import { retentionRateFromCounts } from "./retentionRateFromCounts.js";
import { codeOf } from "../../test/support/errors.js";

describe("retentionRateFromCounts", () => {
  it("is (E - N) / S", () => {
    // 200 at start, 230 at end of which 50 new: 180 kept -> 0.9
    expect(retentionRateFromCounts({ start: 200, end: 230, acquired: 50 })).toBe(0.9);
    expect(retentionRateFromCounts({ start: 0, end: 5, acquired: 5 })).toBeNull();
  });
  it("rejects negative, fractional and contradictory counts", () => {
    expect(codeOf(() => retentionRateFromCounts({ start: -1, end: 0, acquired: 0 }))).toBe("NEGATIVE_VALUE");
    expect(codeOf(() => retentionRateFromCounts({ start: 1.5, end: 0, acquired: 0 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => retentionRateFromCounts({ start: 10, end: 5, acquired: 6 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => retentionRateFromCounts({ start: 10, end: 20, acquired: 5 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => retentionRateFromCounts({ start: Number.NaN, end: 0, acquired: 0 }))).toBe(
      "INVALID_OPTION",
    );
  });
});
