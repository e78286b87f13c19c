import type { RenderSvgOptions } from "./renderSvg.js";
import type { VegaLiteSpec } from "./types.js";

/**
 * `renderSvg` of `customer-value/render`, reached from `customer-value/charts`: it loads
 * that entry point at its first call, through an import bundlers do not follow, so that an
 * application bundling the chart builders neither needs nor carries vega. In Node, Deno
 * and notebooks it renders as the entry point's does; a bundled browser application
 * imports `renderSvg` from `customer-value/render` instead.
 *
 * @param spec - a Vega-Lite v5 spec (any chart builder's result)
 * @param options - `strict`: throw on Vega-Lite compile warnings
 * @returns the chart as an SVG string
 * @throws {CustomerValueError} as `renderSvg` of `customer-value/render`
 * @example
 * const svg = await renderSvg(paretoChart(paretoSplit(customers, { value: "sales" }), { value: "sales" }));
 */
export async function renderSvg(spec: VegaLiteSpec, options: RenderSvgOptions = {}): Promise<string> {
  // The render entry point sits beside this module both in src/ and in dist/.
  const entry = "./render.js";
  const render = (await import(/* @vite-ignore */ entry)) as typeof import("./render.js");
  return render.renderSvg(spec, options);
}
