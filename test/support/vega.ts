/** Compiling and rendering checks of Vega-Lite specs, shared by the chart tests. */
import { renderSvg, type VegaLiteSpec } from "customer-value/charts";
import * as vegaLite from "vega-lite";
import { expect } from "vitest";

/** Compiles with vega-lite, collecting every warning and error the compiler logs. */
export function compileWarnings(spec: VegaLiteSpec): string[] {
  const messages: string[] = [];
  const record = (...a: unknown[]) => {
    messages.push(a.join(" "));
    return logger;
  };
  const logger = { level: () => 2, warn: record, error: record, info: () => logger, debug: () => logger };
  const compiled = vegaLite.compile(spec as never, { logger: logger as never });
  expect(compiled.spec).toBeTypeOf("object");
  return messages;
}

/** The marks of an SVG rendered by vega: `[markType, innerSvg]` per mark group. */
export function marks(svg: string): [string, string][] {
  const out: [string, string][] = [];
  const re = /<g class="mark-(\w+) role-mark[^"]*"[^>]*>/g;
  for (let m = re.exec(svg); m !== null; m = re.exec(svg)) {
    const end = svg.indexOf("</g>", m.index);
    out.push([m[1]!, svg.slice(m.index + m[0].length, end)]);
  }
  return out;
}

/** A chart must be plain JSON, compile without warnings and render with its marks; returns the SVG. */
export async function checkChart(spec: VegaLiteSpec, expectedMarks: readonly string[]): Promise<string> {
  expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
  expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  expect(compileWarnings(spec)).toEqual([]);
  const svg = await renderSvg(spec, { strict: true });
  expect(svg.startsWith("<svg")).toBe(true);
  const types = new Set(marks(svg).map(([type]) => type));
  for (const type of expectedMarks) expect(types, `mark ${type}`).toContain(type);
  return svg;
}
