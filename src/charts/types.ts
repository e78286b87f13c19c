/**
 * Types shared by the chart builders of `customer-value/charts`.
 */

/** A JSON value: what a Vega-Lite spec is made of. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A Vega-Lite v5 specification: plain JSON (`JSON.stringify` gives the whole spec), ready
 * for `vega-embed`, Jupyter (`application/vnd.vegalite.v5+json`), Observable, VS Code or
 * any BI tool that reads Vega-Lite. The chart builders also attach a non-enumerable
 * `Symbol.for("Jupyter.display")` method, so the spec shows as a chart in Deno's Jupyter
 * kernel; it is invisible to `JSON.stringify`, `Object.keys` and spreading.
 */
export interface VegaLiteSpec {
  /** Always `"https://vega.github.io/schema/vega-lite/v5.json"`. */
  readonly $schema: string;
  readonly [key: string]: JsonValue;
}

/** The language of titles, axis names and legends: `"en"` (English) or `"zh"` (Chinese). */
export type ChartLocale = "en" | "zh";

/** Options every chart builder takes. */
export interface ChartOptions {
  /** Language of the title, axes and legends (default `"en"`). */
  readonly locale?: ChartLocale;
  /** Title (default: the chart's own title in `locale`); `""` for none. */
  readonly title?: string;
  /** Width of the plot area in pixels (default: each chart's own, 480–640). */
  readonly width?: number;
  /** Height of the plot area in pixels (default: each chart's own, 280–400). */
  readonly height?: number;
}
