import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compositeValueScore } from "./compositeValueScore.js";

describe("compositeValueScore properties", () => {
  it("keeps min-max and rank scores in [0, 1], every record once, and higher values never score lower", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.constantFrom("minmax" as const, "rank" as const),
        (values, normalize) => {
          const records = values.map((v, i) => ({ id: `r${i}`, v }));
          const out = compositeValueScore(records, { criteria: [{ field: "v", weight: 1, normalize }] });
          expect(out.map((r) => r.id).sort()).toEqual(records.map((r) => r.id).sort());
          const score = new Map(out.map((r) => [r.id, r.score]));
          for (const a of records) {
            const sa = score.get(a.id)!;
            expect(sa).toBeGreaterThanOrEqual(0);
            expect(sa).toBeLessThanOrEqual(1);
            for (const b of records) if (a.v < b.v) expect(sa).toBeLessThanOrEqual(score.get(b.id)!);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
