import { describe, expect, it } from "vitest";
import { expectClose, expectError, freeze } from "../../test/reference/pareto/helpers.js";
import { abcClassify } from "./abcClassify.js";
import { gini } from "./gini.js";
import { isItemColumns } from "./itemColumns.js";
import { lorenzCurve } from "./lorenzCurve.js";
import { paretoSplit } from "./paretoSplit.js";

// Five customers, ids in no order; ranked: a 50, b 30, c 10, d 6, e 4 (total 100).
const five = freeze({ ids: ["d", "a", "e", "b", "c"], values: [6, 50, 4, 30, 10] });

describe("ItemColumns", () => {
  it("isItemColumns tells columns from item arrays", () => {
    expect(isItemColumns(five)).toBe(true);
    expect(isItemColumns({ ids: [], values: new Float64Array(0) })).toBe(true);
    expect(isItemColumns([{ id: "a", value: 1 }])).toBe(false);
    expect(isItemColumns(new Float64Array(2))).toBe(false);
    expect(isItemColumns({ ids: ["a"] })).toBe(false);
    expect(isItemColumns(null)).toBe(false);
  });

  it("paretoSplit on columns: ids in rank order, same figures as items", () => {
    // 0.2 * 5 = 1 -> head [a] = 50 of 100
    const r = paretoSplit(five);
    expect(r.head).toEqual(["a"]);
    expect(r.tail).toEqual(["b", "c", "d", "e"]);
    expect(r.headCount).toBe(1);
    expect(r.customerCount).toBe(5);
    expect(r.headValue).toBe(50);
    expect(r.totalValue).toBe(100);
    expect(r.headValueShare).toBe(0.5);
    expect(r.cutoffValue).toBe(50);
    // valueShare 0.8: 50 + 30 = 80 reaches it exactly at k = 2
    const v = paretoSplit({ ids: five.ids, values: Float64Array.from(five.values) }, { valueShare: 0.8 });
    expect(v.mode).toBe("valueShare");
    expect(v.head).toEqual(["a", "b"]);
    expect(v.headValueShare).toBe(0.8);
  });

  it("breaks ties by id ascending, and ranks zeros last", () => {
    // values 5, 5, 9, 0, 5: c (9), then the 5s by id: a, b, e, then d (0)
    const r = paretoSplit({ ids: ["b", "a", "c", "d", "e"], values: [5, 5, 9, 0, 5] }, { headShare: 0.4 });
    expect(r.head).toEqual(["c", "a"]);
    expect(r.tail).toEqual(["b", "e", "d"]);
    expect(r.headValue).toBe(14);
    expect(r.totalValue).toBe(24);
  });

  it("gini and lorenzCurve accept columns and Float64Array", () => {
    // gini(1, 2, 3, 4) = 2 * 30 / (4 * 10) - 5 / 4 = 0.25
    expect(gini({ ids: ["a", "b", "c", "d"], values: new Float64Array([4, 3, 2, 1]) })).toBe(0.25);
    expect(gini(new Float64Array([2, 4, 1, 3]))).toBe(0.25);
    expectClose(gini(new Float64Array([4, 1, 3, 2]), { corrected: true }), 1 / 3);
    // Lorenz of [3, 1]: (0, 0), (0.5, 0.25), (1, 1)
    expect(lorenzCurve({ ids: ["x", "y"], values: [3, 1] })).toEqual([
      { customerShare: 0, valueShare: 0 },
      { customerShare: 0.5, valueShare: 0.25 },
      { customerShare: 1, valueShare: 1 },
    ]);
  });

  it("gini of 1..n is (n - 1) / (3n), also for large n (radix-sorted)", () => {
    // sum k * k = n(n+1)(2n+1)/6, sum k = n(n+1)/2 -> G = 2(2n+1)/(3n) - (n+1)/n = (n-1)/(3n)
    const n = 5000;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = ((i * 7919) % n) + 1; // 1..n, shuffled
    expectClose(gini(values), (n - 1) / (3 * n), 1e-12);
    expectClose(gini(Array.from(values)), (n - 1) / (3 * n), 1e-12);
    const ids = Array.from(values, (_, i) => `c${i}`);
    expectClose(gini({ ids, values }), (n - 1) / (3 * n), 1e-12);
  });

  it("abcClassify on columns gives the ids as items", () => {
    // 60, 25, 10, 5: shares before 0, 0.6, 0.85, 0.95 -> A A B C
    const r = abcClassify({ ids: ["c", "a", "d", "b"], values: [10, 60, 5, 25] });
    expect(r.items.map((x) => x.class).join("")).toBe("AABC");
    expect(r.items.map((x) => x.item)).toEqual(["a", "b", "c", "d"]);
    expect(r.counts).toEqual({ A: 2, B: 1, C: 1 });
  });

  it("matches the item path on large inputs with many ties", () => {
    // Values from a few levels (long tie runs, > 16 items) and distinct decimals.
    const n = 3000;
    const ids = Array.from({ length: n }, (_, i) => `id${(i * 37) % n}`);
    const values = ids.map((_, i) => (i % 3 === 0 ? (i % 5) * 10 : 0.01 * ((i * 13) % 997)));
    const items = ids.map((id, i) => ({ id, value: values[i]! }));
    for (const options of [{}, { valueShare: 0.8 }, { headShare: 0.5 }] as const) {
      const fromItems = paretoSplit(items, { value: "value", ...options });
      const fromColumns = paretoSplit({ ids, values: Float64Array.from(values) }, options);
      expect(fromColumns.head).toEqual(fromItems.head.map((x) => x.id));
      expect(fromColumns.tail).toEqual(fromItems.tail.map((x) => x.id));
      expect(fromColumns.headValue).toBe(fromItems.headValue);
      expect(fromColumns.totalValue).toBe(fromItems.totalValue);
    }
    // The ranking itself: value descending, ids ascending among equal values.
    const ranked = paretoSplit({ ids, values }, { headShare: 1 }).head;
    const at = new Map(ids.map((id, i) => [id, values[i]!]));
    for (let r = 1; r < n; r++) {
      const [p, q] = [ranked[r - 1]!, ranked[r]!];
      expect(at.get(p)! > at.get(q)! || (at.get(p) === at.get(q) && p < q)).toBe(true);
    }
  });

  it("rejects bad columns with the item codes", () => {
    expectError(() => paretoSplit({ ids: [], values: [] }), "EMPTY_INPUT");
    expectError(() => gini({ ids: [], values: new Float64Array(0) }), "EMPTY_INPUT");
    expectError(() => gini(new Float64Array(0)), "EMPTY_INPUT");
    expectError(() => paretoSplit({ ids: ["a", "b"], values: [1] }), "INVALID_RECORD", /same length/);
    expectError(() => gini({ ids: ["a"], values: [1, 2] }), "INVALID_RECORD", /same length/);
    expectError(() => paretoSplit({ ids: "ab" as never, values: [1, 2] }), "INVALID_RECORD");
    expectError(() => paretoSplit({ ids: ["a"], values: "1" as never }), "INVALID_RECORD");
    expectError(
      () => paretoSplit({ ids: ["a", "b"], values: [1, Number.NaN] }),
      "INVALID_RECORD",
      /values\[1\]/,
    );
    expectError(
      () => paretoSplit({ ids: ["a", "b"], values: new Float64Array([1, Number.NaN]) }),
      "INVALID_RECORD",
    );
    expectError(() => gini(new Float64Array([1, Number.POSITIVE_INFINITY])), "INVALID_RECORD");
    expectError(() => paretoSplit({ ids: ["a", ""], values: [1, 2] }), "INVALID_RECORD", /ids\[1\]/);
    expectError(
      () => paretoSplit({ ids: ["a", "b", "a"], values: [1, 2, 3] }),
      "DUPLICATE_ID",
      /ids\[0\] and ids\[2\]/,
    );
    expectError(() => gini({ ids: ["a", "a"], values: [1, 2] }), "DUPLICATE_ID");
    expectError(() => paretoSplit({ ids: ["a", "b"], values: [1, -2] }), "NEGATIVE_VALUE");
    expectError(() => paretoSplit({ ids: ["a", "b"], values: new Float64Array([1, -2]) }), "NEGATIVE_VALUE");
    expectError(() => gini(new Float64Array([1, -2])), "NEGATIVE_VALUE");
    expectError(() => paretoSplit({ ids: ["a", "b"], values: [0, 0] }), "ZERO_TOTAL");
    expectError(() => paretoSplit(five, { headShare: 0.2, valueShare: 0.8 }), "INVALID_OPTION");
    expectError(() => paretoSplit(five, { groupBy: "x" } as never), "INVALID_OPTION");
  });

  it("never mutates the columns, and reads -0 as 0", () => {
    const values = new Float64Array([-0, 3, 1]);
    const r = paretoSplit({ ids: ["a", "b", "c"], values }, { headShare: 1 });
    expect(r.head).toEqual(["b", "c", "a"]);
    expect(Object.is(r.cutoffValue, 0)).toBe(true);
    expect(Object.is(values[0], -0)).toBe(true);
  });

  /** The DUPLICATE_ID error's two positions, as `[first, repeat]`, or `undefined` when the ids pass. */
  const reported = (ids: readonly string[]): [number, number] | undefined => {
    try {
      paretoSplit({ ids, values: new Float64Array(ids.length).fill(1) });
      return undefined;
    } catch (e) {
      expect((e as { code: string }).code).toBe("DUPLICATE_ID");
      const [, a, b] = /ids\[(\d+)\] and ids\[(\d+)\]/.exec((e as Error).message)!;
      return [Number(a), Number(b)];
    }
  };

  it("a repeated id is reported at its first repeat, as a Map would find it", () => {
    expect(reported(["a", "b", "c"])).toBeUndefined();
    expect(reported(["a", "b", "c", "b", "a"])).toEqual([1, 3]);
    const many = Array.from({ length: 20_000 }, (_, i) => `C${i}`);
    expect(reported(many)).toBeUndefined();
    many.push("C12345");
    expect(reported(many)).toEqual([12345, 20_000]);
  });

  it("the first repeat agrees with a Map on large inputs", () => {
    /** By two passes: each id's first index, then the first index that is not its id's first. */
    const oracle = (ids: readonly string[]): [number, number] | undefined => {
      const first = new Map<string, number>();
      ids.forEach((id, i) => {
        if (!first.has(id)) first.set(id, i);
      });
      const at = ids.findIndex((id, i) => first.get(id) !== i);
      return at < 0 ? undefined : [first.get(ids[at]!)!, at];
    };
    const base = Array.from({ length: 100_000 }, (_, i) => `id-${(i * 7919) % 1_000_003}`);
    expect(reported(base)).toBeUndefined();
    // repeats at chosen places: the smallest repeating index wins, wherever its id sorts
    const cases: [number, number][][] = [
      [[5, 99_999]],
      [
        [70_000, 80_000],
        [10, 90_000],
        [3, 85_000],
      ], // smallest repeat 80,000 (of 70,000)
      [
        [0, 1],
        [2, 3],
      ],
      [
        [500, 60_000],
        [500, 50_000],
      ], // one id three times: first repeat at 50,000
    ];
    for (const repeats of cases) {
      const ids = base.slice();
      for (const [first, at] of repeats) ids[at] = ids[first]!;
      expect(reported(ids)).toEqual(oracle(ids));
    }
    expect(reported(base.map((id, i) => (i === 77_777 ? base[12]! : id)))).toEqual([12, 77_777]);
  });
});
