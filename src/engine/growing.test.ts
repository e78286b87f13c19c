import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { growingFloat64, growingInt32, LogBuilder } from "./growing.js";

describe("GrowingColumn against a plain array", () => {
  it("gives back every value pushed, in order, across growth steps", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: false }), { maxLength: 9_000 }),
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 9_000 }),
        (doubles, ints) => {
          const f = growingFloat64();
          for (const x of doubles) f.push(x);
          expect(f.length).toBe(doubles.length);
          expect(Array.from(f.take())).toEqual(doubles);
          const i = growingInt32();
          for (const x of ints) i.push(x);
          expect(Array.from(i.take())).toEqual(ints);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("keeps every value when a large column moves into a buffer that grows in place", () => {
    const n = 2 ** 20 + 2 ** 19 + 7; // past the move (2^20 rows) and one growth in place
    const column = growingFloat64();
    for (let i = 0; i < n; i++) column.push(i * 0.5);
    const values = column.take();
    expect(values.length).toBe(n);
    let wrong = 0;
    for (let i = 0; i < n; i++) if (values[i] !== i * 0.5) wrong++;
    expect(wrong).toBe(0);
    expect(values.buffer.byteLength).toBe(8 * n);
  });

  it("takes an empty column as an empty array", () => {
    expect(growingFloat64().take()).toEqual(new Float64Array(0));
  });

  it("refuses a push after take(), which would write into the array given out", () => {
    const column = growingInt32();
    column.push(1);
    const taken = column.take();
    expect(() => column.push(2)).toThrow(/after take/);
    expect(Array.from(taken)).toEqual([1]);
  });
});

describe("LogBuilder against the rows it was given", () => {
  const row = fc.tuple(
    fc.constantFrom("C1", "C2", "c1", "__proto__", "constructor", "", "é", "C1 "),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );

  it("keeps each row's id, time and amount (-0 as 0), ids numbered by first appearance or in the order asked", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 200 }), fc.boolean(), (rows, reorder) => {
        const log = new LogBuilder();
        for (const [id, time, amount] of rows) log.push(log.code(id), time, amount);
        const firstSeen = [...new Set(rows.map(([id]) => id))];
        // Reference renumbering: ids reversed from first appearance.
        const order = reorder ? Int32Array.from(firstSeen, (_, k) => firstSeen.length - 1 - k) : undefined;
        const columns = log.columns(order);
        const ids = reorder ? firstSeen.slice().reverse() : firstSeen;
        expect(columns.customerIds).toEqual(ids);
        expect(columns.length).toBe(rows.length);
        rows.forEach(([id, time, amount], i) => {
          expect(columns.customerIds[columns.customer[i]!]).toBe(id);
          expect(columns.time[i]).toBe(time);
          expect(Object.is(columns.amount[i], amount === 0 ? 0 : amount)).toBe(true);
        });
      }),
    );
  });
});
