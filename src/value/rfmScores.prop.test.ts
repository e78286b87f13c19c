import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rfmScores } from "./rfmScores.js";

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

const logArb = fc.array(
  fc.record({
    customerId: fc.constantFrom("a", "b", "c", "d", "e", "f", "g"),
    day: fc.integer({ min: 0, max: 60 }),
    cents: fc.integer({ min: -1000, max: 20_000 }),
  }),
  { minLength: 1, maxLength: 60 },
);

describe("rfmScores properties", () => {
  it("keeps scores in 1..bins, monotone in the values, equal values equal scores", () => {
    fc.assert(
      fc.property(logArb, fc.integer({ min: 2, max: 7 }), (rows, bins) => {
        const log = rows.map((r) => ({
          customerId: r.customerId,
          date: new Date(START + r.day * DAY).toISOString(),
          amount: r.cents / 100,
        }));
        const out = rfmScores(Object.freeze(log), { asOf: "2024-03-01", bins });
        for (const x of out) {
          for (const s of [x.recencyScore, x.frequencyScore, x.monetaryScore]) {
            expect(Number.isInteger(s) && s >= 1 && s <= bins).toBe(true);
          }
        }
        for (const x of out) {
          for (const y of out) {
            if (x.frequency <= y.frequency) expect(x.frequencyScore).toBeLessThanOrEqual(y.frequencyScore);
            if (x.monetary <= y.monetary) expect(x.monetaryScore).toBeLessThanOrEqual(y.monetaryScore);
            if (x.recency <= y.recency) expect(x.recencyScore).toBeGreaterThanOrEqual(y.recencyScore);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
