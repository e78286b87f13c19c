import { assertFinite, assertInteger, assertOneOf } from "../internal/assert.js";
import { compareIds } from "../engine/rank.js";
import { BCG_QUADRANTS, BCG_STRATEGY, type BcgQuadrant } from "../bcg/quadrant.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertRows, badRow, COLORS, type ChartText, finishSpec, resolveChartOptions } from "./internal.js";
import type { ChartOptions, VegaLiteSpec } from "./types.js";

/**
 * One placed item, as `bcgPlacement` and `customerPortfolio` return them (both fit):
 * `growth` may be `null` (a customer with no earlier revenue), `size` may be absent or `null`.
 */
export interface BcgChartItem {
  readonly id: string;
  readonly quadrant: BcgQuadrant;
  readonly relativeShare: number;
  readonly growth: number | null;
  readonly size?: number | null;
  /** A display name for the label and tooltip (default: the id). */
  readonly name?: string;
}

/** Options of {@link bcgChart}. */
export interface BcgChartOptions extends ChartOptions {
  /** The growth threshold used for the placement: where the horizontal line is drawn (default 0.1). */
  readonly growthThreshold?: number;
  /** The relative-share threshold used for the placement: where the vertical line is drawn, > 0 (default 1). */
  readonly shareThreshold?: number;
  /** Write each item's name beside its bubble (default: when there are at most 30 items). */
  readonly labels?: boolean;
  /**
   * Draw high relative share on the left, as in the classic Boston Consulting Group matrix
   * (stars top left, dogs bottom right) (default `true`); `false` puts high share on the right.
   */
  readonly highShareLeft?: boolean;
  /**
   * Most bubbles drawn (default 1000): with more items, the largest by `size` (ties by id)
   * are drawn and the subtitle says how many were left out, so a portfolio of many
   * thousands of customers stays a readable, light chart.
   */
  readonly maxItems?: number;
  /**
   * The growth axis: `"linear"` (default) or `"symlog"`, a symmetric log scale that keeps
   * growth rates of +20% and +5,000% both readable on one axis (every bubble stays at its
   * true value; the ticks are spaced logarithmically away from 0).
   */
  readonly growthScale?: "linear" | "symlog";
}

const QUADRANT_COLORS: Record<BcgQuadrant, string> = {
  star: COLORS.orange,
  cashCow: COLORS.green,
  questionMark: COLORS.blue,
  dog: COLORS.grey,
};

/**
 * The BCG growth-share matrix of a `bcgPlacement` or `customerPortfolio` result: relative
 * market share on a log scale (x) against growth (y), one bubble per item sized by its
 * `size` (revenue, sales; equal bubbles when no item has a size), coloured by quadrant,
 * with the two threshold lines and the four quadrant names (star, cash cow, question
 * mark, dog) in their corners.
 *
 * A log scale cannot show a relative share of 0, and a customer without earlier revenue
 * has no finite growth (`growth: null` in `customerPortfolio`): such items are left out
 * and counted in the subtitle, never moved to a made-up position.
 *
 * @param placements - rows of `bcgPlacement(...)` or `customerPortfolio(...)`
 * @param options - the thresholds used for the placement, `labels`, `highShareLeft`, `maxItems`, locale, title, size
 * @returns a Vega-Lite v5 spec (plain JSON)
 * @throws {CustomerValueError} `EMPTY_INPUT` for no rows; `INVALID_RECORD` for a row with
 *   an unknown quadrant, a relative share that is not a finite number >= 0, or a growth
 *   that is neither finite nor `null`; `INVALID_OPTION` for bad options
 * @example
 * const spec = bcgChart(bcgPlacement([{ id: "A", growth: 0.2, relativeShare: 1.5, size: 10 }]));
 * spec.title; // => "BCG growth-share matrix"
 */
export function bcgChart(placements: readonly BcgChartItem[], options: BcgChartOptions = {}): VegaLiteSpec {
  const fn = "bcgChart";
  const resolved = resolveChartOptions(options, fn, { title: (t) => t.bcgTitle, width: 560, height: 420 });
  const text = resolved.text;
  const growthThreshold = options.growthThreshold ?? 0.1;
  const shareThreshold = options.shareThreshold ?? 1;
  assertFinite(growthThreshold, `${fn}: growthThreshold`);
  assertFinite(shareThreshold, `${fn}: shareThreshold`);
  if (shareThreshold <= 0) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: shareThreshold must be > 0 (log scale), got ${shareThreshold}`,
    );
  }
  const highShareLeft = options.highShareLeft ?? true;
  const growthScale = options.growthScale ?? "linear";
  assertOneOf(growthScale, ["linear", "symlog"] as const, `${fn}: growthScale`);
  assertRows(placements, fn, "placements");
  const maxItems = options.maxItems ?? 1000;
  assertInteger(maxItems, `${fn}: maxItems`, 1);

  const { rows, zeroShare, unbounded, hasSize } = readPlacements(placements, fn, resolved.text);
  const plotted = rows.length;
  if (rows.length > maxItems) {
    rows.sort(
      (a, b) =>
        (b["size"] as number) - (a["size"] as number) || compareIds(a["id"] as string, b["id"] as string),
    );
    rows.length = maxItems;
  }
  const labels = options.labels ?? rows.length <= 30;
  const { xDomain, yDomain } = domains(rows, shareThreshold, growthThreshold, growthScale);
  const quadrantNames = BCG_QUADRANTS.map((q) => text.quadrants[q]);
  const quadrantColors = BCG_QUADRANTS.map((q) => QUADRANT_COLORS[q]);

  // The four quadrant names in the corners (pixel positions, so they never hide behind the scale).
  const left: BcgQuadrant[] = highShareLeft ? ["star", "cashCow"] : ["questionMark", "dog"];
  const right: BcgQuadrant[] = highShareLeft ? ["questionMark", "dog"] : ["star", "cashCow"];
  const corner = (q: BcgQuadrant, side: "left" | "right", top: boolean) => ({
    data: { values: [{ label: text.quadrants[q] }] },
    mark: {
      type: "text",
      align: side,
      baseline: top ? "top" : "bottom",
      fontSize: 13,
      fontWeight: "bold",
      opacity: 0.55,
      color: QUADRANT_COLORS[q],
    },
    encoding: {
      x: { value: side === "left" ? 6 : resolved.width - 6 },
      y: { value: top ? 6 : resolved.height - 6 },
      text: { field: "label" },
    },
  });

  const xScale = { type: "log", domain: xDomain, reverse: highShareLeft, nice: false };
  // symlog with constant 1: growth g sits at sign(g) log(1 + |g|), so -100% to +5,000% spans a few units.
  const yScale =
    growthScale === "linear"
      ? { domain: yDomain, nice: false, zero: false }
      : { type: "symlog", constant: 1, domain: yDomain, nice: false, zero: false };
  const x = {
    field: "relativeShare",
    type: "quantitative",
    scale: xScale,
    axis: { title: text.relativeShare, format: "~g", grid: false },
  };
  const y = {
    field: "growth",
    type: "quantitative",
    scale: yScale,
    axis: {
      title: growthScale === "symlog" ? text.growthSymlog : text.growth,
      format: ".0%",
      grid: false,
      ...(growthScale === "symlog" ? { values: symlogTicks(yDomain[0]!, yDomain[1]!) } : {}),
    },
  };
  const layers: Record<string, unknown>[] = [
    {
      data: { values: [{ relativeShare: shareThreshold }] },
      mark: { type: "rule", color: "#888", strokeDash: [4, 4] },
      encoding: { x },
    },
    {
      data: { values: [{ growth: growthThreshold }] },
      mark: { type: "rule", color: "#888", strokeDash: [4, 4] },
      encoding: { y },
    },
    corner(left[0]!, "left", true),
    corner(right[0]!, "right", true),
    corner(left[1]!, "left", false),
    corner(right[1]!, "right", false),
    {
      mark: { type: "circle", opacity: 0.7, stroke: "white", strokeWidth: 1 },
      encoding: {
        x,
        y,
        size: hasSize
          ? {
              field: "size",
              type: "quantitative",
              scale: { range: [30, 1800] },
              legend: { title: text.size },
            }
          : { value: 180 },
        color: {
          field: "quadrant",
          type: "nominal",
          scale: { domain: quadrantNames, range: quadrantColors },
          legend: { title: text.quadrant },
        },
        tooltip: [
          { field: "name", type: "nominal", title: "id" },
          { field: "quadrant", type: "nominal", title: text.quadrant },
          { field: "strategy", type: "nominal", title: text.strategy },
          { field: "relativeShare", type: "quantitative", title: text.relativeShare, format: ".2f" },
          { field: "growth", type: "quantitative", title: text.growth, format: ".1%" },
          ...(hasSize ? [{ field: "size", type: "quantitative", title: text.size, format: ",.0f" }] : []),
        ],
      },
    },
  ];
  if (labels) {
    layers.push({
      mark: { type: "text", dy: -12, fontSize: 10, color: "#333" },
      encoding: { x, y, text: { field: "name" } },
    });
  }

  const body = {
    width: resolved.width,
    height: resolved.height,
    data: { values: rows },
    layer: layers,
  };
  const notes: string[] = [];
  if (zeroShare > 0) notes.push(text.bcgLeftOut(zeroShare, text.zeroShare));
  if (unbounded > 0) notes.push(text.bcgLeftOut(unbounded, text.unboundedGrowth));
  if (plotted > rows.length) notes.push(text.bcgLargest(rows.length, plotted));
  return finishSpec(body, resolved, notes);
}

/** Ticks of a symlog growth axis: -100%, -50%, 0, then 1, 3, 10, 30, … times up to the top. */
function symlogTicks(low: number, high: number): number[] {
  const ticks = [-1, -0.5, 0, 0.5, 1, 3, 10, 30, 100, 300, 1000, 3000, 10000];
  return ticks.filter((t) => t >= low && t <= high);
}

/**
 * Checks every placement and turns the drawable ones into chart rows; items with a
 * relative share of 0 or no finite growth are counted, not drawn.
 */
function readPlacements(placements: readonly BcgChartItem[], fn: string, text: ChartText) {
  const rows: Record<string, string | number | null>[] = [];
  let zeroShare = 0;
  let unbounded = 0;
  const hasSize = placements.some((p) => p?.size !== undefined && p?.size !== null);
  placements.forEach((p, i) => {
    if (p === null || typeof p !== "object") badRow(fn, `placements[${i}]`, "must be a placement object", p);
    if (!BCG_QUADRANTS.includes(p.quadrant))
      badRow(fn, `placements[${i}].quadrant`, "must be a BCG quadrant", p.quadrant);
    const share = p.relativeShare;
    if (typeof share !== "number" || !Number.isFinite(share) || share < 0) {
      badRow(fn, `placements[${i}].relativeShare`, "must be a finite number >= 0", share);
    }
    const growth = p.growth;
    if (growth !== null && (typeof growth !== "number" || !Number.isFinite(growth))) {
      badRow(fn, `placements[${i}].growth`, "must be a finite number or null", growth);
    }
    const size = p.size ?? null;
    if (size !== null && (typeof size !== "number" || !Number.isFinite(size) || size < 0)) {
      badRow(fn, `placements[${i}].size`, "must be a finite number >= 0 or null", size);
    }
    if (share === 0) {
      zeroShare++;
      return;
    }
    if (growth === null) {
      unbounded++;
      return;
    }
    const strategy = BCG_STRATEGY[p.quadrant];
    rows.push({
      id: String(p.id),
      name: typeof p.name === "string" ? p.name : String(p.id),
      quadrant: text.quadrants[p.quadrant],
      strategy: text.strategies[strategy],
      relativeShare: share + 0,
      growth: growth + 0,
      size: hasSize ? (size === null ? 0 : size + 0) : 1,
    });
  });

  return { rows, zeroShare, unbounded, hasSize };
}

/** The axes' domains: every bubble and both threshold lines in view, with some room. */
function domains(
  rows: readonly Record<string, string | number | null>[],
  shareThreshold: number,
  growthThreshold: number,
  growthScale: "linear" | "symlog",
): { xDomain: number[]; yDomain: number[] } {
  let minShare = shareThreshold;
  let maxShare = shareThreshold;
  let minGrowth = growthThreshold;
  let maxGrowth = growthThreshold;
  for (const row of rows) {
    minShare = Math.min(minShare, row["relativeShare"] as number);
    maxShare = Math.max(maxShare, row["relativeShare"] as number);
    minGrowth = Math.min(minGrowth, row["growth"] as number);
    maxGrowth = Math.max(maxGrowth, row["growth"] as number);
  }
  const xDomain = [minShare / 1.6, maxShare * 1.6];
  const pad = (maxGrowth - minGrowth) * 0.12 || 0.05;
  const yDomain =
    growthScale === "linear"
      ? [minGrowth - pad, maxGrowth + pad]
      : [Math.min(minGrowth, -1), maxGrowth * 1.5 + 0.1];
  return { xDomain, yDomain };
}
