/**
 * prefixSvgIds (the report makes each chart's SVG ids unique on the page) rewrote data
 * text: a customer id `url(#secret)` was shown as `url(#chart-pareto-secret)`. Only the
 * SVG's own ids and the references to them may change; text and labels stay as they are.
 */
import { describe, expect, it } from "vitest";
import { paretoSplit } from "customer-value";
import { paretoChart, renderSvg } from "customer-value/charts";
import { prefixSvgIds } from "../../src/cli/report/svg.js";

describe("prefixSvgIds", () => {
  it("leaves customer ids that look like references unchanged in text and labels", async () => {
    const ids = ["url(#secret)", 'href="#x"', 'id="y"', "url(#clip1)", "plain"];
    const items = ids.map((id, i) => ({ id, value: 100 - i * 10 }));
    const svg = await renderSvg(paretoChart(paretoSplit(items, { value: "value" }), { value: "value" }));
    const prefixed = prefixSvgIds(svg, "chart-pareto");
    // The escaped ids as vega writes them, in text content and in aria-labels, are untouched.
    const escaped = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    for (const id of ids) {
      const count = (text: string, part: string) => text.split(part).length - 1;
      expect(count(prefixed, escaped(id)), id).toBe(count(svg, escaped(id)));
    }
    expect(prefixed).not.toContain("chart-pareto-secret");
  });

  it("prefixes the SVG's own ids and every reference to them", () => {
    const svg =
      '<svg><defs><clipPath id="clip1"><rect/></clipPath><linearGradient id="g"/></defs>' +
      '<g clip-path="url(#clip1)"><path fill="url(#g)"/><use href="#g"/><use xlink:href="#clip1"/>' +
      '<text aria-label="url(#clip1)">url(#clip1) href="#g"</text><path fill="url(#unknown)"/></g></svg>';
    expect(prefixSvgIds(svg, "p")).toBe(
      '<svg><defs><clipPath id="p-clip1"><rect/></clipPath><linearGradient id="p-g"/></defs>' +
        '<g clip-path="url(#p-clip1)"><path fill="url(#p-g)"/><use href="#p-g"/><use xlink:href="#p-clip1"/>' +
        '<text aria-label="url(#clip1)">url(#clip1) href="#g"</text><path fill="url(#unknown)"/></g></svg>',
    );
  });
});
