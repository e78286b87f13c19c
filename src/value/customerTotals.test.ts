import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CustomerValueError } from "../errors/CustomerValueError.js";
import type { Transaction } from "../records/Transaction.js";
import { transactionTable } from "../table/TransactionTable.js";
import { customerTotals } from "./customerTotals.js";

const log: readonly Transaction[] = Object.freeze(
  [
    { customerId: "b", date: "2024-01-02", amount: 30 },
    { customerId: "a", date: "2024-01-01", amount: 10 },
    { customerId: "a", date: "2024-01-05T10:00:00Z", amount: -4 },
    { customerId: "B", date: "2024-02-01", amount: 0 },
    { customerId: "a", date: "2024-03-01", amount: 2.5 },
  ].map((t) => Object.freeze(t)),
);

describe("customerTotals", () => {
  it("worked by hand: sums, purchases and counts per customer, sorted by id", () => {
    // a: 10 - 4 + 2.5 = 8.5, purchases 10 + 2.5 = 12.5, 3 rows; "B" < "a" < "b" (code units).
    expect(customerTotals(log)).toEqual([
      { id: "B", value: 0, purchases: 0, transactions: 1 },
      { id: "a", value: 8.5, purchases: 12.5, transactions: 3 },
      { id: "b", value: 30, purchases: 30, transactions: 1 },
    ]);
  });

  it("counts the window [from, to): from inclusive, to exclusive", () => {
    // a: only the -4 on Jan 5 at 10:00 (Jan 1 is before from; Mar 1 is at to).
    expect(customerTotals(log, { from: "2024-01-02", to: "2024-03-01" })).toEqual([
      { id: "B", value: 0, purchases: 0, transactions: 1 },
      { id: "a", value: -4, purchases: 0, transactions: 1 },
      { id: "b", value: 30, purchases: 30, transactions: 1 },
    ]);
    expect(customerTotals(log, { from: "2025-01-01" })).toEqual([]);
  });

  it("gives the same rows for a TransactionTable, and [] for an empty log", () => {
    expect(customerTotals(transactionTable(log as Transaction[]))).toEqual(customerTotals(log));
    expect(customerTotals([])).toEqual([]);
  });

  it("sums with compensation: ten times 0.1 is 1, and 1e16 + 1 - 1e16 is 1", () => {
    const tenths = Array.from({ length: 10 }, () => ({ customerId: "x", date: "2024-01-01", amount: 0.1 }));
    expect(customerTotals(tenths)[0]!.value).toBe(1);
    const big = [1e16, 1, -1e16].map((amount) => ({ customerId: "x", date: "2024-01-01", amount }));
    expect(customerTotals(big)[0]).toEqual({ id: "x", value: 1, purchases: 1e16 + 1, transactions: 3 });
  });

  it("rejects bad records (every one listed) and bad options", () => {
    const bad = [
      { customerId: "", date: "2024-01-01", amount: 1 },
      { customerId: "x", date: "nope", amount: 1 },
    ];
    const error = (() => {
      try {
        customerTotals(bad as never);
      } catch (e) {
        return e as CustomerValueError;
      }
      return undefined;
    })();
    expect(error?.code).toBe("INVALID_RECORD");
    expect(error?.issues.length).toBeGreaterThanOrEqual(2);
    expect(() => customerTotals(log, { from: "2024-02-01", to: "2024-01-01" })).toThrow(
      /from must not be after to/,
    );
    expect(() => customerTotals(log, { to: "soon" })).toThrow(/customerTotals: to must be a valid Date/);
    expect(() => customerTotals(log, null as never)).toThrow(/customerTotals: options must be an object/);
  });

  it("matches a plain reference on random logs (a customer's rows, their sum and positive sum)", () => {
    const row = fc.record({
      customerId: fc.constantFrom("a", "b", "c", "__proto__", "é"),
      date: fc.integer({ min: 0, max: 1000 }).map((d) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000)),
      amount: fc.integer({ min: -500, max: 500 }).map((c) => c / 4),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const reference = new Map<string, { value: number; purchases: number; transactions: number }>();
        for (const t of rows) {
          const r = reference.get(t.customerId) ?? { value: 0, purchases: 0, transactions: 0 };
          // Quarters are exact in binary, so plain sums are exact here.
          reference.set(t.customerId, {
            value: r.value + t.amount,
            purchases: r.purchases + Math.max(0, t.amount),
            transactions: r.transactions + 1,
          });
        }
        const expected = [...reference.keys()].sort().map((id) => ({ id, ...reference.get(id)! }));
        expect(customerTotals(rows)).toEqual(expected.map((r) => ({ ...r, value: r.value + 0 })));
      }),
    );
  });
});
