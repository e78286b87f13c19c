import { describe, expect, it } from "vitest";
import { relativeMarketShare } from "./relativeMarketShare.js";
import { codeOf } from "../../test/support/errors.js";

const expectClose = (actual: number, expected: number, rel = 1e-12) => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
};

describe("relativeMarketShare", () => {
  it("is below 1 for a follower", () => {
    // 0.10 / 0.40 = 0.25
    expectClose(relativeMarketShare(0.1, 0.4), 0.25);
  });

  it("is above 1 for the leader (divided by the runner-up)", () => {
    // leader 30%, runner-up 20%: 0.30 / 0.20 = 1.5
    expectClose(relativeMarketShare(0.3, 0.2), 1.5);
  });

  it("is exactly 1 for equal shares", () => {
    expect(relativeMarketShare(0.25, 0.25)).toBe(1);
  });

  it("is scale-free: shares, percentages and sales give the same ratio", () => {
    // 12% vs 48%, or 120 vs 480 sales: 12/48 = 0.25
    expectClose(relativeMarketShare(12, 48), 0.25);
    expectClose(relativeMarketShare(120, 480), 0.25);
  });

  it("is 0 with no own share, never -0", () => {
    expect(Object.is(relativeMarketShare(0, 0.3), 0)).toBe(true);
    expect(Object.is(relativeMarketShare(-0, 0.3), 0)).toBe(true);
  });

  it("rejects a competitor share of 0, negative and non-finite shares", () => {
    expect(codeOf(() => relativeMarketShare(0.2, 0))).toBe("INVALID_OPTION");
    expect(codeOf(() => relativeMarketShare(-0.1, 0.2))).toBe("NEGATIVE_VALUE");
    expect(codeOf(() => relativeMarketShare(0.1, -0.2))).toBe("NEGATIVE_VALUE");
    expect(codeOf(() => relativeMarketShare(Number.NaN, 0.2))).toBe("INVALID_OPTION");
    expect(codeOf(() => relativeMarketShare(0.1, Number.POSITIVE_INFINITY))).toBe("INVALID_OPTION");
    expect(() => relativeMarketShare(0.2, 0)).toThrow(
      /^relativeMarketShare: largestCompetitorShare must be > 0/,
    );
  });
});
