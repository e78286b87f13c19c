/**
 * customer-value/charts: each analysis one call away from a chart.
 *
 * Every chart builder takes the result of the matching analysis and returns a Vega-Lite
 * v5 spec — plain JSON — that renders in Jupyter, Observable, VS Code, `vega-embed` and
 * any BI tool that speaks Vega-Lite; in Deno's Jupyter kernel a spec displays itself.
 * `renderSvg` turns a spec into SVG with the optional peer dependencies `vega` and
 * `vega-lite`. This file is the whole public list of the entry point.
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

// Rendering and notebook display
export { renderSvg } from "./renderSvg.js";
export type { RenderSvgOptions } from "./renderSvg.js";
export { tableView } from "./tableView.js";
export type { TableCell, TableView, TableViewOptions } from "./tableView.js";
