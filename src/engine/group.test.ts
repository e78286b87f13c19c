import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gather, groupRows } from "./group.js";

describe("groupRows against its definition", () => {
  it("groups kept rows by key, each group in log order or by orderBy (stable)", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((groups) =>
            fc
              .array(
                fc.tuple(
                  fc.integer({ min: 0, max: groups - 1 }),
                  fc.integer({ min: -3, max: 3 }),
                  fc.boolean(),
                ),
                { maxLength: 300 },
              )
              .map((rows) => ({ groups, rows })),
          ),
        fc.boolean(),
        ({ groups, rows }, ordered) => {
          const key = Int32Array.from(rows, ([k]) => k);
          const orderBy = rows.map(([, t]) => t);
          const keep = (i: number) => rows[i]![2];
          const g = groupRows(key, groups, { keep, orderBy: ordered ? orderBy : undefined });
          for (let c = 0; c < groups; c++) {
            const expected = rows.map((_, i) => i).filter((i) => key[i] === c && keep(i));
            if (ordered) expected.sort((x, y) => orderBy[x]! - orderBy[y]! || x - y);
            expect(Array.from(g.rows.subarray(g.offsets[c], g.offsets[c + 1]))).toEqual(expected);
          }
          expect(g.offsets[groups]).toBe(rows.filter(([, , k]) => k).length);
        },
      ),
    );
  });

  it("gathers a column in group order", () => {
    const g = groupRows(new Int32Array([1, 0, 1]), 2);
    expect(Array.from(gather(new Float64Array([10, 20, 30]), g.rows))).toEqual([20, 10, 30]);
    expect(gather(new Int32Array([1, 2, 3]), g.rows)).toEqual(new Int32Array([2, 1, 3]));
  });
});
