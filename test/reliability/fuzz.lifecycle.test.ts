/**
 * Fuzz and property tests of the lifecycle module: RUNS generated calls per public
 * function; every customer classified exactly once, into a known stage.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  classifyLifecycle,
  classifyLifecycles,
  LIFECYCLE_STAGES,
  lifecycleLabel,
  lifecycleStrategy,
  lifecycleSummary,
  lifecycleTimeline,
} from "customer-value";
import {
  compact,
  dateArb,
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

const thresholdArb = fc.double({ min: 0, max: 1, noNaN: true });

const lifecycleOptionsArb = fc
  .record({
    asOf: orJunk(dayStringArb, 12),
    interruptionAfter: optionArb(durationArb),
    recoveryWindow: optionArb(durationArb),
    socializationWindow: optionArb(durationArb),
    trendWindow: optionArb(durationArb),
    growthThreshold: optionArb(thresholdArb),
    declineThreshold: optionArb(thresholdArb),
    dissatisfiedBelow: optionArb(fc.integer({ min: 0, max: 10 })),
    adaptiveInterruption: optionArb(
      fc.oneof(
        fc.boolean(),
        fc.record({ multiple: fc.integer({ min: 1, max: 5 }), minDays: fc.integer({ min: 1, max: 60 }) }),
      ),
    ),
    timeZone: optionArb(timeZoneArb),
  })
  .map(compact);

const customerArb = fc
  .record({
    id: idArb,
    firstContactAt: optionArb(dateArb),
    terminationNoticeAt: optionArb(dateArb),
    noticeWithdrawnAt: optionArb(dateArb),
    satisfaction: optionArb(fc.integer({ min: 0, max: 10 })),
  })
  .map(compact);

const customersArb = fc.oneof(
  { weight: 5, arbitrary: fc.uniqueArray(customerArb, { selector: (c) => c.id, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(customerArb, junkArb), { maxLength: 4 }) },
);

describe("lifecycle: fuzz (a clean result or a CustomerValueError)", () => {
  it("classifyLifecycle", () => {
    fc.assert(
      fc.property(
        logArb(),
        optionArb(dateArb),
        optionArb(dateArb),
        optionArb(dateArb),
        optionArb(fc.integer({ min: 0, max: 10 })),
        lifecycleOptionsArb,
        (transactions, firstContactAt, terminationNoticeAt, noticeWithdrawnAt, satisfaction, options) => {
          const history = deepFreeze(
            compact({ transactions, firstContactAt, terminationNoticeAt, noticeWithdrawnAt, satisfaction }),
          );
          deepFreeze(options);
          const r = okOrCvError("classifyLifecycle", () =>
            classifyLifecycle(history as never, options as never),
          );
          if (r !== undefined) expect(LIFECYCLE_STAGES).toContain(r.stage);
        },
      ),
      params(),
    );
  });

  it("classifyLifecycles: one row per customer (and per unknown customer when reported)", () => {
    fc.assert(
      fc.property(
        customersArb,
        logArb(),
        lifecycleOptionsArb,
        optionArb(fc.constantFrom("throw", "report")),
        fc.boolean(),
        (someCustomers, log, options, unknownCustomers, fromLog) => {
          // Half the time the customer list is made of the log's own ids, so that most calls classify.
          const customers = fromLog
            ? [...new Set(log.map((t) => (t as { customerId?: unknown } | null)?.customerId))]
                .filter((id) => typeof id === "string" && id !== "")
                .map((id) => ({ id }))
            : someCustomers;
          const o = deepFreeze({ ...options, ...compact({ unknownCustomers }) });
          deepFreeze([customers, log]);
          const rows = okOrCvError("classifyLifecycles", () =>
            classifyLifecycles(customers as never, log as never, o as never),
          );
          if (rows === undefined) return;
          const ids = rows.map((r) => r.customerId);
          expect(new Set(ids).size).toBe(ids.length);
          for (const c of customers as { id: string }[]) expect(ids).toContain(c.id);
          const summary = okOrCvError("lifecycleSummary", () => lifecycleSummary(deepFreeze(rows)));
          if (summary !== undefined) {
            expect(summary.customers).toBe(rows.length);
            expect(summary.stages.reduce((s, x) => s + x.count, 0)).toBe(rows.length);
          }
        },
      ),
      params(),
    );
  });

  it("lifecycleSummary on arbitrary rows", () => {
    const row = fc.oneof(
      fc
        .record({
          stage: orJunk(fc.constantFrom(...LIFECYCLE_STAGES)),
          phase: optionArb(fc.constantFrom("endangerment", "termination")),
          customerId: idArb,
        })
        .map(compact),
      junkArb,
    );
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 6 }),
        optionArb(fc.constant((r: { customerId?: string }) => (r.customerId ?? "").length)),
        (rows, value) => {
          okOrCvError("lifecycleSummary", () =>
            lifecycleSummary(deepFreeze(rows) as never, compact({ value }) as never),
          );
        },
      ),
      params(),
    );
  });

  it("lifecycleTimeline", () => {
    fc.assert(
      fc.property(
        customersArb,
        logArb(6),
        optionArb(dayStringArb),
        optionArb(dayStringArb),
        optionArb(fc.constantFrom("month", "quarter", "year")),
        optionArb(timeZoneArb),
        (customers, log, from, to, period, timeZone) => {
          const options = deepFreeze(compact({ from, to, period, timeZone, unknownCustomers: "report" }));
          deepFreeze([customers, log]);
          const r = okOrCvError("lifecycleTimeline", () =>
            lifecycleTimeline(customers as never, log as never, options as never),
          );
          if (r === undefined) return;
          for (const p of r.periods) {
            const total = Object.values(p.counts).reduce((s, n) => s + n, 0);
            expect(total).toBe(r.customers.length);
          }
          for (const row of r.transitionRates)
            for (const x of row) expect(x === null || (x >= 0 && x <= 1)).toBe(true);
        },
      ),
      params(Math.ceil(params().numRuns! / 2) + 500),
    );
  });

  it("lifecycleLabel and lifecycleStrategy", () => {
    const stage = orJunk(fc.constantFrom(...LIFECYCLE_STAGES, "endangerment", "termination"));
    fc.assert(
      fc.property(
        stage,
        optionArb(fc.constantFrom("endangerment", "termination")),
        optionArb(fc.constantFrom("en", "zh")),
        (s, phase, locale) => {
          const label = okOrCvError("lifecycleLabel", () => lifecycleLabel(s as never, locale as never));
          if (label !== undefined) expect(label.length).toBeGreaterThan(0);
          okOrCvError("lifecycleStrategy", () =>
            lifecycleStrategy(s as never, phase as never, locale as never),
          );
        },
      ),
      params(),
    );
  });
});

describe("lifecycle: invariants on valid input", () => {
  it("classifyLifecycles does not depend on the order of transactions or customers", () => {
    fc.assert(
      fc.property(validLogArb(8), dayStringArb, timeZoneArb, (log, asOf, timeZone) => {
        const ids = [...new Set(log.map((t) => t.customerId))].map((id) => ({ id }));
        const a = classifyLifecycles(deepFreeze(ids), deepFreeze(log), { asOf, timeZone });
        const b = classifyLifecycles(deepFreeze([...ids].reverse()), deepFreeze([...log].reverse()), {
          asOf,
          timeZone,
        });
        const key = (rows: typeof a) =>
          new Map(rows.map((r) => [r.customerId, `${r.stage}/${r.phase ?? ""}`]));
        expect(key(b)).toEqual(key(a));
      }),
      invariantParams(),
    );
  });
});
