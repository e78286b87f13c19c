/** renderSvg without the optional peers: a clear MISSING_DEPENDENCY error, and the charts still build. */
import { lorenzChart } from "customer-value/charts";
import { renderSvg } from "customer-value/render";
import { describe, expect, it, vi } from "vitest";

vi.mock("vega", () => {
  throw new Error("Cannot find package 'vega'");
});

describe("renderSvg without vega installed", () => {
  it("throws MISSING_DEPENDENCY naming the packages to install, and the spec display falls back to Vega-Lite alone", async () => {
    const spec = lorenzChart([
      { customerShare: 0, valueShare: 0 },
      { customerShare: 1, valueShare: 1 },
    ]);
    await expect(renderSvg(spec)).rejects.toMatchObject({
      code: "MISSING_DEPENDENCY",
      message: expect.stringContaining("npm install vega vega-lite"),
    });
    const display = (spec as unknown as Record<symbol, () => Promise<Record<string, unknown>>>)[
      Symbol.for("Jupyter.display")
    ]!;
    const bundle = await display();
    expect(Object.keys(bundle).sort()).toEqual(["application/vnd.vegalite.v5+json", "text/plain"]);
  });
});
