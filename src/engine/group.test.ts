import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gather, groupColumns, groupRows } from "./group.js";

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

  it("groupColumns is a gather of each column in groupRows' order, with orderBy a column or apart", () => {
    const row = fc.tuple(
      fc.integer({ min: 0, max: 4 }),
      fc.integer({ min: -3, max: 3 }), // an order key is never NaN (times are checked)
      fc.double({ noNaN: true }),
      fc.boolean(),
    );
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 300 }),
        fc.constantFrom("none", "column", "apart"),
        fc.boolean(),
        (rows, order, keepAll) => {
          const key = Int32Array.from(rows, ([k]) => k);
          const t = Float64Array.from(rows, ([, x]) => x);
          const v = Float64Array.from(rows, ([, , x]) => x);
          const apart = rows.map(([, x]) => -x);
          const keep = keepAll ? undefined : (i: number) => rows[i]![3];
          const orderBy = order === "none" ? undefined : order === "column" ? t : apart;
          const expected = groupRows(key, 5, { keep, orderBy });
          const got = groupColumns(key, 5, [v, t], { keep, orderBy });
          expect(got.count).toBe(5);
          expect(got.offsets).toEqual(expected.offsets);
          expect(got.columns).toEqual([gather(v, expected.rows), gather(t, expected.rows)]);
        },
      ),
    );
  });
});
