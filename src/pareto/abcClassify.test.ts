import { describe, expect, it } from "vitest";
import { expectClose, expectError, freeze } from "../../test/reference/pareto/helpers.js";
import { abcClassify } from "./abcClassify.js";

describe("abcClassify", () => {
  it("classifies by the cumulative share before each item (80/95)", () => {
    const items = freeze([
      { id: "c", v: 10 },
      { id: "a", v: 60 },
      { id: "d", v: 5 },
      { id: "b", v: 25 },
    ]);
    // ranked a 60, b 25, c 10, d 5; total 100
    // shares before: a 0 (<0.8 A), b 0.60 (<0.8 A), c 0.85 (<0.95 B), d 0.95 (not < 0.95: C)
    const r = abcClassify(items, { value: "v" });
    expect(r.items.map((x) => [x.id, x.rank, x.value, x.class])).toEqual([
      ["a", 1, 60, "A"],
      ["b", 2, 25, "A"],
      ["c", 3, 10, "B"],
      ["d", 4, 5, "C"],
    ]);
    expect(r.items.map((x) => x.cumulativeShare)).toEqual([0.6, 0.85, 0.95, 1]);
    expect(r.counts).toEqual({ A: 2, B: 1, C: 1 });
    expect(r.items[0]?.item).toBe(items[1]);
  });

  it("uses other cut-offs (70/90) and counts a share that hits a cut-off exactly as reached", () => {
    const items = [
      { id: "a", v: 70 },
      { id: "b", v: 20 },
      { id: "c", v: 6 },
      { id: "d", v: 4 },
    ];
    // shares before: 0 A, 0.70 (= 0.7, reached: B), 0.90 (= 0.9: C), 0.96 C
    const r = abcClassify(items, { value: "v", cutoffs: [0.7, 0.9] });
    expect(r.items.map((x) => x.class).join("")).toBe("ABCC");
  });

  it("is robust to floating error in the cumulative share", () => {
    // 0.7 + 0.1 = 0.7999999999999999 in floating point: the third item starts at 80%, so B
    expect(0.7 + 0.1 < 0.8).toBe(true);
    const r = abcClassify(
      [
        { id: "a", v: 0.7 },
        { id: "b", v: 0.1 },
        { id: "c", v: 0.1 },
        { id: "d", v: 0.1 },
      ],
      { value: "v" },
    );
    expect(r.items.map((x) => x.class).join("")).toBe("AABB");
  });

  it("breaks ties by id ascending and handles one item", () => {
    const r = abcClassify(
      [
        { id: "y", v: 1 },
        { id: "x", v: 1 },
        { id: "w", v: 1 },
        { id: "v", v: 1 },
        { id: "u", v: 1 },
      ],
      { value: "v" },
    );
    // before: 0, 0.2, 0.4, 0.6 -> A; 0.8 -> B
    expect(r.items.map((x) => `${x.id}${x.class}`).join(" ")).toBe("uA vA wA xA yB");
    const one = abcClassify([{ id: "only", v: 3 }], { value: "v" });
    expect(one.items).toEqual([
      { item: { id: "only", v: 3 }, id: "only", rank: 1, value: 3, cumulativeShare: 1, class: "A" },
    ]);
    expect(one.counts).toEqual({ A: 1, B: 0, C: 0 });
  });

  it("groups with groupBy", () => {
    const items = [
      { id: "a", seg: "retail", v: 9 },
      { id: "b", seg: "retail", v: 1 },
      { id: "c", seg: "bank", v: 5 },
    ];
    const r = abcClassify(items, { value: "v", groupBy: "seg" });
    expect(r.map((g) => [g.group, g.result.counts])).toEqual([
      ["bank", { A: 1, B: 0, C: 0 }],
      ["retail", { A: 1, B: 1, C: 0 }], // a starts at 0 -> A; b starts at 9/10 = 0.9: >= 0.8, < 0.95 -> B
    ]);
  });

  it("rejects bad input with codes", () => {
    expectError(() => abcClassify([], { value: "v" }), "EMPTY_INPUT");
    expectError(
      () => abcClassify([{ id: "a", v: -3 }], { value: "v" }),
      "NEGATIVE_VALUE",
      /abcClassify.*whaleCurve/,
    );
    expectError(() => abcClassify([{ id: "a", v: 0 }], { value: "v" }), "ZERO_TOTAL");
    expectError(
      () => abcClassify([{ id: "a", v: 1 }], { value: "v", cutoffs: [0.95, 0.8] }),
      "INVALID_OPTION",
    );
    expectError(() => abcClassify([{ id: "a", v: 1 }], { value: "v", cutoffs: [0, 0.8] }), "INVALID_OPTION");
    expectClose(
      abcClassify([{ id: "a", v: 1 }], { value: "v", cutoffs: [0.5, 0.5] }).items[0]?.cumulativeShare,
      1,
    );
  });
});
