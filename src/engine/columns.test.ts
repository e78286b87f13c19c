import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caught } from "../../test/support/errors.js";
import { validateTransactions } from "../records/validate.js";
import { readTransactions } from "./columns.js";
import { isMarkedUnique } from "./ids.js";

const isoDate = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
    fc.integer({ min: 0, max: 86_399_999 }),
  )
  .map(([y, m, d, ms]) => {
    const day = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    return ms % 3 === 0
      ? day
      : new Date(Date.UTC(2000, 0, 1, 0, 0, 0, ms)).toISOString().replace("2000-01-01", day);
  });
const record = fc.record(
  {
    customerId: fc.oneof(
      fc.string({ minLength: 1, maxLength: 5 }),
      fc.constantFrom("__proto__", "constructor"),
    ),
    date: fc.oneof(
      isoDate,
      isoDate.map((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s)),
    ),
    amount: fc.double({ noNaN: true, noDefaultInfinity: true }),
    profit: fc.double({ noNaN: true, noDefaultInfinity: true }),
    quantity: fc.integer(),
  },
  { requiredKeys: ["customerId", "date", "amount"] },
);

describe("readTransactions against the records it reads", () => {
  it("columns hold each record's fields, ids numbered by first appearance", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), (records) => {
        const columns = readTransactions(records, "test", { profit: true, quantity: true });
        const distinct = [...new Set(records.map((r) => r.customerId))];
        expect(columns.customerIds).toEqual(distinct);
        expect(isMarkedUnique(columns.customerIds)).toBe(true);
        records.forEach((r, i) => {
          expect(columns.customerIds[columns.customer[i]!]).toBe(r.customerId);
          const expectedTime =
            r.date instanceof Date
              ? r.date.getTime()
              : Date.parse(r.date.length === 10 ? `${r.date}T00:00:00Z` : r.date);
          expect(columns.time[i]).toBe(expectedTime);
          expect(Object.is(columns.amount[i], r.amount)).toBe(true);
          expect(columns.profit?.[i] ?? Number.NaN).toBe(r.profit ?? Number.NaN);
          expect(columns.quantity?.[i] ?? Number.NaN).toBe(r.quantity ?? Number.NaN);
        });
        if (!records.some((r) => r.profit !== undefined)) expect(columns.profit).toBeUndefined();
        // Not wanted: no column, the other columns the same.
        const core = readTransactions(records, "test");
        expect(core.profit).toBeUndefined();
        expect(core.quantity).toBeUndefined();
        expect([core.customer, core.time, core.amount]).toEqual([
          columns.customer,
          columns.time,
          columns.amount,
        ]);
      }),
      { numRuns: 200 },
    );
  });

  it("checks profit and quantity whether or not it keeps them", () => {
    const records = [
      { customerId: "a", date: "2011-01-01", amount: 1, profit: 2 },
      { customerId: "b", date: "2011-01-01", amount: 1, quantity: Number.NaN },
    ];
    expect(caught(() => readTransactions(records, "f")).code).toBe("INVALID_RECORD");
    expect(caught(() => readTransactions(records, "f", { profit: true })).code).toBe("INVALID_RECORD");
  });

  it("runs of one date (read once) and a bad date after them are read as each record says", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("a", "b", "c"), fc.constantFrom(0, 1, 2)), { maxLength: 40 }),
        fc.boolean(),
        (rows, spoil) => {
          const dates = ["2011-03-04", "2011-03-04T10:00:00Z", "2011-03-05T00:00:00+01:00"];
          const records: unknown[] = rows.map(([customerId, d]) => ({
            customerId,
            date: dates[d]!,
            amount: d,
          }));
          if (spoil && records.length > 0) records.push({ customerId: "a", date: "2011-02-30", amount: 1 });
          if (spoil && records.length > 0) {
            expect(caught(() => readTransactions(records, "f")).code).toBe("INVALID_RECORD");
            return;
          }
          const columns = readTransactions(records, "f");
          rows.forEach(([, d], i) => {
            expect(columns.time[i]).toBe(Date.parse(dates[d]!));
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a bad record anywhere: the schema's every problem, as validateTransactions words them", () => {
    const records: unknown[] = [
      { customerId: "a", date: "2011-01-01", amount: 1 },
      { customerId: "", date: "2011-02-30", amount: "12,5" },
      { customerId: "b", date: "2011-01-01", amount: 1, profit: Number.POSITIVE_INFINITY },
      null,
    ];
    const error = caught(() => readTransactions(records, "periodActivity"));
    expect(error.code).toBe("INVALID_RECORD");
    expect(error.message.startsWith("periodActivity:")).toBe(true);
    expect(error.issues).toEqual(caught(() => validateTransactions(records)).issues);
    expect(caught(() => readTransactions("log", "f")).code).toBe("INVALID_RECORD");
  });
});
