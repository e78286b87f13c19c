/**
 * renderSvg must never kill the process: a spec with an `href` channel made vega's SVG
 * renderer read a field of `null` inside a promise nobody handled (the loader refused the
 * link by rejecting), an unhandled rejection no try/catch around renderSvg can catch.
 * And every chart of the package renders with hostile ids, names and indicators.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  abcClassify,
  classifyLifecycles,
  cohortRetention,
  CustomerValueError,
  customerPortfolio,
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
  renderSvg,
  satisfactionChart,
  type VegaLiteSpec,
  whaleChart,
} from "customer-value/charts";
import { HOSTILE_IDS } from "./helpers.js";

let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on("unhandledRejection", onUnhandled);
});
afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
});

/** Lets pending promise callbacks (vega's link and image loads) run. */
const settle = () => new Promise((done) => setTimeout(done, 50));

/** Renders, then waits for vega's late callbacks: an SVG or a CustomerValueError, and nothing unhandled. */
async function renderSafely(spec: VegaLiteSpec): Promise<string | CustomerValueError> {
  let result: string | CustomerValueError;
  try {
    result = await renderSvg(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(CustomerValueError);
    result = error as CustomerValueError;
  }
  await settle();
  expect(unhandled.map((e) => String((e as Error)?.message ?? e))).toEqual([]);
  return result;
}

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
const LINKS = ["https://example.com/a", "javascript:alert(1)", "file:///etc/passwd", "", "#x", "url(#clip1)"];

describe("renderSvg with href and image channels", () => {
  it("a spec with an href channel renders, with no link followed and nothing unhandled", async () => {
    const spec = {
      $schema: SCHEMA,
      data: { values: LINKS.map((u, i) => ({ a: i, u })) },
      mark: "point",
      encoding: { x: { field: "a", type: "quantitative" }, href: { field: "u" } },
    } as unknown as VegaLiteSpec;
    for (let round = 0; round < 2; round++) {
      const svg = await renderSafely(spec);
      expect(typeof svg).toBe("string");
      expect(svg as string).not.toMatch(/href="(https?|javascript|file):/);
    }
  });

  it("an image mark and an href on text render without loading anything", async () => {
    const spec = {
      $schema: SCHEMA,
      data: { values: LINKS.map((u, i) => ({ a: i, u })) },
      layer: [
        {
          mark: { type: "image", width: 10, height: 10 },
          encoding: { x: { field: "a", type: "quantitative" }, url: { field: "u" } },
        },
        {
          mark: "text",
          encoding: { x: { field: "a", type: "quantitative" }, text: { field: "u" }, href: { field: "u" } },
        },
      ],
    } as unknown as VegaLiteSpec;
    const svg = await renderSafely(spec);
    expect(typeof svg).toBe("string");
    expect(svg as string).not.toMatch(/href="(?!#)[^"]+"/);
  });
});

describe("every chart renders with hostile fields", () => {
  const ids = [
    ...HOSTILE_IDS,
    "url(#clip1)",
    "</text><script>alert(1)</script>",
    "a\u2028b",
    "javascript:alert(1)",
    "{{x}}",
    "$" + "{x}", // a template placeholder as data
  ];
  const log = ids.flatMap((customerId, i) => [
    { customerId, date: `2011-0${1 + (i % 9)}-1${i % 10}`, amount: 10 + i, profit: i % 3 === 0 ? -5 : 4 + i },
    { customerId, date: "2011-10-02", amount: 5 + i, profit: 1 },
  ]);
  const totals = ids.map((id, i) => ({ id, value: 15 + 2 * i, profit: i % 3 === 0 ? -4 : 5 + 2 * i }));
  const indicators = [
    "constructor",
    "toString",
    "valueOf",
    "a\u2028b",
    "hasOwnProperty",
    "</text>",
    "__defineGetter__",
  ];
  const survey = ids.slice(1, 12).map((customerId, i) => ({
    customerId,
    scores: Object.fromEntries(indicators.map((k, j) => [k, 1 + ((i + j) % 7)])),
  }));

  type Locale = { locale: "en" | "zh" };
  const charts: [string, (o: Locale) => VegaLiteSpec][] = [
    ["paretoChart", (o) => paretoChart(paretoSplit(totals, { value: "value" }), { value: "value", ...o })],
    [
      "paretoChart (abc)",
      (o) => paretoChart(abcClassify(totals, { value: "value" }), { value: "value", ...o }),
    ],
    ["lorenzChart", (o) => lorenzChart(lorenzCurve(totals.map((t) => t.value)), o)],
    ["whaleChart", (o) => whaleChart(whaleCurve(totals, { profit: "profit" }), o)],
    ["bcgChart", (o) => bcgChart(customerPortfolio(log, { asOf: "2011-12-31", window: { months: 6 } }), o)],
    ["cohortHeatmap", (o) => cohortHeatmap(cohortRetention(log), o)],
    ["activityChart", (o) => activityChart(periodActivity(log), o)],
    [
      "lifecycleChart",
      (o) =>
        lifecycleChart(
          classifyLifecycles(
            ids.map((id) => ({ id })),
            log,
            { asOf: "2011-12-31" },
          ),
          o,
        ),
    ],
    [
      "satisfactionChart",
      (o) =>
        satisfactionChart(
          valueWeightedSatisfaction(survey, Object.fromEntries(totals.map((t) => [t.id, t.value]))),
          o,
        ),
    ],
  ];

  it.each(charts)(
    "%s",
    async (_, build) => {
      for (const locale of ["en", "zh"] as const) {
        const svg = await renderSafely(build({ locale }));
        expect(typeof svg, `${locale}: ${svg instanceof Error ? svg.message : ""}`).toBe("string");
        expect(svg as string).not.toContain("<script>");
      }
    },
    20_000,
  );
});
