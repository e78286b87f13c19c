/**
 * Shared machinery of the chart builders (not exported from the package): option
 * checks, the English and Chinese wording, the common frame of every spec (schema,
 * title, size, theme), the Jupyter display hook, and small data helpers.
 */
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertInteger, assertOneOf } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";
import type { ChartLocale, ChartOptions, JsonValue, VegaLiteSpec } from "./types.js";

/** The Vega-Lite v5 schema every spec declares. */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** The MIME type of a Vega-Lite v5 spec in a Jupyter display bundle. */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/** The symbol Deno's Jupyter kernel calls to display a value richly. */
export const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/** Colours used across the charts (Tableau 10, colour-blind friendly enough and widely known). */
export const COLORS = {
  blue: "#4c78a8",
  orange: "#f58518",
  red: "#e45756",
  teal: "#72b7b2",
  green: "#54a24b",
  yellow: "#eeca3b",
  purple: "#b279a2",
  pink: "#ff9da6",
  brown: "#9d755d",
  grey: "#bab0ac",
} as const;

/** Every piece of chart text, per language. */
export const TEXT = {
  en: {
    paretoTitle: "Pareto chart: value by customer",
    customerShare: "Share of customers (ranked by value)",
    value: "Value",
    cumulativeShare: "Cumulative share of value",
    head: "Head",
    tail: "Tail",
    customer: "Customer",
    customers: "Customers",
    rank: "Rank",
    group: "Customers",
    mark: (share: string) => `${share} of value`,
    headNote: (customers: string, value: string) => `Top ${customers} of customers hold ${value} of value`,
    abcClass: "ABC class",
    lorenzTitle: "Lorenz curve",
    lorenzX: "Cumulative share of customers (smallest first)",
    lorenzY: "Cumulative share of value",
    equality: "Perfect equality",
    lorenz: "Lorenz curve",
    gini: "Gini",
    whaleTitle: "Whale curve: cumulative profit",
    whaleX: "Share of customers (most profitable first)",
    whaleY: "Cumulative share of total profit",
    whaleYMoney: "Cumulative profit",
    peak: (profit: string, customers: string) => `Peak: ${profit} of profit from ${customers} of customers`,
    peakMoney: (profit: string, customers: string) => `Peak: ${profit} from ${customers} of customers`,
    bcgTitle: "BCG growth-share matrix",
    relativeShare: "Relative market share (log scale)",
    growth: "Growth rate",
    growthSymlog: "Growth rate (symmetric log scale)",
    size: "Size",
    quadrant: "Quadrant",
    strategy: "Strategy",
    quadrants: { star: "Star", cashCow: "Cash cow", questionMark: "Question mark", dog: "Dog" },
    strategies: { hold: "hold", harvest: "harvest", build: "build", divest: "divest" },
    bcgLeftOut: (n: number, why: string) => `${n} not shown (${why})`,
    bcgLargest: (shown: number, of: number) => `the ${shown} largest of ${of} shown`,
    zeroShare: "zero relative share",
    unboundedGrowth: "no earlier revenue: growth unbounded",
    cohortTitle: "Cohort retention",
    cohortRevenueTitle: "Cohort revenue retention",
    cohort: "Cohort (first purchase)",
    periodsSince: "Periods since first purchase",
    retention: "Retention",
    revenueRetention: "Revenue retention",
    cohortSize: "Cohort size",
    lifecycleTitle: "Customers and value per lifecycle stage",
    stage: "Stage",
    phase: "Phase",
    customersPerStage: "Customers",
    valuePerStage: "Value",
    activityTitle: "Customer activity per period",
    period: "Period",
    count: "Customers",
    kind: "Movement",
    kinds: { new: "New", retained: "Retained", reactivated: "Reactivated", churned: "Churned" },
    active: "Active",
    partialNote: (periods: string) => `Grey: ${periods}, not fully covered by the data`,
    lastPeriodPartial: "each row's last cell (the last period)",
    cohortPartial: (cohort: string) => `cohort ${cohort}`,
    satisfactionTitle: "Satisfaction: plain vs value-weighted",
    indicator: "Indicator",
    mean: "Mean score",
    measure: "Measure",
    plain: "Plain mean",
    weighted: "Value-weighted mean",
    index: "Index",
  },
  zh: {
    paretoTitle: "帕累托图：各客户价值",
    customerShare: "客户占比（按价值排序）",
    value: "价值",
    cumulativeShare: "累计价值占比",
    head: "头部客户",
    tail: "其余客户",
    customer: "客户",
    customers: "客户数",
    rank: "排名",
    group: "客户",
    mark: (share: string) => `${share} 价值`,
    headNote: (customers: string, value: string) => `前 ${customers} 的客户贡献 ${value} 的价值`,
    abcClass: "ABC 分类",
    lorenzTitle: "洛伦兹曲线",
    lorenzX: "累计客户占比（由小到大）",
    lorenzY: "累计价值占比",
    equality: "绝对平均线",
    lorenz: "洛伦兹曲线",
    gini: "基尼系数",
    whaleTitle: "鲸鱼曲线：累计利润",
    whaleX: "客户占比（利润由高到低）",
    whaleY: "累计利润占总利润比例",
    whaleYMoney: "累计利润",
    peak: (profit: string, customers: string) => `峰值：${customers} 的客户贡献 ${profit} 的利润`,
    peakMoney: (profit: string, customers: string) => `峰值：${customers} 的客户贡献利润 ${profit}`,
    bcgTitle: "BCG 增长率-市场份额矩阵",
    relativeShare: "相对市场份额（对数刻度）",
    growth: "增长率",
    growthSymlog: "增长率（对称对数刻度）",
    size: "规模",
    quadrant: "象限",
    strategy: "策略",
    quadrants: { star: "明星", cashCow: "金牛", questionMark: "问题", dog: "瘦狗" },
    strategies: { hold: "维持", harvest: "收获", build: "发展", divest: "放弃" },
    bcgLeftOut: (n: number, why: string) => `${n} 项未显示（${why}）`,
    bcgLargest: (shown: number, of: number) => `仅显示 ${of} 项中规模最大的 ${shown} 项`,
    zeroShare: "相对份额为零",
    unboundedGrowth: "前期无收入，增长率无界",
    cohortTitle: "同期群留存率",
    cohortRevenueTitle: "同期群收入留存率",
    cohort: "同期群（首次购买）",
    periodsSince: "首次购买后的期数",
    retention: "留存率",
    revenueRetention: "收入留存率",
    cohortSize: "同期群规模",
    lifecycleTitle: "各生命周期阶段的客户数与价值",
    stage: "阶段",
    phase: "时期",
    customersPerStage: "客户数",
    valuePerStage: "价值",
    activityTitle: "各期客户活动",
    period: "期间",
    count: "客户数",
    kind: "变动",
    kinds: { new: "新增", retained: "保留", reactivated: "重新活跃", churned: "流失" },
    active: "活跃",
    partialNote: (periods: string) => `灰色：${periods}，数据未完整覆盖该期间`,
    lastPeriodPartial: "各行最后一格（最后一期）",
    cohortPartial: (cohort: string) => `同期群 ${cohort}`,
    satisfactionTitle: "满意度：简单平均与价值加权",
    indicator: "指标",
    mean: "平均分",
    measure: "度量",
    plain: "简单平均",
    weighted: "价值加权平均",
    index: "综合指数",
  },
} as const;

/** The wording of one language. */
export type ChartText = (typeof TEXT)[ChartLocale];

/** Options of a chart with every default filled in. */
export interface ResolvedChartOptions {
  readonly locale: ChartLocale;
  readonly text: ChartText;
  readonly title: string;
  readonly width: number;
  readonly height: number;
}

/**
 * Checks the options every chart takes and fills in the defaults.
 * Throws `INVALID_OPTION` for an unknown locale or a size that is not a whole number >= 50.
 */
export function resolveChartOptions(
  options: ChartOptions | undefined,
  fn: string,
  defaults: { readonly title: (text: ChartText) => string; readonly width: number; readonly height: number },
): ResolvedChartOptions {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options must be an object, got ${describeValue(options)}`,
    );
  }
  const locale = options?.locale ?? "en";
  assertOneOf(locale, ["en", "zh"] as const, `${fn}: locale`);
  const text = TEXT[locale];
  const title = options?.title ?? defaults.title(text);
  if (typeof title !== "string") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: title must be a string, got ${describeValue(title)}`,
    );
  }
  const width = options?.width ?? defaults.width;
  const height = options?.height ?? defaults.height;
  assertInteger(width, `${fn}: width`, 50);
  assertInteger(height, `${fn}: height`, 50);
  return { locale, text, title, width, height };
}

/** The theme every chart shares; Chinese charts ask for a CJK font first. */
function theme(locale: ChartLocale): JsonValue {
  const font =
    locale === "zh"
      ? '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
      : "Helvetica, Arial, sans-serif";
  return {
    font,
    view: { stroke: null },
    title: { fontSize: 15, anchor: "start", subtitleColor: "#555" },
    axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", gridColor: "#e8e8e8" },
    legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", labelLimit: 360 },
  };
}

/**
 * Finishes a chart: adds the schema, title (with an optional subtitle), theme and
 * background, and attaches the Jupyter display hook. (The tests compile every chart with
 * `vega-lite` and fail on any warning, which is what checks the body's structure.)
 */
export function finishSpec(
  body: Record<string, unknown>,
  resolved: ResolvedChartOptions,
  subtitle?: string | readonly string[],
): VegaLiteSpec {
  const title: JsonValue | undefined =
    resolved.title === ""
      ? undefined
      : subtitle === undefined || subtitle.length === 0
        ? resolved.title
        : { text: resolved.title, subtitle: typeof subtitle === "string" ? subtitle : [...subtitle] };
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    ...(title === undefined ? {} : { title }),
    background: "white",
    // Without a canvas, vega estimates text widths from Latin glyphs; CJK glyphs are wider,
    // so Chinese charts get room on both sides for axis labels and legends.
    padding: resolved.locale === "zh" ? { left: 28, top: 8, right: 28, bottom: 8 } : 8,
    ...body,
    config: theme(resolved.locale),
  } as VegaLiteSpec;
  return attachJupyterDisplay(spec);
}

/**
 * Attaches a non-enumerable `Symbol.for("Jupyter.display")` method: Deno's Jupyter kernel
 * then shows the spec as a Vega-Lite chart, with a rendered SVG alongside when `vega` and
 * `vega-lite` are installed (for front ends without a Vega-Lite renderer, and for
 * notebooks viewed as static files).
 */
export function attachJupyterDisplay<S extends VegaLiteSpec>(spec: S): S {
  Object.defineProperty(spec, JUPYTER_DISPLAY, {
    enumerable: false,
    configurable: true,
    writable: true,
    value: async (): Promise<Record<string, unknown>> => {
      const json = JSON.parse(JSON.stringify(spec)) as JsonValue;
      const bundle: Record<string, unknown> = { [VEGA_LITE_MIME]: json, "text/plain": plainTitle(spec) };
      try {
        // Not a literal import: bundlers of the charts must not follow it into vega. The
        // render entry point sits beside this module both in src/ and in dist/.
        const renderEntry = "./render.js";
        const { renderSvg } = (await import(/* @vite-ignore */ renderEntry)) as typeof import("./render.js");
        bundle["image/svg+xml"] = await renderSvg(spec);
      } catch {
        // vega / vega-lite not installed: the Vega-Lite bundle alone still renders in Jupyter.
      }
      return bundle;
    },
  });
  return spec;
}

/** The chart's title as plain text (for `text/plain` and alt texts). */
export function plainTitle(spec: VegaLiteSpec): string {
  const title = spec["title"];
  if (typeof title === "string") return title;
  if (title !== null && typeof title === "object" && !Array.isArray(title)) {
    const text = title["text"];
    if (typeof text === "string") return text;
  }
  return "Vega-Lite chart";
}

/** A finite number as it is, anything else (NaN, ±Infinity, undefined) as `null`; -0 becomes 0. */
export function num(x: number | null | undefined): number | null {
  return typeof x === "number" && Number.isFinite(x) ? x + 0 : null;
}

/** Formats a fraction as a percentage for chart text: 0.7912 -> "79%", 0.0412 -> "4.1%". */
export function percent(x: number): string {
  const p = x * 100;
  const digits = Math.abs(p) >= 10 || p === 0 ? 0 : 1;
  return `${p.toFixed(digits)}%`;
}

/** Formats an amount for chart text with thousands separators and no decimals beyond two. */
export function amount(x: number): string {
  return x.toLocaleString("en-US", { maximumFractionDigits: Math.abs(x) >= 100 ? 0 : 2 });
}

/**
 * Indices of at most `max` points of a curve of `n` points, evenly spread, always keeping
 * the first and the last (and any index in `keep`), in increasing order. Used to keep
 * Lorenz and whale curves of many thousands of customers light.
 */
export function thinIndices(n: number, max: number, keep: readonly number[] = []): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const chosen = new Set<number>();
  for (let j = 0; j < max; j++) chosen.add(Math.round((j * (n - 1)) / (max - 1)));
  for (const k of keep) if (k >= 0 && k < n) chosen.add(k);
  return [...chosen].sort((a, b) => a - b);
}

/** Throws `INVALID_RECORD` unless `value` is an array (and `EMPTY_INPUT` if it is empty). */
export function assertRows(value: unknown, fn: string, what: string): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: ${what} must be an array, got ${describeValue(value)}`,
    );
  }
  if (value.length === 0) {
    throw new CustomerValueError("EMPTY_INPUT", `${fn}: ${what} must not be empty, got []`);
  }
}

/** Throws `INVALID_RECORD` naming the function, the row and the field. */
export function badRow(fn: string, path: string, rule: string, value: unknown): never {
  throw new CustomerValueError("INVALID_RECORD", `${fn}: ${path} ${rule}, got ${describeValue(value)}`);
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
