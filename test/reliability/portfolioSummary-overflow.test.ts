/**
 * Sizes of 1e308 made portfolioSummary report totalSize Infinity (and a NaN share); a
 * coverage of cash cows over tiny question marks overflowed too. A total or a ratio that
 * cannot be represented is now a CustomerValueError saying so.
 */
import { describe, expect, it } from "vitest";
import { type PortfolioSummaryItem, portfolioSummary } from "customer-value";
import { deepFreeze, expectClean, expectCode } from "./helpers.js";

const row = (id: string, quadrant: PortfolioSummaryItem["quadrant"], size: number): PortfolioSummaryItem => ({
  id,
  quadrant,
  relativeShare: 1,
  size,
});

describe("portfolioSummary with extreme sizes", () => {
  it("a total size beyond the largest double is INVALID_RECORD, not Infinity", () => {
    const placements = deepFreeze([row("cow", "cashCow", 1e308), row("star", "star", 1e308)]);
    const error = expectCode(() => portfolioSummary(placements), "INVALID_RECORD");
    expect(error.message).toMatch(/total size passes the largest number/);
  });

  it("a coverage beyond the largest double is INVALID_RECORD", () => {
    const placements = deepFreeze([row("cow", "cashCow", 1e300), row("qm", "questionMark", 1e-300)]);
    const error = expectCode(() => portfolioSummary(placements), "INVALID_RECORD");
    expect(error.message).toMatch(/coverage/);
  });

  it("large sizes that can be represented give a clean summary", () => {
    // 8e307 twice: the total 1.6e308 is still a double; each quadrant holds half.
    const summary = portfolioSummary([row("cow", "cashCow", 8e307), row("qm", "questionMark", 8e307)]);
    expect(summary.totalSize).toBe(1.6e308);
    expect(summary.quadrants.cashCow.sizeShare).toBe(0.5);
    expect(summary.funding.coverage).toBe(1);
    expectClean(summary);
  });
});
