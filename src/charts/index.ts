/**
 * customer-value/charts: each analysis one call away from a chart.
 *
 * Every chart builder takes the result of the matching analysis and returns a Vega-Lite
 * v5 spec — plain JSON — that renders in Jupyter, Observable, VS Code, `vega-embed` and
 * any BI tool that speaks Vega-Lite; in Deno's Jupyter kernel a spec displays itself.
 * `renderSvg` (from `customer-value/render`, so that bundling the charts never needs vega)
 * turns a spec into SVG. This file is the whole public list of the entry point.
 */

// Shared types
export type { ChartLocale, ChartOptions, JsonValue, VegaLiteSpec } from "./types.js";

// Concentration: Pareto, Lorenz, whale
export { paretoChart } from "./paretoChart.js";
export type { ParetoChartOptions } from "./paretoChart.js";
export { lorenzChart } from "./lorenzChart.js";
export type { LorenzChartOptions } from "./lorenzChart.js";
export { whaleChart } from "./whaleChart.js";
export type { WhaleChartOptions } from "./whaleChart.js";

// The BCG growth-share matrix
export { bcgChart } from "./bcgChart.js";
export type { BcgChartItem, BcgChartOptions } from "./bcgChart.js";

// Retention and growth accounting
export { cohortHeatmap } from "./cohortHeatmap.js";
export type { CohortHeatmapOptions, CohortHeatmapRow } from "./cohortHeatmap.js";
export { activityChart } from "./activityChart.js";
export type { ActivityChartOptions, ActivityChartRow } from "./activityChart.js";

// The seven-stage lifecycle
export { lifecycleChart } from "./lifecycleChart.js";
export type { LifecycleChartOptions, LifecycleChartRow } from "./lifecycleChart.js";

// Value-weighted satisfaction
export { satisfactionChart } from "./satisfactionChart.js";
export type {
  SatisfactionChartInput,
  SatisfactionChartOptions,
  SatisfactionMeans,
} from "./satisfactionChart.js";

// Customer-base model diagnostics (customer-value/models)
export { trackingChart } from "./trackingChart.js";
export type { TrackingChartOptions } from "./trackingChart.js";
export { periodTransactionsChart } from "./periodTransactionsChart.js";
export type { PeriodTransactionsChartOptions } from "./periodTransactionsChart.js";
export { calibrationHoldoutChart } from "./calibrationHoldoutChart.js";
export type { CalibrationHoldoutChartOptions } from "./calibrationHoldoutChart.js";
export { frequencyRecencyChart } from "./frequencyRecencyChart.js";
export type { FrequencyRecencyChartOptions } from "./frequencyRecencyChart.js";

// Rendering to SVG (needs the optional peers vega and vega-lite; loads customer-value/render
// at its first call, so that bundles of the chart builders need no vega) and notebook display
export { renderSvg } from "./renderSvgLazy.js";
export type { RenderSvgOptions } from "./renderSvg.js";
export { tableView } from "./tableView.js";
export type { TableCell, TableView, TableViewOptions } from "./tableView.js";
