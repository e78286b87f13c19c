import { describe, expect, it } from "vitest";
import { marketShare } from "./marketShare.js";
import { codeOf } from "../../test/support/errors.js";

const expectClose = (actual: number | null, expected: number, rel = 1e-12) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
};

describe("marketShare", () => {
  it("divides our sales by the market total", () => {
    // 250 / 1000 = 0.25
    expectClose(marketShare(250, 1000), 0.25);
    // 1 / 3 = 0.3333...
    expectClose(marketShare(1, 3), 1 / 3);
  });

  it("is 0 with no own sales and 1 for a monopoly", () => {
    expect(marketShare(0, 500)).toBe(0);
    expect(marketShare(500, 500)).toBe(1);
  });

  it("is null (not NaN) for a market without sales", () => {
    expect(marketShare(0, 0)).toBeNull();
  });

  it("normalises -0", () => {
    expect(Object.is(marketShare(-0, 10), 0)).toBe(true);
  });

  it("rejects negative, non-finite and inconsistent input with a code", () => {
    expect(codeOf(() => marketShare(-1, 10))).toBe("NEGATIVE_VALUE");
    expect(codeOf(() => marketShare(1, -10))).toBe("NEGATIVE_VALUE");
    expect(codeOf(() => marketShare(Number.NaN, 10))).toBe("INVALID_OPTION");
    expect(codeOf(() => marketShare(1, Number.POSITIVE_INFINITY))).toBe("INVALID_OPTION");
    expect(codeOf(() => marketShare("1" as unknown as number, 10))).toBe("INVALID_OPTION");
    expect(codeOf(() => marketShare(11, 10))).toBe("INVALID_OPTION");
    expect(codeOf(() => marketShare(1, 0))).toBe("INVALID_OPTION");
    expect(() => marketShare(-1, 10)).toThrow(/^marketShare: sales must be >= 0, got -1/);
  });
});
