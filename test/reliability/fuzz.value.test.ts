/**
 * Fuzz and property tests of the customer-value module (RFM, calibration/holdout,
 * lifetime value, composite score, classes).
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  calibrationAndHoldout,
  compositeValueScore,
  customerClasses,
  lifetimeValue,
  rfmScores,
  rfmSummary,
} from "customer-value";
import {
  amountArb,
  compact,
  dayStringArb,
  deepFreeze,
  durationArb,
  idArb,
  junkArb,
  logArb,
  okOrCvError,
  optionArb,
  orJunk,
  params,
  timeZoneArb,
  validLogArb,
  expectFuzzReachedResults,
  invariantParams,
} from "./helpers.js";

afterAll(() => expectFuzzReachedResults());

const summaryOptionsArb = fc
  .record({
    observationEnd: optionArb(dayStringArb),
    aggregate: optionArb(fc.constantFrom("day", "week")),
    unit: optionArb(fc.constantFrom("day", "week")),
    timeZone: optionArb(timeZoneArb),
  })
  .map(compact);

describe("value: fuzz (a clean result or a CustomerValueError)", () => {
  it("rfmSummary: one row per customer; 0 <= recency <= T; frequency a whole number", () => {
    fc.assert(
      fc.property(logArb(), summaryOptionsArb, (log, options) => {
        deepFreeze([log, options]);
        const rows = okOrCvError("rfmSummary", () => rfmSummary(log as never, options as never));
        if (rows === undefined) return;
        expect(new Set(rows.map((r) => r.customerId)).size).toBe(rows.length);
        for (const r of rows) {
          expect(Number.isInteger(r.frequency) && r.frequency >= 0).toBe(true);
          expect(r.recency).toBeGreaterThanOrEqual(0);
          expect(r.recency).toBeLessThanOrEqual(r.T + 1e-9);
        }
      }),
      params(),
    );
  });

  it("calibrationAndHoldout", () => {
    fc.assert(
      fc.property(
        logArb(),
        orJunk(dayStringArb, 12),
        summaryOptionsArb,
        optionArb(fc.constantFrom("mean", "total", "none")),
        (log, calibrationEnd, options, holdoutMonetaryValue) => {
          const o = deepFreeze(compact({ ...options, calibrationEnd, holdoutMonetaryValue }));
          const rows = okOrCvError("calibrationAndHoldout", () =>
            calibrationAndHoldout(deepFreeze(log) as never, o as never),
          );
          if (rows !== undefined) for (const r of rows) expect(r.frequencyHoldout).toBeGreaterThanOrEqual(0);
        },
      ),
      params(),
    );
  });

  it("rfmScores: scores in 1..bins", () => {
    fc.assert(
      fc.property(
        logArb(),
        orJunk(dayStringArb, 12),
        // A huge whole `bins` (5e15, as junk can be) once ran out of memory; now at most 100.
        optionArb(fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constantFrom(100, 101, 5e15))),
        optionArb(fc.constantFrom("days", "transactions")),
        optionArb(timeZoneArb),
        (log, asOf, bins, count, timeZone) => {
          const o = deepFreeze(compact({ asOf, bins, count, timeZone }));
          const rows = okOrCvError("rfmScores", () => rfmScores(deepFreeze(log) as never, o as never));
          if (rows === undefined) return;
          const b = typeof bins === "number" ? bins : 5;
          for (const r of rows as unknown as Record<string, unknown>[]) {
            for (const key of ["recencyScore", "frequencyScore", "monetaryScore"]) {
              const s = r[key];
              if (typeof s === "number") {
                expect(Number.isInteger(s)).toBe(true);
                expect(s).toBeGreaterThanOrEqual(1);
                expect(s).toBeLessThanOrEqual(b);
              }
            }
          }
        },
      ),
      params(),
    );
  });

  it("lifetimeValue", () => {
    const rate = orJunk(fc.double({ min: 0, max: 1, noNaN: true }), 10);
    fc.assert(
      fc.property(
        orJunk(fc.double({ min: -1e6, max: 1e12, noNaN: true }), 10),
        rate,
        orJunk(fc.double({ min: 0, max: 2, noNaN: true }), 10),
        optionArb(fc.integer({ min: 0, max: 100 })),
        optionArb(fc.constantFrom("end", "start")),
        (margin, retentionRate, discountRate, periods, timing) => {
          okOrCvError("lifetimeValue", () =>
            lifetimeValue(
              deepFreeze(compact({ margin, retentionRate, discountRate, periods, timing })) as never,
            ),
          );
        },
      ),
      params(),
    );
  });

  it("compositeValueScore (criteria and formula)", () => {
    const record = fc.record({
      id: idArb,
      profit: orJunk(amountArb, 15),
      growth: fc.double({ min: -1, max: 1, noNaN: true }),
      violations: fc.integer({ min: 0, max: 5 }),
    });
    const records = fc.uniqueArray(record, { selector: (r) => r.id, maxLength: 6 });
    const criterion = fc.record({
      field: fc.constantFrom("profit", "growth", "violations", "missing", "__proto__"),
      weight: orJunk(fc.double({ min: 0, max: 1, noNaN: true }), 10),
      direction: optionArb(fc.constantFrom("higher", "lower")),
      normalize: optionArb(fc.constantFrom("minmax", "zscore", "rank")),
    });
    const spec = fc.oneof(
      fc
        .record({
          criteria: fc.array(criterion.map(compact), { minLength: 1, maxLength: 3 }),
          normalizeWeights: optionArb(fc.boolean()),
        })
        .map(compact),
      fc
        .record({
          formula: fc.oneof(
            fc.constantFrom(
              "0.6 * profit + 0.4 * growth - 2 * violations",
              "profit / violations",
              "sqrt(profit)",
              "profit ^ 2",
              "-(growth)",
              "constructor",
              "profit.constructor",
              'import("fs")',
              'evaluate("1")',
            ),
            fc.string({ maxLength: 12 }),
            junkArb,
          ),
          normalize: optionArb(fc.constantFrom("minmax", "zscore", "rank", "none")),
        })
        .map(compact),
      junkArb,
    );
    fc.assert(
      fc.property(records, spec, (rs, s) => {
        deepFreeze([rs, s]);
        const rows = okOrCvError("compositeValueScore", () =>
          compositeValueScore(rs as never, s as never, { id: "id" } as never),
        );
        if (rows !== undefined) expect(rows).toHaveLength(rs.length);
      }),
      params(),
    );
  });

  it("customerClasses: one row per customer", () => {
    const customers = fc.uniqueArray(fc.record({ id: idArb }), { selector: (c) => c.id, maxLength: 5 });
    fc.assert(
      fc.property(
        customers,
        logArb(6),
        orJunk(dayStringArb, 12),
        optionArb(fc.oneof(durationArb, fc.constant("all"))),
        optionArb(durationArb),
        optionArb(fc.double({ min: 0, max: 1, noNaN: true })),
        optionArb(timeZoneArb),
        (cs, log, asOf, keyWindow, newWindow, headShare, timeZone) => {
          const o = deepFreeze(compact({ asOf, keyWindow, newWindow, headShare, timeZone }));
          // An error from the lifecycle step (e.g. a transaction of an unknown customer) is
          // said as customerClasses' own ("customerClasses: classifyLifecycles: ...").
          const rows = okOrCvError(/^customerClasses:/, () =>
            customerClasses(deepFreeze(cs), deepFreeze(log) as never, o as never),
          );
          if (rows === undefined) return;
          for (const c of cs) expect(rows.filter((r) => r.customerId === c.id)).toHaveLength(1);
        },
      ),
      params(),
    );
  });
});

describe("value: invariants on valid logs", () => {
  it("rfmSummary does not depend on row order", () => {
    fc.assert(
      fc.property(validLogArb(10), (log) => {
        const a = rfmSummary(deepFreeze(log));
        const b = rfmSummary(deepFreeze([...log].reverse()));
        const byId = (rows: typeof a) =>
          new Map(
            rows.map((r) => [r.customerId, [r.frequency, r.recency, r.T, Math.round(r.monetaryValue * 1e6)]]),
          );
        expect(byId(b)).toEqual(byId(a));
      }),
      invariantParams(),
    );
  });
});
