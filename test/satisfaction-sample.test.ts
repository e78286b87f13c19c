/**
 * The sample data is built so that valuable customers grow less satisfied while the many
 * small ones grow more satisfied (src/sample/generateSampleData.ts): the plain index must
 * rise and the value-weighted index fall — the satisfaction trap the docs and demo show.
 */
import { describe, expect, it } from "vitest";
import { generateSampleData } from "../src/sample/generateSampleData.js";
import { satisfactionTrap } from "../src/satisfaction/satisfactionTrap.js";
import { valueWeightedSatisfaction } from "../src/satisfaction/valueWeightedSatisfaction.js";

describe("satisfaction on the sample data", () => {
  for (const seed of [42, 7]) {
    it(`shows false comfort between the two waves (seed ${seed})`, () => {
      const sample = generateSampleData({ seed });
      const values = new Map(
        sample.customers.flatMap((c) => (c.value === undefined ? [] : [[c.id, c.value]])),
      );
      const trap = satisfactionTrap(sample.survey.before, sample.survey.after, values, {
        scale: [1, 10],
        indicators: sample.survey.indicators,
      });
      expect(trap.unweightedChange).toBeGreaterThan(0);
      expect(trap.weightedChange).toBeLessThan(0);
      expect(trap.kind).toBe("false-comfort");
      const wave = valueWeightedSatisfaction(sample.survey.after, values, { scale: [1, 10] });
      expect(wave.respondents).toBe(sample.survey.after.length);
      expect(Object.keys(wave.indicators).sort()).toEqual([...sample.survey.indicators].sort());
    });
  }
});
