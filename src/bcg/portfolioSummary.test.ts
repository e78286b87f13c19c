import { describe, expect, it } from "vitest";
import { bcgPlacement } from "./bcgPlacement.js";
import { type PortfolioSummaryItem, portfolioSummary } from "./portfolioSummary.js";
import { caught as errorOf } from "../../test/support/errors.js";

const expectClose = (actual: number | null, expected: number, rel = 1e-12) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
};

const freeze = (rows: PortfolioSummaryItem[]): readonly PortfolioSummaryItem[] =>
  Object.freeze(rows.map((r) => Object.freeze(r)));

describe("portfolioSummary", () => {
  const portfolio = freeze([
    { id: "s1", quadrant: "star", relativeShare: 1.8, size: 200 },
    { id: "c1", quadrant: "cashCow", relativeShare: 2.5, size: 300 },
    { id: "c2", quadrant: "cashCow", relativeShare: 1.2, size: 400 },
    { id: "q1", quadrant: "questionMark", relativeShare: 0.3, size: 40 },
    { id: "q2", quadrant: "questionMark", relativeShare: 0.9, size: 10 },
    { id: "q3", quadrant: "questionMark", relativeShare: 0.9, size: 50 },
    { id: "d1", quadrant: "dog", relativeShare: 0.1, size: null },
  ]);

  it("counts items and sums sizes per quadrant", () => {
    const s = portfolioSummary(portfolio);
    // total size = 200 + 300 + 400 + 40 + 10 + 50 + 0 = 1000, 7 items
    expect(s.count).toBe(7);
    expectClose(s.totalSize, 1000);
    expect(s.quadrants.star).toEqual({
      count: 1,
      countShare: 1 / 7,
      totalSize: 200,
      sizeShare: 0.2,
      ids: ["s1"],
    });
    // cash cows 300 + 400 = 700 (70%), largest first
    expect(s.quadrants.cashCow.ids).toEqual(["c2", "c1"]);
    expectClose(s.quadrants.cashCow.totalSize, 700);
    expectClose(s.quadrants.cashCow.sizeShare, 0.7);
    expectClose(s.quadrants.cashCow.countShare, 2 / 7);
    // question marks 40 + 10 + 50 = 100 (10%), largest first
    expect(s.quadrants.questionMark.ids).toEqual(["q3", "q1", "q2"]);
    expectClose(s.quadrants.questionMark.totalSize, 100);
    // the dog has no size: counted, size 0
    expect(s.quadrants.dog).toEqual({ count: 1, countShare: 1 / 7, totalSize: 0, sizeShare: 0, ids: ["d1"] });
  });

  it("states which cows fund which question marks", () => {
    const { funding } = portfolioSummary(portfolio);
    // targets by relative share: q2 and q3 tie at 0.9 (id order), then q1 at 0.3
    expect(funding.sources).toEqual(["c2", "c1"]);
    expect(funding.targets).toEqual(["q2", "q3", "q1"]);
    // coverage = 700 / 100 = 7
    expectClose(funding.sourceSize, 700);
    expectClose(funding.targetSize, 100);
    expectClose(funding.coverage, 7);
    expect(funding.balance).toBe("balanced");
  });

  it("reads the balance of lopsided portfolios", () => {
    const cashShort = portfolioSummary([
      { id: "c", quadrant: "cashCow", relativeShare: 2, size: 50 },
      { id: "q", quadrant: "questionMark", relativeShare: 0.5, size: 80 },
    ]).funding;
    // 50 / 80 = 0.625 < 1
    expectClose(cashShort.coverage, 0.625);
    expect(cashShort.balance).toBe("cashShort");
    expect(
      portfolioSummary([{ id: "q", quadrant: "questionMark", relativeShare: 0.5, size: 80 }]).funding.balance,
    ).toBe("cashShort");
    const noMarks = portfolioSummary([{ id: "c", quadrant: "cashCow", relativeShare: 2, size: 50 }]).funding;
    expect(noMarks.balance).toBe("noQuestionMarks");
    expect(noMarks.coverage).toBeNull();
    // without sizes, a cow and a question mark balance (coverage unknown)
    const unsized = portfolioSummary([
      { id: "c", quadrant: "cashCow", relativeShare: 2 },
      { id: "q", quadrant: "questionMark", relativeShare: 0.5 },
    ]);
    expect(unsized.funding.coverage).toBeNull();
    expect(unsized.funding.balance).toBe("balanced");
    expect(unsized.quadrants.cashCow.sizeShare).toBeNull();
  });

  it("summarises an empty portfolio", () => {
    const s = portfolioSummary([]);
    expect(s.count).toBe(0);
    expect(s.totalSize).toBe(0);
    expect(s.quadrants.star).toEqual({ count: 0, countShare: null, totalSize: 0, sizeShare: null, ids: [] });
    expect(s.funding).toEqual({
      sources: [],
      targets: [],
      sourceSize: 0,
      targetSize: 0,
      coverage: null,
      balance: "empty",
    });
  });

  it("takes bcgPlacement output directly", () => {
    const placed = bcgPlacement([
      { id: "a", relativeShare: 2, growth: 0.02, size: 10 },
      { id: "b", relativeShare: 0.5, growth: 0.3, size: 5 },
    ]);
    const s = portfolioSummary(placed);
    expect(s.funding.sources).toEqual(["a"]);
    expect(s.funding.targets).toEqual(["b"]);
    expectClose(s.funding.coverage, 2);
  });

  it("rejects bad rows with a code, listing every problem", () => {
    const bad = (row: unknown) => errorOf(() => portfolioSummary([row as PortfolioSummaryItem])).code;
    expect(bad({ id: "a", quadrant: "unicorn", relativeShare: 1 })).toBe("INVALID_RECORD");
    expect(bad({ id: "a", quadrant: "dog", relativeShare: 1, size: -1 })).toBe("NEGATIVE_VALUE");
    expect(bad({ id: "a", quadrant: "dog", relativeShare: Number.NaN })).toBe("INVALID_RECORD");
    expect(bad({ id: "a", quadrant: "dog", relativeShare: 1, size: Number.POSITIVE_INFINITY })).toBe(
      "INVALID_RECORD",
    );
    expect(bad(null)).toBe("INVALID_RECORD");
    const e = errorOf(() =>
      portfolioSummary([
        { id: "a", quadrant: "dog", relativeShare: 1 },
        { id: "a", quadrant: "dog", relativeShare: 1 },
      ]),
    );
    expect(e.code).toBe("DUPLICATE_ID");
    expect(e.issues).toHaveLength(1);
    expect(e.message).toMatch(/^portfolioSummary: 1 invalid placement/);
  });
});
