/**
 * Charts: each builder's spec carries the numbers of its input (worked out by hand
 * below), compiles with vega-lite without a single warning, and renders to an SVG that
 * contains its marks.
 */
import {
  abcClassify,
  CustomerValueError,
  cohortRetention,
  lorenzCurve,
  paretoSplit,
  periodActivity,
  valueWeightedSatisfaction,
  whaleCurve,
  bcgPlacement,
} from "customer-value";
import {
  activityChart,
  bcgChart,
  cohortHeatmap,
  lifecycleChart,
  type LifecycleChartRow,
  lorenzChart,
  paretoChart,
  satisfactionChart,
  tableView,
  type VegaLiteSpec,
  whaleChart,
} from "customer-value/charts";
import { renderSvg } from "customer-value/render";
import * as vegaLite from "vega-lite";
import { describe, expect, it } from "vitest";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Compiles with vega-lite, collecting every warning and error the compiler logs. */
function compileWarnings(spec: VegaLiteSpec): string[] {
  const messages: string[] = [];
  const record = (...a: unknown[]) => {
    messages.push(a.join(" "));
    return logger;
  };
  const logger = {
    level: () => 2,
    warn: record,
    error: record,
    info: () => logger,
    debug: () => logger,
  };

  const compiled = vegaLite.compile(spec as never, { logger: logger as never });
  expect(compiled.spec).toBeTypeOf("object");
  return messages;
}

/** The marks of an SVG rendered by vega: `[markType, innerSvg]` per mark group. */
function marks(svg: string): [string, string][] {
  const out: [string, string][] = [];
  const re = /<g class="mark-(\w+) role-mark[^"]*"[^>]*>/g;
  for (let m = re.exec(svg); m !== null; m = re.exec(svg)) {
    // Mark groups of items (rect, symbol, text, line, area, rule) do not nest groups.
    const end = svg.indexOf("</g>", m.index);
    out.push([m[1]!, svg.slice(m.index + m[0].length, end)]);
  }
  return out;
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** The data values of the first layer (or the top level) whose mark is `type`. */
function dataOf(spec: VegaLiteSpec): unknown[] {
  const data = spec["data"] as { values: unknown[] } | undefined;
  if (data !== undefined) return data.values;
  const layer = spec["layer"] as { data?: { values: unknown[] } }[];
  return layer[0]!.data!.values;
}

/** Every chart must: be plain JSON, compile without warnings, render with its marks. */
async function checkChart(spec: VegaLiteSpec, expectedMarks: readonly string[]): Promise<string> {
  expect(spec.$schema).toBe(SCHEMA);
  expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  expect(Object.keys(spec)).not.toContain("Symbol(Jupyter.display)");
  expect(compileWarnings(spec)).toEqual([]);
  const svg = await renderSvg(spec, { strict: true });
  expect(svg.startsWith("<svg")).toBe(true);
  const types = new Set(marks(svg).map(([type]) => type));
  for (const type of expectedMarks) expect(types, `mark ${type}`).toContain(type);
  return svg;
}

describe("paretoChart", () => {
  // Values 50, 30, 10, 10 (total 100): cumulative shares 0.5, 0.8, 0.9, 1.0.
  // Head = smallest k >= 0.2 * 4 = 0.8, so k = 1: one customer (25%) holding 50%.
  const items = deepFreeze([
    { id: "c", value: 10 },
    { id: "a", value: 50 },
    { id: "d", value: 10 },
    { id: "b", value: 30 },
  ]);

  it("draws one bar per customer in rank order with the cumulative share, from a paretoSplit result", async () => {
    const split = deepFreeze(paretoSplit(items, { value: "value" }));
    const spec = paretoChart(split, { value: "value" });
    const bars = dataOf(spec) as { label: string; value: number; cumulativeShare: number; part: string }[];
    expect(bars.map((b) => b.label)).toEqual(["a", "b", "c", "d"]); // ties (c, d) by id
    expect(bars.map((b) => b.value)).toEqual([50, 30, 10, 10]);
    const shares = bars.map((b) => b.cumulativeShare);
    for (const [i, s] of [0.5, 0.8, 0.9, 1].entries()) expect(shares[i]).toBeCloseTo(s, 12);
    expect(bars.map((b) => b.part)).toEqual(["Head", "Tail", "Tail", "Tail"]);
    const svg = await checkChart(spec, ["rect", "line", "rule", "text"]);
    const rects = marks(svg).find(([type]) => type === "rect")!;
    expect(count(rects[1], "<path")).toBe(4);
    expect(svg).toContain("Top 25% of customers hold 50% of value");
    expect(svg).toContain("80% of value");
  });

  it("colours an abcClassify result by class", async () => {
    // Shares before each item: a 0 (A), b 0.5 (A), c 0.8 (B: not below 0.8), d 0.9 (B).
    const spec = paretoChart(abcClassify(items, { value: "value" }));
    const bars = dataOf(spec) as { part: string }[];
    expect(bars.map((b) => b.part)).toEqual(["ABC class A", "ABC class A", "ABC class B", "ABC class B"]);
    await checkChart(spec, ["rect", "line"]);
  });

  it("groups neighbouring customers into at most maxBars bars, never across the head boundary", () => {
    // 10 customers, values 10..1 (total 55); head = ceil(0.2 * 10) = 2 customers.
    const many = Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, value: 10 - i }));
    const spec = paretoChart(paretoSplit(many, { value: "value" }), { value: "value", maxBars: 4 });
    const bars = dataOf(spec) as {
      customers: number;
      value: number;
      part: string;
      cumulativeShare: number;
    }[];
    // Budget 4 bars: head 2/10 of 4 -> 1 bar of 2; tail 8/10 of 4 -> 3 bars (2, 3, 3 customers).
    expect(bars.map((b) => b.customers)).toEqual([2, 2, 3, 3]);
    expect(bars.map((b) => b.value)).toEqual([19, 15, 15, 6]); // 10+9, 8+7, 6+5+4, 3+2+1
    expect(bars.map((b) => b.part)).toEqual(["Head", "Tail", "Tail", "Tail"]);
    expect(bars[3]!.cumulativeShare).toBe(1);
  });

  it("needs the value accessor for a paretoSplit result", () => {
    const split = paretoSplit(items, { value: "value" });
    // A type error in TypeScript; JavaScript callers get the error at run time.
    // @ts-expect-error value is required for a paretoSplit result
    expect(() => paretoChart(split)).toThrow(CustomerValueError);
    // @ts-expect-error value is required for a paretoSplit result
    expect(() => paretoChart(split)).toThrow(/paretoChart: options.value/);
    expect(() => paretoChart(split, { value: "value", markShare: 1.5 })).toThrow(/markShare/);
  });
});

describe("lorenzChart", () => {
  it("shows the curve, the equality line and the Gini coefficient", async () => {
    // [1, 1, 2, 6]: points (0,0) (.25,.1) (.5,.2) (.75,.4) (1,1); trapezoid sum
    // .25 * (.1 + .3 + .6 + 1.4) = .6, so G = 1 - .6 = 0.4 (= sum|xi - xj| / (2 n^2 mean) = 32 / 80).
    const spec = lorenzChart(deepFreeze(lorenzCurve([1, 1, 2, 6])));
    expect(spec["title"]).toEqual({ text: "Lorenz curve", subtitle: "Gini 0.400" });
    const svg = await checkChart(spec, ["area", "line", "text"]);
    expect(svg).toContain("Gini 0.400");
  });

  it("thins long curves but keeps both ends", () => {
    const values = Array.from({ length: 2000 }, (_, i) => i + 1);
    const spec = lorenzChart(lorenzCurve(values), { maxPoints: 50 });
    const points = dataOf(spec) as { customerShare: number }[];
    expect(points.length).toBeLessThanOrEqual(50);
    expect(points[0]!.customerShare).toBe(0);
    expect(points[points.length - 1]!.customerShare).toBe(1);
  });

  it("rejects points outside [0, 1]", () => {
    expect(() =>
      lorenzChart([
        { customerShare: 0, valueShare: 0 },
        { customerShare: 1, valueShare: 1.2 },
      ]),
    ).toThrow(/lorenzChart: points\[1\].valueShare must be in \[0, 1\]/);
    expect(() => lorenzChart([])).toThrow(expect.objectContaining({ code: "EMPTY_INPUT" }));
  });
});

describe("whaleChart", () => {
  it("marks the peak above 100%", async () => {
    // Profits 10, 5, -3 (total 12): cumulative 10/12, 15/12 = 125%, 12/12; peak after 2 of 3 (67%).
    const result = deepFreeze(
      whaleCurve(
        [
          { id: "a", profit: 10 },
          { id: "b", profit: 5 },
          { id: "c", profit: -3 },
        ],
        { profit: "profit" },
      ),
    );
    const spec = whaleChart(result);
    const svg = await checkChart(spec, ["area", "rule", "symbol", "text"]);
    expect(svg).toContain("Peak: 125% of profit from 67% of customers");
  });

  it("falls back to the cumulative profit when the total profit is not positive", async () => {
    // Profits 4, -6 (total -2): shares undefined; peak 4 after 1 of 2 customers.
    const spec = whaleChart(
      whaleCurve(
        [
          { id: "a", profit: 4 },
          { id: "b", profit: -6 },
        ],
        { profit: "profit" },
      ),
    );
    const svg = await checkChart(spec, ["area", "symbol"]);
    expect(svg).toContain("Peak: 4 from 50% of customers");
  });
});

describe("bcgChart", () => {
  const products = deepFreeze([
    { id: "star", growth: 0.2, relativeShare: 2, size: 30 },
    { id: "cow", growth: 0.02, relativeShare: 1.5, size: 50 },
    { id: "question", growth: 0.3, relativeShare: 0.4, size: 10 },
    { id: "dog", growth: -0.05, relativeShare: 0.2, size: 5 },
    { id: "gone", growth: 0, relativeShare: 0, size: 1 },
  ]);

  it("draws one bubble per item on a log share axis, with the quadrant lines and names", async () => {
    const spec = bcgChart(bcgPlacement(products));
    const svg = await checkChart(spec, ["symbol", "rule", "text"]);
    const bubbles = marks(svg).find(([type]) => type === "symbol")!;
    expect(count(bubbles[1], "<path")).toBe(4); // "gone" has no place on a log scale
    for (const name of ["Star", "Cash cow", "Question mark", "Dog"]) expect(svg).toContain(`>${name}<`);
    expect(JSON.stringify(spec)).toContain('"type":"log"');
    expect(spec["title"]).toEqual({
      text: "BCG growth-share matrix",
      subtitle: ["1 not shown (zero relative share)"],
    });
  });

  it("draws only the maxItems largest bubbles and says so", () => {
    // Plottable: star 30, cow 50, question 10, dog 5 ("gone" has share 0): the two largest are cow, star.
    const spec = bcgChart(bcgPlacement(products), { maxItems: 2 });
    expect((dataOf(spec) as { id: string }[]).map((r) => r.id)).toEqual(["cow", "star"]);
    expect(JSON.stringify(spec["title"])).toContain("the 2 largest of 4 shown");
  });

  it("labels the quadrants in Chinese", async () => {
    const svg = await checkChart(bcgChart(bcgPlacement(products), { locale: "zh" }), ["symbol"]);
    for (const name of ["明星", "金牛", "问题", "瘦狗"]) expect(svg).toContain(name);
  });

  it("leaves out customers whose growth is unbounded and says so", () => {
    const spec = bcgChart([
      { id: "a", quadrant: "star", relativeShare: 2, growth: null, size: 3 },
      { id: "b", quadrant: "dog", relativeShare: 0.5, growth: -0.2, size: 1 },
    ]);
    expect((dataOf(spec) as { id: string }[]).map((r) => r.id)).toEqual(["b"]);
    expect(JSON.stringify(spec["title"])).toContain("1 not shown (no earlier revenue: growth unbounded)");
    expect(() => bcgChart([{ id: "x", quadrant: "star", relativeShare: -1, growth: 0 }])).toThrow(
      /bcgChart: placements\[0\].relativeShare must be a finite number >= 0/,
    );
  });
});

describe("cohortHeatmap and activityChart", () => {
  // A buys in January and February, B in January only, C in February.
  const transactions = deepFreeze([
    { customerId: "A", date: "2023-01-05", amount: 10 },
    { customerId: "B", date: "2023-01-20", amount: 20 },
    { customerId: "A", date: "2023-02-03", amount: 5 },
    { customerId: "C", date: "2023-02-10", amount: 7 },
  ]);

  it("colours each cohort cell by retention", async () => {
    // Cohort 2023-01 {A, B}: retention [1, 1/2]; cohort 2023-02 {C}: [1].
    const spec = cohortHeatmap(cohortRetention(transactions));
    const cells = dataOf(spec) as { cohort: string; k: number; value: number }[];
    expect(cells.map((c) => [c.cohort, c.k, c.value])).toEqual([
      ["2023-01", 0, 1],
      ["2023-01", 1, 0.5],
      ["2023-02", 0, 1],
    ]);
    const svg = await checkChart(spec, ["rect", "text"]);
    expect(count(marks(svg).find(([t]) => t === "rect")![1], "<path")).toBe(3);
    expect(svg).toContain(">50%<");
  });

  it("stacks new, retained and reactivated above zero and churned below", async () => {
    // January: A, B new. February: A retained, C new, B churned.
    const spec = activityChart(periodActivity(transactions));
    const rows = dataOf(spec) as { period: string; kind: string; count: number }[];
    const nonZero = rows.filter((r) => r.count !== 0).map((r) => [r.period, r.kind, r.count]);
    expect(nonZero).toEqual([
      ["2023-01", "New", 2],
      ["2023-02", "Retained", 1],
      ["2023-02", "New", 1],
      ["2023-02", "Churned", -1],
    ]);
    await checkChart(spec, ["rect", "rule"]);
  });
});

describe("partial periods and a symlog growth axis", () => {
  // 5 January to 10 March: January and March are only partly covered, February fully.
  const log = deepFreeze([
    { customerId: "A", date: "2023-01-05", amount: 10 },
    { customerId: "B", date: "2023-02-14", amount: 20 },
    { customerId: "A", date: "2023-03-10", amount: 5 },
  ]);

  it("greys the partial periods of the activity chart and names them", async () => {
    const spec = activityChart(periodActivity(log));
    const rows = dataOf(spec) as { period: string; partial: boolean }[];
    expect([...new Set(rows.filter((r) => r.partial).map((r) => r.period))]).toEqual(["2023-01", "2023-03"]);
    expect(spec["title"]).toEqual({
      text: "Customer activity per period",
      subtitle: "Grey: 2023-01, 2023-03, not fully covered by the data",
    });
    const svg = await checkChart(spec, ["rect"]);
    // January (2 bars: A new) and March (A reactivated, B churned) in grey; February's bars in colour.
    expect(svg).toMatch(/aria-label="[^"]*2023-03[^"]*"[^>]*fill="#cfcfcf"/);
    expect(svg).not.toMatch(/aria-label="[^"]*2023-02[^"]*"[^>]*fill="#cfcfcf"/);
    expect(activityChart(periodActivity(log), { locale: "zh" })["title"]).toMatchObject({
      subtitle: "灰色：2023-01, 2023-03，数据未完整覆盖该期间",
    });
  });

  it("greys each row's partial last cell and a partial cohort in the heatmap", async () => {
    const spec = cohortHeatmap(cohortRetention(log));
    const cells = dataOf(spec) as { cohort: string; k: number; partial: boolean }[];
    // Cohort 2023-01 (partial itself): every cell grey; cohort 2023-02: only k = 1 (March).
    expect(cells.map((c) => [c.cohort, c.k, c.partial])).toEqual([
      ["2023-01", 0, true],
      ["2023-01", 1, true],
      ["2023-01", 2, true],
      ["2023-02", 0, false],
      ["2023-02", 1, true],
    ]);
    await checkChart(spec, ["rect"]);
    expect(JSON.stringify(spec["title"])).toContain(
      "Grey: each row's last cell (the last period), cohort 2023-01",
    );
  });

  it("puts growth on a symlog axis when asked, keeping every bubble at its value", async () => {
    const items = [
      { id: "a", growth: 650, relativeShare: 2, size: 3 },
      { id: "b", growth: 0.2, relativeShare: 0.5, size: 1 },
      { id: "c", growth: -0.9, relativeShare: 1.2, size: 2 },
    ];
    const spec = bcgChart(bcgPlacement(items), { growthScale: "symlog" });
    expect(JSON.stringify(spec)).toContain('"type":"symlog","constant":1');
    await checkChart(spec, ["symbol"]);
    expect(() => bcgChart(bcgPlacement(items), { growthScale: "log" as "symlog" })).toThrow(
      CustomerValueError,
    );
  });
});

describe("lifecycleChart", () => {
  const rows: LifecycleChartRow[] = deepFreeze([
    { customerId: "p", stage: "prospecting", evidence: { purchaseValue: 0 } },
    { customerId: "g1", stage: "growth", evidence: { purchaseValue: 120 } },
    { customerId: "g2", stage: "growth", evidence: { purchaseValue: 80 } },
    { customerId: "t", stage: "decline", phase: "termination", evidence: { purchaseValue: 40 } },
    { customerId: "e", stage: "decline", phase: "endangerment", evidence: { purchaseValue: 60 } },
  ]);

  it("counts customers and sums value per stage, every stage in cycle order", async () => {
    const spec = lifecycleChart(rows);
    const data = dataOf(spec) as { segment: string; customers: number; value: number }[];
    const bySegment = Object.fromEntries(data.map((d) => [d.segment, [d.customers, d.value]]));
    expect(bySegment).toEqual({
      Prospecting: [1, 0],
      Socialization: [0, 0],
      Growth: [2, 200], // 120 + 80
      Maturity: [0, 0],
      "Decline · Endangerment": [1, 60],
      Interruption: [0, 0],
      Recovery: [0, 0],
      "Decline · Termination": [1, 40],
    });
    const svg = await checkChart(spec, ["rect", "text"]);
    // Stage axis in cycle order: the y-axis labels appear in the SVG in that order.
    const order = [
      "Prospecting",
      "Socialization",
      "Growth",
      "Maturity",
      "Decline",
      "Interruption",
      "Recovery",
    ].map((s) => svg.indexOf(`>${s}<`));
    expect(order.every((pos, i) => pos >= 0 && (i === 0 || pos > order[i - 1]!))).toBe(true);
    expect(svg).toContain(">100<"); // decline value 60 + 40
  });

  it("uses Chinese stage names and a value map", async () => {
    const values = new Map([
      ["p", 1],
      ["g1", 2],
      ["g2", 3],
      ["t", 4],
      ["e", 5],
    ]);
    const spec = lifecycleChart(rows, { locale: "zh", value: values });
    const svg = await checkChart(spec, ["rect"]);
    for (const name of ["开拓期", "成长期", "衰退期", "恢复期"]) expect(svg).toContain(name);
    expect(() => lifecycleChart(rows, { value: new Map([["p", 1]]) })).toThrow(
      expect.objectContaining({ code: "MISSING_VALUE" }),
    );
  });
});

describe("satisfactionChart", () => {
  it("puts the plain and the value-weighted mean side by side", async () => {
    // Respondent x (value 1) scores 8, y (value 3) scores 4:
    // plain (8 + 4) / 2 = 6; weighted (1*8 + 3*4) / (1 + 3) = 20 / 4 = 5.
    const result = valueWeightedSatisfaction(
      [
        { customerId: "x", scores: { quality: 8 } },
        { customerId: "y", scores: { quality: 4 } },
      ],
      { x: 1, y: 3 },
    );
    const spec = satisfactionChart(result, { scale: [0, 10] });
    const bars = (dataOf(spec) as { indicator: string; measure: string; mean: number }[]).map((d) => [
      d.indicator,
      d.measure,
      d.mean,
    ]);
    expect(bars.slice(0, 2)).toEqual([
      ["quality", "Plain mean", 6],
      ["quality", "Value-weighted mean", 5],
    ]);
    const svg = await checkChart(spec, ["rect", "text"]);
    expect(svg).toContain(">6.00<");
    expect(svg).toContain(">5.00<");
  });

  it("skips indicators nobody answered and rejects a bad scale", () => {
    const spec = satisfactionChart({
      indicators: { a: { unweighted: null, weighted: null }, b: { unweighted: 3, weighted: 4 } },
    });
    expect((dataOf(spec) as { indicator: string }[]).map((d) => d.indicator)).toEqual(["b", "b"]);
    expect(() => satisfactionChart({ indicators: {} })).toThrow(
      expect.objectContaining({ code: "EMPTY_INPUT" }),
    );
    expect(() =>
      satisfactionChart({ indicators: { a: { unweighted: 1, weighted: 1 } } }, { scale: [5, 1] }),
    ).toThrow(/satisfactionChart: scale/);
  });
});

describe("common options, notebook display and rendering", () => {
  const spec = lorenzChart(lorenzCurve([1, 2, 3]), { title: "Mine", width: 200, height: 150, locale: "zh" });

  it("takes a title, a size and a locale, and rejects bad ones", () => {
    expect(spec["title"]).toEqual({ text: "Mine", subtitle: "基尼系数 0.222" }); // G = 8 / (2 * 9 * 2) = 0.222
    expect([spec["width"], spec["height"]]).toEqual([200, 150]);
    expect(() => lorenzChart(lorenzCurve([1, 2]), { locale: "fr" as never })).toThrow(/lorenzChart: locale/);
    expect(() => lorenzChart(lorenzCurve([1, 2]), { width: 10 })).toThrow(/lorenzChart: width/);
  });

  it("displays itself in Deno's Jupyter kernel as Vega-Lite plus SVG", async () => {
    const display = (spec as unknown as Record<symbol, () => Promise<Record<string, unknown>>>)[
      Symbol.for("Jupyter.display")
    ]!;
    const bundle = await display();
    expect(bundle["application/vnd.vegalite.v5+json"]).toEqual(JSON.parse(JSON.stringify(spec)));
    expect(String(bundle["image/svg+xml"]).startsWith("<svg")).toBe(true);
    expect(bundle["text/plain"]).toBe("Mine");
  });

  it("renderSvg refuses external data and reports compile problems", async () => {
    const external = { $schema: SCHEMA, data: { url: "file:///etc/passwd" }, mark: "point" } as VegaLiteSpec;
    await expect(renderSvg(external)).rejects.toThrow(/external data is not loaded/);
    const odd = {
      $schema: SCHEMA,
      data: { values: [] },
      mark: "point",
      encoding: { x: { field: "a", type: "nope" } },
    };
    await expect(renderSvg(odd as unknown as VegaLiteSpec, { strict: true })).rejects.toThrow(
      CustomerValueError,
    );
    await expect(renderSvg(null as never)).rejects.toThrow(/renderSvg: spec must be a Vega-Lite spec object/);
  });

  it("tableView shows records as an escaped HTML table", () => {
    const view = tableView(
      [
        { id: "<b>", value: 1234.56789, tags: ["x"] },
        { id: "c2", value: 2, tags: [] },
      ],
      { maxRows: 1 },
    );
    expect(view.columns).toEqual(["id", "value", "tags"]);
    expect(view.rows).toEqual([["<b>", 1234.56789, '["x"]']]);
    expect(view.totalRows).toBe(2);
    expect(view.html).toContain("&lt;b&gt;");
    expect(view.html).toContain("1,234.5679");
    expect(view.html).toContain("1 more row(s) of 2");
  });
});

describe("docs/charts.md", () => {
  it("shows each chart as a committed SVG image", async () => {
    const { existsSync, readFileSync } = await import("node:fs");
    const doc = readFileSync("docs/charts.md", "utf8");
    const images = [...doc.matchAll(/!\[[^\]]*\]\((img\/[^)]+\.svg)\)/g)].map((m) => m[1]!);
    for (const name of [
      "pareto",
      "lorenz",
      "whale",
      "bcg",
      "cohorts",
      "activity",
      "lifecycle",
      "satisfaction",
    ]) {
      expect(images).toContain(`img/${name}.svg`);
    }
    for (const image of images) {
      expect(existsSync(`docs/${image}`), image).toBe(true);
      expect(readFileSync(`docs/${image}`, "utf8")).toMatch(/^<svg[^>]*>[\s\S]*class="mark-\w+ role-mark/);
    }
  });
});
