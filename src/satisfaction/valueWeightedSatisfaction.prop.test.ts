import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { satisfactionTrap } from "./satisfactionTrap.js";
import { valueWeightedSatisfaction } from "./valueWeightedSatisfaction.js";

// A scale [low, high] and a survey in which every respondent answers every indicator.
const survey = fc
  .tuple(
    fc.double({ min: -100, max: 100, noNaN: true }),
    fc.double({ min: 0.5, max: 100, noNaN: true }),
    fc.integer({ min: 1, max: 4 }),
  )
  .chain(([low, width, indicators]) =>
    fc.record({
      scale: fc.constant([low, low + width] as const),
      respondents: fc.array(
        fc.record({
          value: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e9, noNaN: true })),
          scores: fc.array(fc.double({ min: low, max: low + width, noNaN: true }), {
            minLength: indicators,
            maxLength: indicators,
          }),
        }),
        { minLength: 1, maxLength: 40 },
      ),
    }),
  )
  .filter(({ respondents }) => respondents.some((r) => r.value > 0));

const toInput = (respondents: { value: number; scores: number[] }[]) => ({
  responses: respondents.map((r, i) => ({
    customerId: `c${i}`,
    scores: Object.fromEntries(r.scores.map((s, j) => [`i${j}`, s])),
  })),
  values: new Map(respondents.map((r, i) => [`c${i}`, r.value])),
});

const within = (x: number, low: number, high: number, slack = 0) =>
  x >= low - slack * Math.max(1, Math.abs(low)) && x <= high + slack * Math.max(1, Math.abs(high));

describe("valueWeightedSatisfaction properties", () => {
  it('with reference "mean" and full answers, adjustedMean equals weighted and both stay on the scale', () => {
    fc.assert(
      fc.property(survey, ({ scale, respondents }) => {
        const { responses, values } = toInput(respondents);
        const r = valueWeightedSatisfaction(responses, values, { scale });
        for (const name of Object.keys(r.indicators)) {
          const { weighted, adjustedMean, unweighted } = r.indicators[name]!;
          expect(weighted).not.toBeNull();
          expect(adjustedMean).not.toBeNull();
          const w = weighted!;
          const a = adjustedMean!;
          // 1e-12 relative (absolute near 0, where a relative tolerance means nothing)
          expect(Math.abs(a - w)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(w)));
          expect(within(w, scale[0], scale[1])).toBe(true);
          expect(within(unweighted!, scale[0], scale[1])).toBe(true);
          // adjustedMean is reported unclipped: on the scale up to its rounding error
          expect(within(a, scale[0], scale[1], 1e-12)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("groups partition the respondents and the value", () => {
    fc.assert(
      fc.property(survey, fc.integer({ min: 1, max: 4 }), ({ respondents }, groups) => {
        const { responses, values } = toInput(respondents);
        const r = valueWeightedSatisfaction(responses, values, {
          groupBy: (id) => `g${Number(id.slice(1)) % groups}`,
        });
        const total = r.groups!.reduce((s, g) => s + g.respondents, 0);
        expect(total).toBe(r.respondents);
        const value = r.groups!.reduce((s, g) => s + g.valueTotal, 0);
        expect(Math.abs(value - r.valueTotal)).toBeLessThanOrEqual(1e-9 * Math.max(1, r.valueTotal));
      }),
      { numRuns: 200 },
    );
  });

  it('adjustedAs "columns" holds exactly the numbers of the rows, groups included', () => {
    fc.assert(
      fc.property(survey, fc.integer({ min: 1, max: 3 }), ({ respondents }, groups) => {
        const { responses, values } = toInput(respondents);
        // Every third respondent without a group and skipped, so kept rows differ from input rows.
        const groupBy = (id: string) =>
          Number(id.slice(1)) % 3 === 2 ? undefined : `g${Number(id.slice(1)) % groups}`;
        const options = { groupBy, missingValue: "skip" as const };
        fc.pre(respondents.some((r, i) => i % 3 !== 2 && r.value > 0));
        const rows = valueWeightedSatisfaction(responses, values, options);
        const cols = valueWeightedSatisfaction(responses, values, { ...options, adjustedAs: "columns" });
        for (const [a, b] of [
          [rows, cols] as const,
          ...rows.groups!.map((g, i) => [g, cols.groups![i]!] as const),
        ]) {
          const { customerIds, factor, scores } = b.adjustedColumns!;
          expect(customerIds).toEqual(a.adjusted.map((row) => row.customerId));
          a.adjusted.forEach((row, p) => {
            expect(Object.is(factor[p], row.factor)).toBe(true);
            for (const name of Object.keys(row.scores)) {
              const score = row.scores[name]!;
              expect(
                score === null ? Number.isNaN(scores[name]![p]) : Object.is(scores[name]![p], score),
              ).toBe(true);
            }
          });
          expect(b.adjusted).toEqual(a.adjusted);
          expect(b.index).toEqual(a.index);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("a trap is exactly a pair of index changes of opposite sign", () => {
    fc.assert(
      fc.property(survey, survey, ({ respondents: a }, { respondents: b }) => {
        // Same customers and values in both waves; the second wave's scores.
        const n = Math.min(a.length, b.length);
        fc.pre(a.slice(0, n).some((r) => r.value > 0));
        const first = toInput(a.slice(0, n));
        const second = toInput(
          a.slice(0, n).map((r, i) => ({ value: r.value, scores: b[i]!.scores.slice(0, 1) })),
        );
        const trimmed = first.responses.map((r) => ({
          customerId: r.customerId,
          scores: { i0: r.scores.i0! },
        }));
        const r = satisfactionTrap(trimmed, second.responses, first.values);
        const opposite = Math.sign(r.unweightedChange) * Math.sign(r.weightedChange) < 0; // signs: products of tiny changes underflow
        expect(r.isTrap).toBe(opposite);
        if (r.kind === "false-comfort") expect(r.unweightedChange).toBeGreaterThan(0);
        if (r.kind === "false-alarm") expect(r.unweightedChange).toBeLessThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
