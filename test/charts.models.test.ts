/**
 * The model-diagnostic charts: each spec carries its input's numbers, compiles with
 * vega-lite without a warning and renders (English and Chinese), on simulated customers
 * (always) and on CDNOW (with ../shared/data).
 */
import { calibrationAndHoldout, generateSampleData } from "customer-value";
import {
  calibrationHoldoutChart,
  frequencyRecencyChart,
  periodTransactionsChart,
  trackingChart,
  type VegaLiteSpec,
} from "customer-value/charts";
import {
  bgNbdModel,
  calibrationVsHoldout,
  expectedPurchasesMatrix,
  periodTransactions,
  probabilityAliveMatrix,
  purchaseTracking,
} from "customer-value/models";
import { describe, expect, it } from "vitest";
import { loadCdnowTransactions, SKIP_CDNOW } from "./reference/models/helpers.js";
import { checkChart, marks } from "./support/vega.js";

const dataOf = (spec: VegaLiteSpec) => (spec["data"] as { values: Record<string, unknown>[] }).values;
const model = bgNbdModel({ r: 0.8, alpha: 60, a: 0.5, b: 6 }); // days

describe("model-diagnostic charts on the sample data (always run)", () => {
  const sample = generateSampleData({ customers: 300, months: 12 });
  const window = { calibrationEnd: "2023-08-31", observationEnd: "2023-12-31" };

  it("trackingChart: actual and model lines, the calibration boundary, both views, both languages", async () => {
    const tracking = purchaseTracking(model, sample.transactions, { unit: "day", ...window });
    const spec = trackingChart(tracking);
    const layer = spec["layer"] as {
      data: { values: { period: number; series: string; purchases: number }[] };
    }[];
    const lines = layer[0]!.data.values;
    expect(lines.length).toBe(2 * tracking.rows.length);
    expect(lines[1]).toMatchObject({
      period: 1,
      series: "Model",
      purchases: tracking.rows[0]!.expectedCumulative,
    });
    expect(layer[1]!.data.values[0]).toEqual({
      at: tracking.calibrationPeriods + 0.5,
      label: "End of calibration",
    });
    const svg = await checkChart(spec, ["line", "rule", "text"]);
    expect(svg).toContain("End of calibration");
    const incremental = trackingChart(tracking, { view: "incremental", locale: "zh" });
    expect(
      (incremental["layer"] as { data: { values: { purchases: number }[] } }[])[0]!.data.values[0]!.purchases,
    ).toBe(tracking.rows[0]!.actual);
    expect(await checkChart(incremental, ["line", "rule"])).toContain("校准期结束");
    expect(() => trackingChart(tracking, { view: "daily" as never })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION" }),
    );
  });

  it("periodTransactionsChart and calibrationHoldoutChart: actual beside model per bucket", async () => {
    const rows = calibrationAndHoldout(sample.transactions, window);
    const histogram = periodTransactions(model, rows);
    const bars = dataOf(periodTransactionsChart(histogram));
    expect(bars.length).toBe(16);
    expect(bars[14]).toEqual({ label: "7+", series: "Actual", customers: histogram[7]!.actual });
    const svg = await checkChart(periodTransactionsChart(histogram), ["rect"]);
    expect(
      marks(svg)
        .find(([t]) => t === "rect")![1]
        .split("<path").length - 1,
    ).toBe(16);
    await checkChart(periodTransactionsChart(histogram, { locale: "zh" }), ["rect"]);

    const means = calibrationVsHoldout(model, rows);
    const spec = calibrationHoldoutChart(means);
    expect(dataOf(spec)[1]).toMatchObject({
      label: means[0]!.label,
      series: "Model",
      mean: means[0]!.predictedMean,
    });
    await checkChart(spec, ["line", "symbol"]);
    await checkChart(calibrationHoldoutChart(means, { locale: "zh" }), ["line", "symbol"]);
  });

  it("frequencyRecencyChart: one rect per cell, P(alive) on a fixed [0, 1] scale", async () => {
    const alive = probabilityAliveMatrix(model, { T: 120, maxFrequency: 5, steps: 4 });
    const spec = frequencyRecencyChart(alive);
    expect(dataOf(spec).length).toBe(1 + 5 * 5);
    expect(spec["title"]).toMatchObject({});
    const svg = await checkChart(spec, ["rect"]);
    expect(svg).toContain("P(alive) by frequency and recency (T = 120)");
    const expected = frequencyRecencyChart(
      expectedPurchasesMatrix(model, { t: 30, T: 120, maxFrequency: 5, steps: 4 }),
      { locale: "zh" },
    );
    await checkChart(expected, ["rect"]);
    expect(() =>
      frequencyRecencyChart({ ...alive, cells: [{ frequency: 1, recency: 1, value: 2 }] }),
    ).toThrow(expect.objectContaining({ code: "INVALID_RECORD" }));
  });
});

describe.skipIf(SKIP_CDNOW)("model-diagnostic charts on CDNOW (needs ../shared/data)", () => {
  it("the 78-week tracking plot renders with its boundary after week 39", async () => {
    const cdnow = bgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
    const tracking = purchaseTracking(cdnow, loadCdnowTransactions(), {
      unit: "week",
      calibrationEnd: "1997-09-30",
      observationEnd: "1998-06-30",
    });
    const spec = trackingChart(tracking);
    const boundary = (spec["layer"] as { data: { values: { at: number }[] } }[])[1]!.data.values[0]!;
    expect(boundary.at).toBe(39.5);
    await checkChart(spec, ["line", "rule"]);
  });
});
