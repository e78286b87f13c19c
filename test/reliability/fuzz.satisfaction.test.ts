/**
 * Fuzz and property tests of value-weighted satisfaction: RUNS generated calls per
 * public function; valid surveys keep every mean on the survey scale.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  expectationRatio,
  satisfactionCase,
  satisfactionTrap,
  valueWeightedSatisfaction,
} from "customer-value";
import {
  amountArb,
  compact,
  deepFreeze,
  idArb,
  junkArb,
  okOrCvError,
  optionArb,
  orJunk,
  params,
  expectFuzzReachedResults,
  invariantParams,
  mostlyClean,
} from "./helpers.js";

afterAll(() => expectFuzzReachedResults());

const scoreArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 10 }) },
  { weight: 1, arbitrary: fc.constant(null) },
);

const responseArb = fc.record({
  customerId: idArb,
  scores: fc.record({ quality: scoreArb, price: scoreArb, service: scoreArb }, { requiredKeys: ["quality"] }),
});

/** Responses with distinct respondents. */
const surveyArb = (maxLength = 8) =>
  fc.uniqueArray(responseArb, { selector: (r) => r.customerId, minLength: 1, maxLength });

const fuzzSurveyArb = fc.oneof(
  { weight: 5, arbitrary: surveyArb() },
  { weight: 1, arbitrary: fc.array(responseArb, { maxLength: 6 }) }, // duplicates possible
  {
    weight: 1,
    arbitrary: fc
      .tuple(surveyArb(), junkArb, fc.constantFrom("customerId", "scores", "quality", "whole"))
      .map(([rs, junk, key]) => [
        ...rs,
        key === "whole"
          ? junk
          : key === "quality"
            ? { customerId: "Z", scores: { quality: junk } }
            : { customerId: "Z", scores: {}, [key]: junk },
      ]),
  },
);

/** A plan for the customer values: some explicit pairs (junk possible), a form, and whether every respondent gets one. */
const valuesArb = fc.record({
  pairs: fc.array(fc.tuple(idArb, orJunk(amountArb, 30)), { maxLength: 6 }),
  form: fc.constantFrom("record", "map", "function"),
  complete: fc.oneof(
    { weight: 4, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
});

/** Builds the values of a plan for the respondents of the given waves: an own-key record, a Map or a function. */
function buildValues(
  plan: { pairs: [string, unknown][]; form: string; complete: boolean },
  ...waves: unknown[][]
): unknown {
  const map = new Map<string, unknown>(plan.pairs);
  if (plan.complete) {
    for (const wave of waves)
      for (const r of wave) {
        const id = (r as { customerId?: unknown } | null)?.customerId;
        if (typeof id === "string" && !map.has(id)) map.set(id, 1 + (id.length % 7));
      }
  }
  if (plan.form === "map") return map;
  if (plan.form === "function") return (id: string) => map.get(id);
  return deepFreeze(Object.fromEntries(map));
}

const optionsFor = (junk: number) =>
  fc
    .record({
      reference: optionArb(
        fc.oneof(fc.constantFrom("mean", "min"), fc.double({ min: 0, max: 1000, noNaN: true })),
        junk,
      ),
      indicatorWeights: optionArb(
        fc.record({ quality: fc.integer({ min: 0, max: 3 }), price: fc.integer({ min: 0, max: 3 }) }),
        junk,
      ),
      scale: optionArb(fc.constantFrom([1, 10], [0, 5], [10, 1]), junk),
      missingValue: optionArb(fc.constantFrom("error", "skip"), junk),
      interval: optionArb(fc.constantFrom("normal", "bootstrap"), junk),
      confidence: optionArb(fc.double({ min: 0, max: 1, noNaN: true }), junk),
      bootstrap: optionArb(
        fc.record({ replicates: fc.integer({ min: 1, max: 20 }), seed: fc.integer() }),
        junk,
      ),
    })
    .map(compact);
const optionsArb = mostlyClean(optionsFor(0), optionsFor(1));

describe("satisfaction: fuzz (a clean result or a CustomerValueError)", () => {
  it("valueWeightedSatisfaction", () => {
    fc.assert(
      fc.property(fuzzSurveyArb, valuesArb, optionsArb, (responses, plan, options) => {
        deepFreeze(responses);
        deepFreeze(options);
        const values = buildValues(plan, responses);
        okOrCvError("valueWeightedSatisfaction", () =>
          valueWeightedSatisfaction(responses as never, values as never, options as never),
        );
      }),
      params(),
    );
  });

  it("satisfactionTrap", () => {
    fc.assert(
      fc.property(
        fuzzSurveyArb,
        fuzzSurveyArb,
        valuesArb,
        optionsArb,
        optionArb(fc.double({ min: 0, max: 1, noNaN: true })),
        (a, b, plan, options, tolerance) => {
          const values = buildValues(plan, a, b);
          deepFreeze([a, b, options]);
          okOrCvError("satisfactionTrap", () =>
            satisfactionTrap(
              a as never,
              b as never,
              values as never,
              compact({ ...options, tolerance }) as never,
            ),
          );
        },
      ),
      params(),
    );
  });

  it("satisfactionCase and expectationRatio", () => {
    const num = orJunk(fc.double({ min: -10, max: 10, noNaN: true }), 8);
    fc.assert(
      fc.property(num, num, (x, y) => {
        const r = okOrCvError("satisfactionCase", () =>
          satisfactionCase(deepFreeze({ highValueChange: x, lowValueChange: y }) as never),
        );
        if (r !== undefined && r !== null) expect(["I", "II", "III", "IV", "V", "VI"]).toContain(r);
        const ratio = okOrCvError("expectationRatio", () => expectationRatio(x as number, y as number));
        if (ratio !== undefined && ratio !== null) expect(ratio).toBeGreaterThanOrEqual(0);
      }),
      params(),
    );
  });
});

describe("satisfaction: invariants on valid input", () => {
  it("weighted and unweighted means stay within the observed scores; index within the scale", () => {
    fc.assert(
      fc.property(
        surveyArb(10),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 10, maxLength: 10 }),
        (responses, ks) => {
          const ids = responses.map((r) => r.customerId);
          const values = new Map(ids.map((id, i) => [id, ks[i]! + 1]));
          const result = valueWeightedSatisfaction(deepFreeze(responses), values, { scale: [1, 10] });
          for (const [name, ind] of Object.entries(result.indicators)) {
            const scores = responses
              .map((r) => (r.scores as Record<string, number | null | undefined>)[name])
              .filter((s): s is number => typeof s === "number");
            if (ind.n === 0) continue;
            const lo = Math.min(...scores); // small arrays only
            const hi = Math.max(...scores);
            for (const m of [ind.weighted, ind.unweighted]) {
              if (m === null) continue;
              expect(m).toBeGreaterThanOrEqual(lo - 1e-9);
              expect(m).toBeLessThanOrEqual(hi + 1e-9);
            }
            expect(ind.effectiveN).toBeGreaterThanOrEqual(1 - 1e-9);
            expect(ind.effectiveN).toBeLessThanOrEqual(ind.n + 1e-9);
          }
          for (const m of [result.index.weighted, result.index.unweighted]) {
            if (m === null) continue;
            expect(m).toBeGreaterThanOrEqual(1 - 1e-9);
            expect(m).toBeLessThanOrEqual(10 + 1e-9);
          }
          // Order of respondents does not matter.
          const again = valueWeightedSatisfaction(deepFreeze([...responses].reverse()), values, {
            scale: [1, 10],
          });
          if (result.index.weighted === null) expect(again.index.weighted).toBeNull();
          else expect(again.index.weighted).toBeCloseTo(result.index.weighted, 12);
        },
      ),
      invariantParams(),
    );
  });

  it("a values record keyed by hostile ids is read as own keys only (no prototype lookup)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"),
        (id) => {
          const responses = deepFreeze([
            { customerId: id, scores: { q: 5 } },
            { customerId: "B", scores: { q: 9 } },
          ]);
          // Only B has a value: the hostile id must be MISSING_VALUE, not a prototype member.
          const values = deepFreeze(Object.fromEntries([["B", 3]]));
          let code: string | undefined;
          try {
            valueWeightedSatisfaction(responses, values);
          } catch (e) {
            code = (e as { code?: string }).code;
          }
          expect(code).toBe("MISSING_VALUE");
          // With an own key it works as data.
          const own = deepFreeze(
            Object.fromEntries([
              [id, 1],
              ["B", 3],
            ]),
          );
          const r = valueWeightedSatisfaction(responses, own);
          // weighted = (1*5 + 3*9) / 4 = 32 / 4 = 8
          expect(r.indicators.q!.weighted).toBeCloseTo(8, 12);
        },
      ),
      params(50),
    );
  });
});
