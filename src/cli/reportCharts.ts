/**
 * The report's own small charts (Vega-Lite specs, not part of the public chart module):
 * customers and revenue per RFM segment, the P(alive) histogram of the BG/NBD model, and
 * expected value per RFM segment.
 */
import { COLORS, finishSpec, resolveChartOptions } from "../charts/internal.js";
import type { ChartLocale, VegaLiteSpec } from "../charts/types.js";
import { reportText } from "./report/text.js";

const TITLES = {
  en: {
    rfm: "Customers and net revenue per RFM segment",
    customers: "Customers",
    revenueShare: "Share of net revenue",
    segment: "Segment",
    alive: "P(alive): probability that a customer is still active",
    probability: "P(alive)",
    value: "Expected value of the next 12 months per RFM segment",
    expected: "Expected value",
  },
  zh: {
    rfm: "各 RFM 分群的客户数与净收入",
    customers: "客户数",
    revenueShare: "净收入占比",
    segment: "分群",
    alive: "存活概率：客户仍然活跃的概率",
    probability: "存活概率",
    value: "各 RFM 分群未来12个月的预期价值",
    expected: "预期价值",
  },
} as const;

/** Bars of customers per segment, with the segment's share of net revenue beside them. */
export function rfmChart(
  segments: readonly { segment: string; customers: number; revenueShare: number | null }[],
  locale: ChartLocale,
): VegaLiteSpec {
  const t = TITLES[locale];
  const names = reportText(locale).segments;
  const resolved = resolveChartOptions({ locale, title: t.rfm }, "rfmChart", {
    title: () => t.rfm,
    width: 520,
    height: 300,
  });
  const values = segments.map((s, order) => ({
    segment: names[s.segment] ?? s.segment,
    order,
    customers: s.customers,
    revenueShare: s.revenueShare ?? 0,
  }));
  const y = { field: "segment", type: "nominal", sort: { field: "order", op: "min" }, axis: { title: null } };
  return finishSpec(
    {
      data: { values },
      hconcat: [
        {
          width: resolved.width / 2,
          height: resolved.height,
          mark: { type: "bar", color: COLORS.blue },
          encoding: { y, x: { field: "customers", type: "quantitative", axis: { title: t.customers } } },
        },
        {
          width: resolved.width / 2,
          height: resolved.height,
          mark: { type: "bar", color: COLORS.orange },
          encoding: {
            y: { ...y, axis: null },
            x: {
              field: "revenueShare",
              type: "quantitative",
              axis: { title: t.revenueShare, format: ".0%" },
            },
          },
        },
      ],
    },
    resolved,
  );
}

/** Customers per tenth of P(alive). */
export function aliveChart(
  bins: readonly { from: number; to: number; customers: number }[],
  locale: ChartLocale,
): VegaLiteSpec {
  const t = TITLES[locale];
  const resolved = resolveChartOptions({ locale, title: t.alive }, "aliveChart", {
    title: () => t.alive,
    width: 520,
    height: 260,
  });
  return finishSpec(
    {
      width: resolved.width,
      height: resolved.height,
      data: { values: bins.map((b) => ({ ...b })) },
      mark: { type: "bar", color: COLORS.teal, binSpacing: 1 },
      encoding: {
        x: {
          field: "from",
          type: "quantitative",
          bin: { binned: true, step: 0.1 },
          axis: { title: t.probability, format: ".0%" },
        },
        x2: { field: "to" },
        y: { field: "customers", type: "quantitative", axis: { title: t.customers } },
      },
    },
    resolved,
  );
}

/** Expected value per RFM segment. */
export function valueChart(
  segments: readonly { segment: string; lifetimeValue: number }[],
  locale: ChartLocale,
): VegaLiteSpec {
  const t = TITLES[locale];
  const names = reportText(locale).segments;
  const resolved = resolveChartOptions({ locale, title: t.value }, "valueChart", {
    title: () => t.value,
    width: 520,
    height: 300,
  });
  return finishSpec(
    {
      width: resolved.width,
      height: resolved.height,
      data: {
        values: segments.map((s, order) => ({
          segment: names[s.segment] ?? s.segment,
          order,
          value: s.lifetimeValue,
        })),
      },
      mark: { type: "bar", color: COLORS.green },
      encoding: {
        y: { field: "segment", type: "nominal", sort: { field: "order", op: "min" }, axis: { title: null } },
        x: { field: "value", type: "quantitative", axis: { title: t.expected, format: ",.0f" } },
      },
    },
    resolved,
  );
}
