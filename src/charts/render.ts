/**
 * customer-value/render: `renderSvg`, the one function that needs the optional peer
 * dependencies `vega` and `vega-lite`.
 *
 * It is its own entry point so that an application bundling the chart builders
 * (`customer-value/charts`) neither needs vega installed nor carries it: only code that
 * imports `renderSvg` from here asks the bundler for vega and vega-lite.
 */
export { renderSvg } from "./renderSvg.js";
export type { RenderSvgOptions } from "./renderSvg.js";
