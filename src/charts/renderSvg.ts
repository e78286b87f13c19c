import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import type { VegaLiteSpec } from "./types.js";

/** Options of {@link renderSvg}. */
export interface RenderSvgOptions {
  /** Throw on any Vega-Lite compile warning instead of ignoring it (default `false`). */
  readonly strict?: boolean;
}

/**
 * Renders a Vega-Lite v5 spec to an SVG string, server-side (Node, Deno, Bun) or in a
 * browser, with no DOM and no canvas: `vegaLite.compile(spec).spec` gives the Vega spec,
 * and a headless `vega.View` (renderer `"none"`) writes the SVG.
 *
 * `vega` and `vega-lite` are optional peer dependencies, loaded only when this function
 * is first called, so the rest of the library stays light: install them
 * (`npm install vega vega-lite`) to render. The spec's data must be inline (as every
 * chart of this module is): loading data from a URL or a file is refused, and links and
 * images (`href`, `url` channels) are drawn without an address, so rendering an untrusted
 * spec reads nothing, links nowhere, and never ends in an unhandled promise rejection.
 *
 * @param spec - a Vega-Lite v5 spec, e.g. from `paretoChart`
 * @param options - `strict`: fail on compile warnings
 * @returns the SVG document as a string (`<svg xmlns="http://www.w3.org/2000/svg" …>…</svg>`)
 * @throws {CustomerValueError} `MISSING_DEPENDENCY` when `vega` or `vega-lite` is not
 *   installed; `INVALID_RECORD` when the spec is not an object, does not compile, asks to
 *   load external data, or (with `strict`) compiles with warnings
 * @example
 * const svg = await renderSvg(lorenzChart(lorenzCurve([1, 2, 3, 10])));
 * svg.startsWith("<svg"); // => true
 */
export async function renderSvg(spec: VegaLiteSpec, options: RenderSvgOptions = {}): Promise<string> {
  const fn = "renderSvg";
  const strict = options.strict ?? false;
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: spec must be a Vega-Lite spec object, got ${describeValue(spec)}`,
    );
  }
  const [vega, vegaLite] = await loadVega(fn);

  const warnings: string[] = [];
  const logger = {
    level(): number {
      return 2; // warn
    },
    error(...args: unknown[]) {
      warnings.push(args.map(String).join(" "));
      return this;
    },
    warn(...args: unknown[]) {
      warnings.push(args.map(String).join(" "));
      return this;
    },
    info() {
      return this;
    },
    debug() {
      return this;
    },
  };
  let compiled: unknown;
  try {
    compiled = vegaLite.compile(spec as never, { logger: logger as never }).spec;
  } catch (error) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: spec must be valid Vega-Lite v5, got a compile error: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (strict && warnings.length > 0) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: spec must compile without warnings (strict), got ${warnings.length}: ${warnings.join("; ")}`,
    );
  }

  const url = externalData(compiled);
  if (url !== undefined) {
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: data must be inline (values), external data is not loaded, got url ${describeValue(url)}`,
    );
  }
  // A second guard: a loader that loads nothing. Links and images (`href`, `url` channels)
  // are refused by resolving to no address: vega's renderers read a field of the answer
  // in promise callbacks nobody handles, so a rejection there would kill the process.
  const loader = vega.loader();
  loader.load = ((uri: unknown) =>
    Promise.reject(
      new CustomerValueError(
        "INVALID_RECORD",
        `${fn}: data must be inline (values), external data is not loaded, got ${describeValue(uri)}`,
      ),
    )) as never;
  loader.sanitize = (() => Promise.resolve({})) as never;
  try {
    const view = new vega.View(vega.parse(compiled as never), { renderer: "none", loader });
    const svg = await view.toSVG();
    view.finalize();
    return svg;
  } catch (error) {
    if (error instanceof CustomerValueError) throw error;
    throw new CustomerValueError(
      "INVALID_RECORD",
      `${fn}: spec must render with vega, got an error: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** The first `url` of a data source anywhere in a compiled Vega spec, if any. */
function externalData(node: unknown): unknown {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = externalData(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (node === null || typeof node !== "object") return undefined;
  const record = node as Record<string, unknown>;
  if (Array.isArray(record["data"])) {
    for (const source of record["data"]) {
      if (source !== null && typeof source === "object" && "url" in source)
        return (source as { url: unknown }).url;
    }
  }
  return Array.isArray(record["marks"]) ? externalData(record["marks"]) : undefined;
}

type Vega = typeof import("vega");
type VegaLite = typeof import("vega-lite");

let cached: Promise<[Vega, VegaLite]> | undefined;

/** Loads the optional peers once; a failed load is not cached, so installing them later works. */
function loadVega(fn: string): Promise<[Vega, VegaLite]> {
  cached ??= Promise.all([import("vega"), import("vega-lite")]).catch((error: unknown) => {
    cached = undefined;
    throw new CustomerValueError(
      "MISSING_DEPENDENCY",
      `${fn}: the optional peer dependencies vega and vega-lite must be installed (npm install vega vega-lite), got: ${(error as Error).message}`,
      { cause: error },
    );
  });
  return cached;
}
