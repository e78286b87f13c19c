/**
 * The numeric kernels (kernels.ts, kernels.wat): the WebAssembly and the JavaScript
 * versions against each other bit for bit, and both against references that do not use
 * them — a comparator sort, `Float64Array.prototype.sort`, a `BigUint64Array` sort, and
 * sums worked out by hand.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compareIds } from "../internal/compare.js";
import { rankDescending } from "./internal.js";
import {
  activeKernels,
  orderByKeys,
  rankWeightedSums,
  sortedCopyAsUnsigned,
  useWasmKernels,
} from "./kernels.js";

afterEach(() => useWasmKernels(true));

it("uses WebAssembly here (Node), JavaScript when switched off", () => {
  expect(activeKernels()).toBe("webassembly");
  useWasmKernels(false);
  expect(activeKernels()).toBe("javascript");
});

/** Runs `f` with the WebAssembly kernels, then with the JavaScript ones. */
function both<T>(f: () => T): [T, T] {
  useWasmKernels(true);
  const wasm = f();
  useWasmKernels(false);
  const js = f();
  useWasmKernels(true);
  return [wasm, js];
}

/** Rank order by a comparator sort: value descending, ties by id ascending. */
function referenceOrder(ids: readonly string[], values: Float64Array): number[] {
  return Array.from(values.keys()).sort((a, b) => values[b]! - values[a]! || compareIds(ids[a]!, ids[b]!));
}

/** Values with many exact ties, values closer than the key resolves, zeros and a wide range. */
const valueArrays = fc
  .oneof(
    fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 300 }),
    fc.array(fc.double({ min: 0, max: 1e12, noNaN: true, noDefaultInfinity: true }), {
      minLength: 1,
      maxLength: 300,
    }),
    // 1 + k * 2^-40: all within the 32 mantissa bits a key keeps for up to 2^20 items
    fc
      .array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 100 })
      .map((ks) => ks.map((k) => 1 + k * 2 ** -40)),
  )
  .map((xs) => new Float64Array(xs.map((x) => x + 0)));

describe("orderByKeys", () => {
  it("gives the same order, runs and total (bit for bit) in WebAssembly and JavaScript", () => {
    fc.assert(
      fc.property(valueArrays, fc.boolean(), (values, negate) => {
        // with negate, some values are negative (the unchecked path, as whaleCurve's profits)
        const xs = negate ? values.map((x, i) => (i % 3 === 0 && x !== 0 ? -x : x)) : values;
        const [wasm, js] = both(() => orderByKeys(xs, !negate)!);
        expect(Array.from(wasm.order)).toEqual(Array.from(js.order));
        expect(Array.from(wasm.runs)).toEqual(Array.from(js.runs));
        expect(wasm.runCount).toBe(js.runCount);
        expect(Object.is(wasm.total, js.total)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("ranks like a comparator sort once the runs are put in id order (both kernels)", () => {
    fc.assert(
      fc.property(valueArrays, (values) => {
        const ids = Array.from(values, (_, i) => `c${(i * 7919) % 1009}-${i}`);
        const expected = referenceOrder(ids, values);
        const [wasm, js] = both(() => Array.from(rankDescending({ ids, values })));
        expect(wasm).toEqual(expected);
        expect(js).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("lists runs of keys equal above the index bits, and adds the total exactly for integers", () => {
    // values 5, 7, 5, 1, 7, 7 -> keys order 7 (items 1, 4, 5), 5 (items 0, 2), 1 (item 3)
    // runs [0, 3) and [3, 5); total 32 (exact: small integers)
    for (const on of [true, false]) {
      useWasmKernels(on);
      const r = orderByKeys(new Float64Array([5, 7, 5, 1, 7, 7]), true)!;
      expect(Array.from(r.order)).toEqual([1, 4, 5, 0, 2, 3]);
      expect(Array.from(r.runs)).toEqual([0, 3, 3, 5]);
      expect(r.runCount).toBe(2);
      expect(r.total).toBe(32);
    }
  });

  it("refuses (undefined) a negative value, -0, infinity or NaN when checking", () => {
    for (const bad of [-1, -0, Number.POSITIVE_INFINITY, Number.NaN, -Number.MIN_VALUE]) {
      const [wasm, js] = both(() => orderByKeys(new Float64Array([3, 2, bad, 1]), true));
      expect(wasm).toBeUndefined();
      expect(js).toBeUndefined();
    }
  });

  it("handles one item, index widths at powers of two, and memory reused from a larger call", () => {
    for (const n of [1, 2, 3, 4, 5, 255, 256, 257, 4096, 4097, 3, 1]) {
      // values 0, 0, 1, 1, 2, 2, ...: pairs of ties, ranked by value descending, then index ascending
      const values = new Float64Array(n).map((_, i) => Math.floor(i / 2));
      const expected = Array.from(values.keys()).sort((a, b) => values[b]! - values[a]! || a - b);
      const [wasm, js] = both(() => orderByKeys(values, true)!);
      expect(Array.from(wasm.order)).toEqual(expected);
      expect(Array.from(js.order)).toEqual(expected);
      // sum of floor(i / 2) for i < n, exact in doubles
      let total = 0;
      for (let i = 0; i < n; i++) total += Math.floor(i / 2);
      expect(wasm.total).toBe(total);
    }
  });
});

describe("orderByKeys with the items' id order (ranks)", () => {
  /** The ranks of `ids` from a comparator sort of the strings (not through internal/idKeys.ts). */
  function ranksOf(ids: readonly string[]): { order: Int32Array; rank: Int32Array } {
    const order = Int32Array.from(ids.keys()).sort((a, b) => compareIds(ids[a]!, ids[b]!));
    const rank = new Int32Array(ids.length);
    order.forEach((i, r) => {
      rank[i] = r;
    });
    return { order, rank };
  }

  /** A Neumaier sum of `values` taken in `order`, as total + correction. */
  function neumaier(values: Float64Array, order: readonly number[]): number {
    let total = 0;
    let correction = 0;
    for (const i of order) {
      const x = values[i]!;
      const t = total + x;
      correction += Math.abs(total) >= Math.abs(x) ? total - t + x : x - t + total;
      total = t;
    }
    return total + correction + 0;
  }

  it("ranks 5, 7, 5, 1, 7, 7 with ids e, d, c, b, a, f: equal values by id, no runs left", () => {
    // 7: d (1), a (4), f (5) -> a, d, f; 5: e (0), c (2) -> c, e; 1: b (3)
    const values = new Float64Array([5, 7, 5, 1, 7, 7]);
    const ranks = ranksOf(["e", "d", "c", "b", "a", "f"]);
    const [wasm, js] = both(() => orderByKeys(values, true, ranks)!);
    for (const r of [wasm, js]) {
      expect(Array.from(r.order)).toEqual([4, 1, 5, 2, 0, 3]);
      expect(r.runCount).toBe(0);
      expect(r.runs.length).toBe(0);
      expect(r.total).toBe(32);
    }
  });

  it("tells apart values closer than a 44-bit key (all 64 bits), and ranks negative values last", () => {
    // 1 + 2^-40 > 1: items 0 (d), 2 (b) first -> b, d; then 1: items 1 (c), 3 (a) -> a, c
    const close = new Float64Array([1 + 2 ** -40, 1, 1 + 2 ** -40, 1]);
    const [wasm, js] = both(() => orderByKeys(close, true, ranksOf(["d", "c", "b", "a"]))!);
    expect(Array.from(wasm.order)).toEqual([2, 0, 3, 1]);
    expect(Array.from(js.order)).toEqual([2, 0, 3, 1]);
    // unchecked (whaleCurve's profits): 2 (b), 2 (d), -1 (a), -3 (c); total 0
    const mixed = new Float64Array([-1, 2, -3, 2]);
    const [w, j] = both(() => orderByKeys(mixed, false, ranksOf(["a", "b", "c", "d"]))!);
    expect(Array.from(w.order)).toEqual([1, 3, 0, 2]);
    expect(Array.from(j.order)).toEqual([1, 3, 0, 2]);
    expect(w.total).toBe(0);
  });

  it("gives the comparator sort's order and a Neumaier sum in that order, bit for bit in both kernels", () => {
    fc.assert(
      fc.property(valueArrays, fc.boolean(), fc.integer({ min: 1, max: 1000 }), (values, negate, spread) => {
        const xs = negate ? values.map((x, i) => (i % 3 === 0 && x !== 0 ? -x : x)) : values;
        // ids not in index order, some alike in a long prefix
        const ids = Array.from(xs, (_, i) => `c${(i * 7919) % spread}-${i}`);
        const expected = referenceOrder(ids, xs);
        const [wasm, js] = both(() => orderByKeys(xs, !negate, ranksOf(ids))!);
        expect(Array.from(wasm.order)).toEqual(expected);
        expect(Array.from(js.order)).toEqual(expected);
        expect(wasm.runCount + js.runCount).toBe(0);
        expect(Object.is(wasm.total, neumaier(xs, expected))).toBe(true);
        expect(Object.is(js.total, wasm.total)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses what the unranked kernels refuse, and ignores ranks of another length", () => {
    for (const bad of [-1, -0, Number.POSITIVE_INFINITY, Number.NaN]) {
      const [wasm, js] = both(() =>
        orderByKeys(new Float64Array([3, 2, bad, 1]), true, ranksOf(["a", "b", "c", "d"])),
      );
      expect(wasm).toBeUndefined();
      expect(js).toBeUndefined();
    }
    // ranks of three items for four values: the unranked ranking (ties left as a run)
    const r = orderByKeys(new Float64Array([1, 2, 2, 0]), true, ranksOf(["c", "b", "a"]))!;
    expect(Array.from(r.order)).toEqual([1, 2, 0, 3]);
    expect(Array.from(r.runs)).toEqual([0, 2]);
  });
});

describe("sortedCopyAsUnsigned", () => {
  it("sorts values >= 0 as Float64Array.prototype.sort does (both kernels)", () => {
    fc.assert(
      fc.property(valueArrays, (values) => {
        const expected = Array.from(values.slice().sort());
        const before = Array.from(values);
        const [wasm, js] = both(() => Array.from(sortedCopyAsUnsigned(values)));
        expect(Array.from(values)).toEqual(before); // the input is left as it was
        expect(wasm).toEqual(expected);
        expect(js).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("puts every negative value, -0, infinity and NaN after the values >= 0, as a BigUint64Array sort", () => {
    const values = new Float64Array([
      3,
      -1,
      Number.NaN,
      0,
      -0,
      Number.POSITIVE_INFINITY,
      2.5,
      -1e300,
      1e-300,
    ]);
    const expected = new BigUint64Array(values.slice().buffer).sort();
    const [wasm, js] = both(() => new BigUint64Array(sortedCopyAsUnsigned(values).buffer));
    expect(wasm).toEqual(expected);
    expect(js).toEqual(expected);
    // 0, 1e-300, 2.5, 3, then Infinity, NaN and the sign-bit patterns
    expect(Array.from(new Float64Array(wasm.buffer)).slice(0, 4)).toEqual([0, 1e-300, 2.5, 3]);
  });
});

describe("rankWeightedSums", () => {
  it("sums x and x * rank: [1, 2, 3, 4] -> 10 and 1 + 4 + 9 + 16 = 30", () => {
    const [wasm, js] = both(() => rankWeightedSums(new Float64Array([1, 2, 3, 4])));
    expect(wasm).toEqual({ total: 10, weighted: 30 });
    expect(js).toEqual({ total: 10, weighted: 30 });
  });

  it("gives the same sums bit for bit in WebAssembly and JavaScript", () => {
    fc.assert(
      fc.property(valueArrays, (values) => {
        const sorted = values.slice().sort();
        const [wasm, js] = both(() => rankWeightedSums(sorted));
        expect(Object.is(wasm.total, js.total)).toBe(true);
        expect(Object.is(wasm.weighted, js.weighted)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("without WebAssembly", () => {
  it("runs the JavaScript kernels (a runtime without WebAssembly, or one that refuses to compile it)", async () => {
    vi.resetModules();
    vi.stubGlobal("WebAssembly", undefined);
    try {
      const fresh = await import("./kernels.js");
      expect(fresh.activeKernels()).toBe("javascript");
      const r = fresh.orderByKeys(new Float64Array([1, 3, 2]), true)!;
      expect(Array.from(r.order)).toEqual([1, 2, 0]);
      expect(r.total).toBe(6);
      const sorted = fresh.sortedCopyAsUnsigned(new Float64Array([2, 0, 1]));
      expect(Array.from(sorted)).toEqual([0, 1, 2]);
      expect(fresh.rankWeightedSums(sorted)).toEqual({ total: 3, weighted: 0 * 1 + 1 * 2 + 2 * 3 });
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});
