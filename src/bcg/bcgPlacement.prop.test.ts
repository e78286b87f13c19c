import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bcgPlacement } from "./bcgPlacement.js";
import { portfolioSummary } from "./portfolioSummary.js";

const item = fc.record({
  relativeShare: fc.double({ min: 0, max: 10, noNaN: true }),
  growth: fc.double({ min: -1, max: 2, noNaN: true }),
  // 0, or at least 1e-12: a coverage (cash cows / question marks) beyond the largest double
  // is an error of its own, tested in test/reliability/portfolioSummary-overflow.test.ts.
  size: fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 1e6, noNaN: true })),
});
const items = fc.array(item, { maxLength: 40 }).map((xs) => xs.map((x, i) => ({ id: `i${i}`, ...x })));
const thresholds = fc.record({
  growthThreshold: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
  shareThreshold: fc.double({ min: 0.1, max: 3, noNaN: true }),
});

describe("bcgPlacement properties", () => {
  it("places every item once, on the side of each threshold its values are on", () => {
    fc.assert(
      fc.property(items, thresholds, (xs, t) => {
        const result = bcgPlacement(Object.freeze(xs), t);
        expect(result.map((r) => r.id)).toEqual(xs.map((x) => x.id));
        for (const r of result) {
          const highShare = r.relativeShare >= t.shareThreshold * (1 - 1e-12);
          const highGrowth = r.growth >= t.growthThreshold - 1e-12 * Math.abs(t.growthThreshold);
          const expected = highShare
            ? highGrowth
              ? "star"
              : "cashCow"
            : highGrowth
              ? "questionMark"
              : "dog";
          expect(r.quadrant).toBe(expected);
          const strategy = { star: "hold", cashCow: "harvest", questionMark: "build", dog: "divest" }[
            r.quadrant
          ];
          expect(r.strategy).toBe(strategy);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps every item in exactly one quadrant of the summary, and the sizes add up", () => {
    fc.assert(
      fc.property(items, (xs) => {
        const s = portfolioSummary(bcgPlacement(xs));
        const all = [
          ...s.quadrants.star.ids,
          ...s.quadrants.cashCow.ids,
          ...s.quadrants.questionMark.ids,
          ...s.quadrants.dog.ids,
        ];
        expect(all.slice().sort()).toEqual(xs.map((x) => x.id).sort());
        const sizes =
          s.quadrants.star.totalSize +
          s.quadrants.cashCow.totalSize +
          s.quadrants.questionMark.totalSize +
          s.quadrants.dog.totalSize;
        expect(Math.abs(sizes - s.totalSize)).toBeLessThanOrEqual(1e-9 * Math.max(1, s.totalSize));
        expect(s.funding.sources).toEqual(s.quadrants.cashCow.ids);
        expect(s.funding.targets.slice().sort()).toEqual(s.quadrants.questionMark.ids.slice().sort());
      }),
      { numRuns: 200 },
    );
  });
});
