/**
 * Fuzz tests of the chart specs (`customer-value/charts`), fed with the results of the
 * analyses on generated logs and sometimes with junk.
 * `renderSvg` is not fuzzed here (each render takes tens of milliseconds); it is checked
 * once in `error-codes.test.ts` (MISSING_DEPENDENCY) and by the charts' own tests.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  abcClassify,
  bcgPlacement,
  classifyLifecycles,
  cohortRetention,
  lorenzCurve,
  paretoSplit,
  periodActivity,
  valueWeightedSatisfaction,
  whaleCurve,
} from "customer-value";
import {
  activityChart,
  bcgChart,
  cohortHeatmap,
  lifecycleChart,
  lorenzChart,
  paretoChart,
  satisfactionChart,
  tableView,
  whaleChart,
} from "customer-value/charts";
import {
  amountArb,
  deepFreeze,
  expectCode,
  expectFuzzReachedResults,
  idArb,
  junkArb,
  okOrCvError,
  optionArb,
  params,
  validLogArb,
} from "./helpers.js";

afterAll(() => expectFuzzReachedResults());

/** A spec must survive JSON: plain data only. */
function expectJson(spec: unknown): void {
  if (spec === undefined) return;
  expect(JSON.parse(JSON.stringify(spec))).toBeTypeOf("object");
}

// Junk options (null among them) must be INVALID_OPTION.
const chartOptions = optionArb(
  fc.record(
    {
      title: fc.oneof(fc.string({ maxLength: 8 }), fc.constant("__proto__")),
      locale: fc.constantFrom("en", "zh"),
    },
    { requiredKeys: [] },
  ),
);

const itemsArb = fc
  .uniqueArray(
    fc.record({
      id: idArb,
      value: amountArb,
      profit: fc.oneof(
        amountArb,
        amountArb.map((a) => -a),
      ),
    }),
    { selector: (x) => x.id, minLength: 1, maxLength: 8 },
  )
  .filter((xs) => xs.some((x) => x.value > 0));

/** Either a real input or junk in its place (1 in 6). */
function realOrJunk<T>(real: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> {
  return fc.oneof({ weight: 5, arbitrary: real }, { weight: 1, arbitrary: junkArb });
}

describe("charts: fuzz (a JSON spec or a CustomerValueError)", () => {
  it("paretoChart, lorenzChart, whaleChart", () => {
    fc.assert(
      fc.property(itemsArb, chartOptions, fc.boolean(), fc.boolean(), (xs, options, abc, junk) => {
        deepFreeze(xs);
        const result = abc ? abcClassify(xs, { value: "value" }) : paretoSplit(xs, { value: "value" });
        expectJson(
          okOrCvError(
            "paretoChart",
            () => paretoChart((junk ? xs : result) as never, options as never),
            () => [...xs],
          ),
        );
        expectJson(
          okOrCvError("lorenzChart", () =>
            lorenzChart((junk ? xs : lorenzCurve(xs.map((x) => x.value))) as never, options as never),
          ),
        );
        const whale = xs.reduce((s, x) => s + x.profit, 0) > 0 ? whaleCurve(xs, { profit: "profit" }) : xs;
        expectJson(okOrCvError("whaleChart", () => whaleChart(whale as never, options as never)));
      }),
      params(),
    );
  });

  it("bcgChart", () => {
    const item = fc.record({
      id: idArb,
      growth: fc.double({ min: -1, max: 3, noNaN: true }),
      relativeShare: fc.double({ min: 0, max: 5, noNaN: true }),
      size: amountArb,
    });
    fc.assert(
      fc.property(
        realOrJunk(fc.uniqueArray(item, { selector: (x) => x.id, maxLength: 6 })),
        chartOptions,
        (items, options) => {
          const placed = Array.isArray(items)
            ? okOrCvError("bcgPlacement", () => bcgPlacement(deepFreeze(items) as never))
            : items;
          expectJson(okOrCvError("bcgChart", () => bcgChart(placed as never, options as never)));
        },
      ),
      params(),
    );
  });

  it("cohortHeatmap and activityChart", () => {
    fc.assert(
      fc.property(validLogArb(8), chartOptions, fc.boolean(), (log, options, junk) => {
        deepFreeze(log);
        const cohorts = junk ? log : cohortRetention(log, { period: "quarter" });
        const activity = junk ? log : periodActivity(log, { period: "quarter" });
        expectJson(okOrCvError("cohortHeatmap", () => cohortHeatmap(cohorts as never, options as never)));
        expectJson(okOrCvError("activityChart", () => activityChart(activity as never, options as never)));
      }),
      params(),
    );
  });

  it("lifecycleChart and tableView", () => {
    fc.assert(
      fc.property(validLogArb(8), chartOptions, fc.boolean(), (log, options, junk) => {
        deepFreeze(log);
        const ids = [...new Set(log.map((t) => t.customerId))].map((id) => ({ id }));
        const rows = junk ? log : classifyLifecycles(ids, log, { asOf: "2013-12-31" });
        expectJson(okOrCvError("lifecycleChart", () => lifecycleChart(rows as never, options as never)));
        okOrCvError("tableView", () => tableView(rows as never));
      }),
      params(),
    );
  });

  it("satisfactionChart", () => {
    const response = fc.record({
      customerId: idArb,
      scores: fc.record({ q: fc.integer({ min: 1, max: 10 }), r: fc.integer({ min: 1, max: 10 }) }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(response, { selector: (r) => r.customerId, minLength: 1, maxLength: 6 }),
        chartOptions,
        fc.boolean(),
        (responses, options, junk) => {
          const result = valueWeightedSatisfaction(deepFreeze(responses), () => 1);
          expectJson(
            okOrCvError("satisfactionChart", () =>
              satisfactionChart((junk ? responses : result) as never, options as never),
            ),
          );
        },
      ),
      params(),
    );
  });

  it("cohortHeatmap and tableView with options null: INVALID_OPTION, not a TypeError", () => {
    expect(expectCode(() => cohortHeatmap([], null as never), "INVALID_OPTION").message).toMatch(
      /^cohortHeatmap: options must be an object/,
    );
    expect(expectCode(() => tableView([], null as never), "INVALID_OPTION").message).toMatch(
      /^tableView: options must be an object/,
    );
  });
});
