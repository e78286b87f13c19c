import { describe, expect, it } from "vitest";
import { type BcgItem, bcgPlacement } from "./bcgPlacement.js";
import { caught as errorOf } from "../../test/support/errors.js";

const expectClose = (actual: number, expected: number, rel = 1e-12) => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
};

const deepFreeze = <T>(items: T[]): readonly T[] => Object.freeze(items.map((x) => Object.freeze(x)));

const placeOne = (item: BcgItem, options = {}) => bcgPlacement(deepFreeze([item]), options)[0]!;

describe("bcgPlacement", () => {
  it("places one item in each quadrant with the source's strategy", () => {
    const result = bcgPlacement(
      deepFreeze<BcgItem>([
        { id: "star", relativeShare: 2, growth: 0.2 },
        { id: "cow", relativeShare: 1.5, growth: 0.03 },
        { id: "qm", relativeShare: 0.4, growth: 0.25 },
        { id: "dog", relativeShare: 0.2, growth: -0.05 },
      ]),
    );
    expect(result.map((r) => [r.id, r.quadrant, r.strategy])).toEqual([
      ["star", "star", "hold"],
      ["cow", "cashCow", "harvest"],
      ["qm", "questionMark", "build"],
      ["dog", "dog", "divest"],
    ]);
  });

  it("computes the relative share from share and largestCompetitorShare", () => {
    // 0.12 / 0.48 = 0.25 (follower); growth 0.3 >= 0.1 -> question mark
    const r = placeOne({ id: "p", share: 0.12, largestCompetitorShare: 0.48, growth: 0.3 });
    expectClose(r.relativeShare, 0.25);
    expect(r.quadrant).toBe("questionMark");
  });

  it("gives the same placement whichever way the share is given", () => {
    const a = placeOne({ id: "p", share: 0.35, largestCompetitorShare: 0.14, growth: 0.05 });
    const b = placeOne({ id: "p", relativeShare: 2.5, growth: 0.05 });
    // 0.35 / 0.14 = 2.5
    expectClose(a.relativeShare, 2.5);
    expect(a.quadrant).toBe("cashCow");
    expect(b.quadrant).toBe("cashCow");
  });

  it("accepts both forms when they agree, and rejects them when they disagree", () => {
    expect(
      placeOne({ id: "p", share: 0.3, largestCompetitorShare: 0.2, relativeShare: 1.5, growth: 0 }).quadrant,
    ).toBe("cashCow");
    expect(
      errorOf(() =>
        placeOne({ id: "p", share: 0.3, largestCompetitorShare: 0.2, relativeShare: 0.5, growth: 0 }),
      ).code,
    ).toBe("INVALID_RECORD");
  });

  it("puts the market leader (relative share > 1, against the runner-up) on the high side", () => {
    // leader 40%, runner-up 25%: 0.40 / 0.25 = 1.6 > 1
    const r = placeOne({ id: "leader", share: 0.4, largestCompetitorShare: 0.25, growth: 0.12 });
    expectClose(r.relativeShare, 1.6);
    expect(r.quadrant).toBe("star");
    // the runner-up against the leader: 0.25 / 0.40 = 0.625 < 1
    const s = placeOne({ id: "runnerUp", share: 0.25, largestCompetitorShare: 0.4, growth: 0.12 });
    expectClose(s.relativeShare, 0.625);
    expect(s.quadrant).toBe("questionMark");
  });

  it("counts a relative share on the threshold as high", () => {
    expect(placeOne({ id: "a", relativeShare: 1, growth: 0 }).quadrant).toBe("cashCow");
    expect(placeOne({ id: "a", share: 0.2, largestCompetitorShare: 0.2, growth: 0 }).quadrant).toBe(
      "cashCow",
    );
    expect(placeOne({ id: "a", relativeShare: 0.999, growth: 0 }).quadrant).toBe("dog");
  });

  it("counts a growth on the threshold as high", () => {
    expect(placeOne({ id: "a", relativeShare: 0.5, growth: 0.1 }).quadrant).toBe("questionMark");
    expect(placeOne({ id: "a", relativeShare: 0.5, growth: 0.0999 }).quadrant).toBe("dog");
    expect(placeOne({ id: "a", relativeShare: 2, growth: 0.1 }).quadrant).toBe("star");
  });

  it("is not fooled by floating error at a threshold", () => {
    // 0.3 / 0.1 is 2.9999999999999996 in doubles but exactly 3 in arithmetic
    expect(0.3 / 0.1).toBeLessThan(3);
    expect(
      placeOne({ id: "a", share: 0.3, largestCompetitorShare: 0.1, growth: 0 }, { shareThreshold: 3 })
        .quadrant,
    ).toBe("cashCow");
    // (0.11 - 0.1) / 0.1 is 0.09999999999999995 in doubles but exactly 0.1 in arithmetic
    const growth = (0.11 - 0.1) / 0.1;
    expect(growth).toBeLessThan(0.1);
    expect(placeOne({ id: "a", relativeShare: 0.5, growth }).quadrant).toBe("questionMark");
  });

  it("moves the dividing lines with the options", () => {
    // growth 0.15 is high at 0.1 but low at 0.2; relative share 0.8 is low at 1 but high at 0.5
    const item = { id: "a", relativeShare: 0.8, growth: 0.15 };
    expect(placeOne(item).quadrant).toBe("questionMark");
    expect(placeOne(item, { growthThreshold: 0.2 }).quadrant).toBe("dog");
    expect(placeOne(item, { shareThreshold: 0.5 }).quadrant).toBe("star");
    expect(placeOne(item, { growthThreshold: 0.2, shareThreshold: 0.8 }).quadrant).toBe("cashCow");
    // negative growth threshold (a shrinking economy)
    expect(placeOne({ id: "a", relativeShare: 2, growth: -0.02 }, { growthThreshold: -0.02 }).quadrant).toBe(
      "star",
    );
  });

  it("returns every field, with size null when absent, in input order", () => {
    const result = bcgPlacement(
      deepFreeze<BcgItem>([
        { id: "z", relativeShare: 0.5, growth: 0.02, size: 120 },
        { id: "a", share: 0.3, largestCompetitorShare: 0.2, growth: 0.15 },
      ]),
    );
    expect(result).toEqual([
      { id: "z", quadrant: "dog", strategy: "divest", relativeShare: 0.5, growth: 0.02, size: 120 },
      { id: "a", quadrant: "star", strategy: "hold", relativeShare: 0.3 / 0.2, growth: 0.15, size: null },
    ]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("returns [] for no items, and normalises -0", () => {
    expect(bcgPlacement([])).toEqual([]);
    const r = placeOne({ id: "a", relativeShare: -0, growth: -0, size: -0 });
    expect(Object.is(r.relativeShare, 0) && Object.is(r.growth, 0) && Object.is(r.size, 0)).toBe(true);
  });

  it("handles ids such as __proto__", () => {
    const r = bcgPlacement([
      { id: "__proto__", relativeShare: 1, growth: 0.1 },
      { id: "constructor", relativeShare: 1, growth: 0.1 },
    ]);
    expect(r.map((x) => x.id)).toEqual(["__proto__", "constructor"]);
    expect(
      errorOf(() =>
        bcgPlacement([
          { id: "__proto__", relativeShare: 1, growth: 0 },
          { id: "__proto__", relativeShare: 1, growth: 0 },
        ]),
      ).code,
    ).toBe("DUPLICATE_ID");
  });

  it("rejects bad items with a code and lists every problem", () => {
    const bad = (item: unknown) => errorOf(() => bcgPlacement([item as BcgItem]));
    expect(bad({ id: "a", share: -0.1, largestCompetitorShare: 0.2, growth: 0 }).code).toBe("NEGATIVE_VALUE");
    expect(bad({ id: "a", relativeShare: -1, growth: 0 }).code).toBe("NEGATIVE_VALUE");
    expect(bad({ id: "a", relativeShare: 1, growth: 0, size: -5 }).code).toBe("NEGATIVE_VALUE");
    expect(bad({ id: "a", share: 0.1, largestCompetitorShare: 0, growth: 0 }).code).toBe("INVALID_RECORD");
    expect(bad({ id: "a", relativeShare: 1, growth: Number.POSITIVE_INFINITY }).code).toBe("INVALID_RECORD");
    expect(bad({ id: "a", relativeShare: 1, growth: Number.NaN }).code).toBe("INVALID_RECORD");
    expect(bad({ id: "a", relativeShare: 1, growth: "0.1" }).code).toBe("INVALID_RECORD");
    expect(bad({ id: "a", relativeShare: 1 }).code).toBe("MISSING_VALUE");
    expect(bad({ id: "a", growth: 0.1 }).code).toBe("MISSING_VALUE");
    expect(bad({ id: "a", share: 0.1, growth: 0.1 }).code).toBe("MISSING_VALUE");
    expect(bad({ id: "", relativeShare: 1, growth: 0 }).code).toBe("INVALID_RECORD");
    expect(bad(null).code).toBe("INVALID_RECORD");
    expect(errorOf(() => bcgPlacement("x" as unknown as BcgItem[])).code).toBe("INVALID_RECORD");

    const e = errorOf(() =>
      bcgPlacement([
        { id: "a", relativeShare: 1, growth: 0 },
        { id: "a", relativeShare: 1, growth: 0 },
        { id: "b", share: 0.1, largestCompetitorShare: 0, growth: Number.NaN },
      ]),
    );
    expect(e.code).toBe("DUPLICATE_ID");
    expect(e.issues.map((i) => i.path)).toEqual(["[1].id", "[2].growth", "[2].largestCompetitorShare"]);
    expect(e.message).toMatch(/^bcgPlacement: 3 invalid items/);
  });

  it("rejects thresholds that are not finite or a share threshold <= 0", () => {
    const items = [{ id: "a", relativeShare: 1, growth: 0 }];
    expect(errorOf(() => bcgPlacement(items, { growthThreshold: Number.NaN })).code).toBe("INVALID_OPTION");
    expect(errorOf(() => bcgPlacement(items, { growthThreshold: Number.POSITIVE_INFINITY })).code).toBe(
      "INVALID_OPTION",
    );
    expect(errorOf(() => bcgPlacement(items, { shareThreshold: Number.POSITIVE_INFINITY })).code).toBe(
      "INVALID_OPTION",
    );
    expect(errorOf(() => bcgPlacement(items, { shareThreshold: 0 })).code).toBe("INVALID_OPTION");
    expect(() => bcgPlacement(items, { shareThreshold: -1 })).toThrow(
      /^bcgPlacement: shareThreshold must be > 0/,
    );
  });
});
