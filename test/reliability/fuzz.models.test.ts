/**
 * Fuzz tests of the models entry point (`customer-value/models`). Fits are costly (a numerical optimisation each), so the summaries are
 * tiny and the fits get a small evaluation budget; the fuzz still makes RUNS calls.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  bgBbModel,
  bgNbdModel,
  calibrationVsHoldout,
  compareModels,
  expectedPurchasesMatrix,
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  fitSbg,
  gammaGammaModel,
  holdoutEvaluation,
  mbgNbdModel,
  modelLifetimeValue,
  paretoNbdModel,
  periodTransactions,
  probabilityAliveMatrix,
  sbgModel,
} from "customer-value/models";
import {
  deepFreeze,
  expectCode,
  expectFuzzReachedResults,
  junkArb,
  okOrCvError,
  optionArb,
  orJunk,
  params,
  RUNS,
} from "./helpers.js";

// Fits on 1 to 6 customers with small maxEvaluations are mostly NOT_CONVERGED (the right answer there).
afterAll(() =>
  expectFuzzReachedResults(0.05, {
    "/^fitGammaGamma:/": 0.005,
    "/^fitBgNbd:/": 0.02,
    "/^fitMbgNbd:/": 0.02,
    "/^fitBgBb:/": 0.02,
  }),
);

/** One customer of an rfmSummary: whole frequency, 0 <= recency <= T. */
const customerArb = fc
  .record({
    frequency: fc.integer({ min: 0, max: 6 }),
    recencyShare: fc.integer({ min: 0, max: 100 }).map((p) => p / 100),
    T: fc.integer({ min: 1, max: 60 }),
    monetaryValue: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 500, noNaN: true })),
  })
  .map(({ frequency, recencyShare, T, monetaryValue }) => ({
    frequency,
    recency: frequency === 0 ? 0 : Math.max(1, Math.round(recencyShare * T)),
    T,
    monetaryValue: frequency === 0 ? 0 : monetaryValue,
  }));

const summaryArb = fc.oneof(
  { weight: 5, arbitrary: fc.array(customerArb, { minLength: 1, maxLength: 6 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.array(customerArb, { maxLength: 4 }),
        junkArb,
        fc.constantFrom("frequency", "recency", "T", "monetaryValue", "whole"),
      )
      .map(([rows, junk, key]) => [
        ...rows,
        key === "whole" ? junk : { frequency: 1, recency: 1, T: 2, monetaryValue: 1, [key]: junk },
      ]),
  },
);

// Budgets from hopeless (10) to enough for most tiny fits (3000); junk options (null among
// them) must be INVALID_OPTION.
const fitOptions = optionArb(fc.record({ maxEvaluations: fc.integer({ min: 10, max: 3000 }) }));

describe("models: fuzz (a clean result or a CustomerValueError)", () => {
  it("fitBgNbd and its predictions", () => {
    fc.assert(
      fc.property(
        summaryArb,
        fitOptions,
        fc.double({ min: 0, max: 52, noNaN: true }),
        (summary, options, t) => {
          deepFreeze(summary);
          const model = okOrCvError(/^fitBgNbd:/, () =>
            fitBgNbd(summary as never, (options ?? { maxEvaluations: 1000 }) as never),
          );
          if (model === undefined) return;
          const c = (summary as { frequency: number; recency: number; T: number }[])[0]!;
          okOrCvError("expectedPurchases", () => model.expectedPurchases(t));
          okOrCvError("conditionalExpectedPurchases", () => model.conditionalExpectedPurchases(t, c));
          const p = okOrCvError("probabilityAlive", () => model.probabilityAlive(c));
          if (typeof p === "number") {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1);
          }
        },
      ),
      params(),
    );
  });

  // Once a hang: a tiny summary drove the search to s ~ 1e7, where each likelihood took
  // seconds (a 2F1 series of millions of terms, an integral drowned in rounding noise).
  // Now every evaluation is bounded; this fuzz takes a few seconds.
  it("fitParetoNbd", () => {
    fc.assert(
      fc.property(summaryArb, fitOptions, (summary, options) => {
        deepFreeze(summary);
        okOrCvError(/^fitParetoNbd:/, () =>
          fitParetoNbd(summary as never, (options ?? { maxEvaluations: 1000 }) as never),
        );
      }),
      params(),
    );
  });

  it("fitGammaGamma", () => {
    fc.assert(
      fc.property(summaryArb, fitOptions, (summary, options) => {
        deepFreeze(summary);
        okOrCvError(/^fitGammaGamma:/, () => fitGammaGamma(summary as never, options as never));
      }),
      params(),
    );
  });

  it("bgNbdModel, paretoNbdModel, gammaGammaModel from parameters, and modelLifetimeValue", () => {
    const positive = orJunk(fc.double({ min: 0.01, max: 20, noNaN: true }), 12);
    fc.assert(
      fc.property(
        positive,
        positive,
        positive,
        positive,
        fc.array(customerArb, { minLength: 1, maxLength: 3 }),
        optionArb(fc.integer({ min: 1, max: 24 })),
        (r, alpha, a, b, customers, periods) => {
          const bg = okOrCvError("bgNbdModel", () => bgNbdModel(deepFreeze({ r, alpha, a, b }) as never));
          okOrCvError("paretoNbdModel", () =>
            paretoNbdModel(deepFreeze({ r, alpha, s: a, beta: b }) as never),
          );
          const gg = okOrCvError("gammaGammaModel", () =>
            gammaGammaModel(deepFreeze({ p: r, q: alpha, v: b }) as never),
          );
          if (bg === undefined || gg === undefined) return;
          // The error of a model method is passed on as it is (it names the method): accepted.
          okOrCvError(
            /^(modelLifetimeValue|conditionalExpectedAverageValue|conditionalExpectedPurchases|expectedPurchases|probabilityAlive):/,
            () =>
              modelLifetimeValue(deepFreeze(customers), {
                transactionModel: bg,
                spendModel: gg,
                timeUnit: "day",
                periodLength: 30,
                periods: (periods ?? 12) as number,
                discountRate: 0.01,
              }),
          );
        },
      ),
      params(),
    );
  });

  it("fitBgNbd / fitParetoNbd / fitGammaGamma with options null: INVALID_OPTION naming the function", () => {
    const summary = [{ frequency: 1, recency: 1, T: 2, monetaryValue: 5 }];
    for (const fitModel of [fitBgNbd, fitParetoNbd, fitGammaGamma]) {
      const error = expectCode(() => fitModel(summary, null as never), "INVALID_OPTION");
      expect(error.message).toMatch(new RegExp(`^${fitModel.name}: options must be an object`));
    }
  });

  it("modelLifetimeValue with periods 2^52: INVALID_OPTION (at most 100000 periods), not a RangeError", () => {
    const bg = bgNbdModel({ r: 0.5, alpha: 1, a: 0.5, b: 1 });
    const gg = gammaGammaModel({ p: 2, q: 3, v: 4 });
    const customers = [{ frequency: 1, recency: 1, T: 2, monetaryValue: 5 }];
    const error = expectCode(
      () =>
        modelLifetimeValue(customers, {
          transactionModel: bg,
          spendModel: gg,
          timeUnit: "day",
          periodLength: 30,
          periods: 2 ** 52,
          discountRate: 0.01,
        }),
      "INVALID_OPTION",
    );
    expect(error.message).toMatch(/^modelLifetimeValue: options.periods must be at most 100000/);
  });

  // Found by npm run fuzz: with p = q = 0.01 and x = 6, p x + q - 1 < 0, so the Gamma-Gamma
  // posterior mean spend is infinite; it once came out as a huge negative number (-Infinity
  // lifetime value). Now the spend model refuses, and modelLifetimeValue passes that on.
  it("modelLifetimeValue where the expected spend is infinite (p x + q <= 1): INVALID_OPTION, not -Infinity", () => {
    const bg = bgNbdModel({ r: 0.01, alpha: 0.01, a: 0.01, b: 4.951869918025723e161 });
    const gg = gammaGammaModel({ p: 0.01, q: 0.01, v: 4.951869918025723e161 });
    const customer = { customerId: "c6", frequency: 6, recency: 1, T: 1, monetaryValue: 1 };
    // 0.01 * 6 + 0.01 = 0.07 <= 1
    expect(gg.conditionalExpectedAverageValue.bind(gg, customer)).toThrow(/p x \+ q <= 1/);
    const error = expectCode(
      () =>
        modelLifetimeValue([customer], {
          transactionModel: bg,
          spendModel: gg,
          timeUnit: "day",
          periodLength: 30,
          periods: 12,
          discountRate: 0.01,
        }),
      "INVALID_OPTION",
    );
    expect(error.message).toMatch(
      /^modelLifetimeValue: customer \[0\] \(c6\): conditionalExpectedAverageValue: /,
    );
  });
});

describe("models added later: fuzz (a clean result or a CustomerValueError)", () => {
  it("fitMbgNbd and its predictions", () => {
    fc.assert(
      fc.property(
        summaryArb,
        fitOptions,
        fc.double({ min: 0, max: 52, noNaN: true }),
        (summary, options, t) => {
          deepFreeze(summary);
          const model = okOrCvError(/^fitMbgNbd:/, () =>
            fitMbgNbd(summary as never, (options ?? { maxEvaluations: 1000 }) as never),
          );
          if (model === undefined) return;
          const c = (summary as { frequency: number; recency: number; T: number }[])[0]!;
          okOrCvError("expectedPurchases", () => model.expectedPurchases(t));
          okOrCvError("conditionalExpectedPurchases", () => model.conditionalExpectedPurchases(t, c));
          const p = okOrCvError("probabilityAlive", () => model.probabilityAlive(c));
          if (typeof p === "number") expect(p >= 0 && p <= 1).toBe(true);
        },
      ),
      params(),
    );
  });

  const bgBbRowArb = fc
    .record({
      periods: fc.integer({ min: 1, max: 12 }),
      share: fc.integer({ min: 0, max: 100 }),
      take: fc.integer({ min: 0, max: 100 }),
      weight: fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 50 })),
    })
    .map(({ periods, share, take, weight }) => {
      const recency = Math.round((share / 100) * periods);
      const frequency = recency === 0 ? 0 : Math.max(1, Math.round((take / 100) * recency));
      return weight === undefined ? { frequency, recency, periods } : { frequency, recency, periods, weight };
    });

  it("fitBgBb, bgBbModel and its predictions", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 5, arbitrary: fc.array(bgBbRowArb, { minLength: 1, maxLength: 8 }) },
          {
            weight: 1,
            arbitrary: fc
              .tuple(fc.array(bgBbRowArb, { maxLength: 3 }), junkArb)
              .map(([rows, junk]) => [...rows, junk]),
          },
        ),
        fitOptions,
        fc.integer({ min: 0, max: 30 }),
        (rows, options, n) => {
          deepFreeze(rows);
          const model = okOrCvError(/^fitBgBb:/, () =>
            fitBgBb(rows as never, (options ?? { maxEvaluations: 1000 }) as never),
          );
          const m = model ?? bgBbModel({ alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 });
          const c = rows[0] as never;
          okOrCvError("expectedPurchases", () => m.expectedPurchases(n));
          okOrCvError(/^(conditionalExpectedPurchases|probabilityAlive)/, () =>
            m.conditionalExpectedPurchases(n, c),
          );
          const p = okOrCvError(/^probabilityAlive/, () => m.probabilityAlive(c));
          if (typeof p === "number") expect(p >= 0 && p <= 1).toBe(true);
          okOrCvError("probabilityOfPurchases", () => m.probabilityOfPurchases(Math.min(n, 3), n));
        },
      ),
      params(),
    );
  });

  it("fitSbg and sbgModel's curves", () => {
    const cohortArb = fc
      .tuple(
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 10 }),
      )
      .map(([size, keep]) => {
        const counts = [size];
        for (const k of keep) counts.push(Math.floor((counts[counts.length - 1]! * k) / 100));
        return counts;
      });
    fc.assert(
      fc.property(
        fc.oneof(cohortArb, fc.array(cohortArb, { minLength: 1, maxLength: 3 }), junkArb),
        fitOptions,
        fc.integer({ min: 0, max: 50 }),
        (counts, options, t) => {
          deepFreeze(counts);
          const model = okOrCvError(/^fitSbg:/, () =>
            fitSbg(counts as never, (options ?? { maxEvaluations: 1000 }) as never),
          );
          const m = model ?? sbgModel({ alpha: 0.7, beta: 1.2 });
          okOrCvError("survival", () => m.survival(t));
          okOrCvError("retentionRate", () => m.retentionRate(t));
          okOrCvError("discountedExpectedResidualLifetime", () =>
            m.discountedExpectedResidualLifetime({ discountRate: 0.1, renewals: t }),
          );
          okOrCvError("projectActive", () => m.projectActive(1000, t));
        },
      ),
      params(),
    );
  });

  it("the diagnostics: periodTransactions, calibrationVsHoldout, holdoutEvaluation, the matrices, compareModels", () => {
    const holdoutArb = fc
      .tuple(customerArb, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 52 }))
      .map(([c, frequencyHoldout, durationHoldout]) => ({ ...c, frequencyHoldout, durationHoldout }));
    const positive = fc.double({ min: 0.01, max: 20, noNaN: true });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(holdoutArb, { minLength: 1, maxLength: 6 }),
          fc.tuple(fc.array(holdoutArb, { maxLength: 3 }), junkArb).map(([rows, junk]) => [...rows, junk]),
        ),
        positive,
        positive,
        positive,
        positive,
        optionArb(fc.integer({ min: 1, max: 10 })),
        (rows, r, alpha, a, b, max) => {
          deepFreeze(rows);
          const models = [
            bgNbdModel({ r, alpha, a, b }),
            mbgNbdModel({ r, alpha, a, b }),
            paretoNbdModel({ r, alpha, s: a, beta: b }),
          ];
          const options = max === undefined ? {} : { maxFrequency: max };
          for (const m of models) {
            okOrCvError(/^(periodTransactions|probabilityOfPurchases)/, () =>
              periodTransactions(m, rows as never, options as never),
            );
            okOrCvError(/^(calibrationVsHoldout|conditionalExpectedPurchases)/, () =>
              calibrationVsHoldout(m, rows as never, options as never),
            );
            okOrCvError(/^(holdoutEvaluation|conditionalExpectedPurchases)/, () =>
              holdoutEvaluation(m, rows as never),
            );
            okOrCvError(/^probabilityAliveMatrix/, () =>
              probabilityAliveMatrix(m, { T: alpha, maxFrequency: 3, steps: 3 }),
            );
            okOrCvError(/^(expectedPurchasesMatrix|conditionalExpectedPurchases)/, () =>
              expectedPurchasesMatrix(m, { T: alpha, t: b, maxFrequency: 3, steps: 3 }),
            );
          }
          const fitted = {
            model: "sbg",
            logLikelihood: -a,
            standardErrors: { alpha: r, beta: null },
            customers: 1 + Math.round(b),
          };
          okOrCvError(/^compareModels/, () =>
            compareModels({ fitted, other: { ...fitted, logLikelihood: -b } }),
          );
          okOrCvError(/^compareModels/, () => compareModels({ x: rows[0] as never }));
        },
      ),
      params(Math.max(50, Math.round(RUNS / 10))),
    );
  });
});
