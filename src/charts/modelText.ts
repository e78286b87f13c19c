/**
 * The wording of the model-diagnostic charts, per language (kept apart from the other
 * charts' wording in internal.ts). Not exported from the package.
 */
import { assertRows, badRow, COLORS, type ResolvedChartOptions, resolveChartOptions } from "./internal.js";
import type { ChartLocale, ChartOptions } from "./types.js";

export const MODEL_TEXT = {
  en: {
    trackingTitle: "Repeat purchases: actual vs model",
    trackingCumulative: "Cumulative repeat purchases",
    trackingIncremental: "Repeat purchases per period",
    periodAxis: (unit: string) => `${unit === "day" ? "Day" : "Week"} since the first purchase in the data`,
    calibrationEnd: "End of calibration",
    periodEnd: "Period ends",
    actual: "Actual",
    model: "Model",
    series: "Series",
    periodTransactionsTitle: "Customers by repeat purchases in the calibration period",
    repeatPurchases: "Repeat purchases",
    customers: "Customers",
    calibrationHoldoutTitle: "Holdout purchases by calibration-period purchases",
    calibrationPurchases: "Repeat purchases in the calibration period",
    holdoutMean: "Mean purchases in the holdout period",
    aliveTitle: (T: string) => `P(alive) by frequency and recency (T = ${T})`,
    expectedTitle: (t: string, T: string) => `Expected purchases in the next ${t} (T = ${T})`,
    frequency: "Frequency (repeat purchases)",
    recency: "Recency (time of the last purchase)",
    probabilityAlive: "P(alive)",
    expectedPurchases: "Expected purchases",
  },
  zh: {
    trackingTitle: "重复购买：实际与模型",
    trackingCumulative: "累计重复购买次数",
    trackingIncremental: "各期重复购买次数",
    periodAxis: (unit: string) => `自数据中首次购买起的${unit === "day" ? "天数" : "周数"}`,
    calibrationEnd: "校准期结束",
    periodEnd: "期末",
    actual: "实际",
    model: "模型",
    series: "数据",
    periodTransactionsTitle: "校准期内按重复购买次数划分的客户数",
    repeatPurchases: "重复购买次数",
    customers: "客户数",
    calibrationHoldoutTitle: "按校准期购买次数划分的保留期购买",
    calibrationPurchases: "校准期内重复购买次数",
    holdoutMean: "保留期平均购买次数",
    aliveTitle: (T: string) => `按频率与最近购买时间的存活概率（T = ${T}）`,
    expectedTitle: (t: string, T: string) => `未来 ${t} 的预期购买次数（T = ${T}）`,
    frequency: "频率（重复购买次数）",
    recency: "最近购买时间",
    probabilityAlive: "存活概率",
    expectedPurchases: "预期购买次数",
  },
} as const;

/** The wording of one language. */
export type ModelText = (typeof MODEL_TEXT)[ChartLocale];

/** A number for chart text: at most 4 significant digits, no trailing zeros. */
export function short(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** A labelled row of a diagnostic: an actual figure beside the model's. */
interface PairRow {
  readonly label: string;
}

/**
 * Reads a diagnostic chart's options and rows that set an actual figure beside the
 * model's: each row's two values (`keys`, checked to be finite numbers >= 0) become
 * two points of series `text.actual` and `text.model`, as `point` writes them. Also
 * the labels, in row order, and the language's wording.
 */
export function readActualAndModel<R extends PairRow>(
  fn: string,
  rows: readonly R[],
  options: ChartOptions,
  keys: readonly [keyof R & string, keyof R & string],
  point: (row: R, value: number) => Record<string, unknown>,
): { resolved: ResolvedChartOptions; text: ModelText; labels: string[]; data: Record<string, unknown>[] } {
  const resolved = resolveChartOptions(options, fn, { title: () => "", width: 480, height: 300 });
  const text = MODEL_TEXT[resolved.locale];
  assertRows(rows, fn, "rows");
  const labels: string[] = [];
  const data = rows.flatMap((row, i) => {
    if (typeof row?.label !== "string") badRow(fn, `rows[${i}].label`, "must be a string", row?.label);
    const values = keys.map((key) => {
      const v = row[key];
      if (typeof v !== "number" || !(v >= 0) || !Number.isFinite(v))
        badRow(fn, `rows[${i}].${key}`, "must be a finite number >= 0", v);
      return v;
    });
    labels.push(row.label);
    return [
      { label: row.label, series: text.actual, ...point(row, values[0]!) },
      { label: row.label, series: text.model, ...point(row, values[1]!) },
    ];
  });
  return { resolved, text, labels, data };
}

/** The colour channel of actual (blue) against model (orange), legend on top. */
export const actualAndModelColor = (text: ModelText) => ({
  field: "series",
  type: "nominal",
  scale: { domain: [text.actual, text.model], range: [COLORS.blue, COLORS.orange] },
  legend: { title: null, orient: "top", direction: "horizontal" },
});
