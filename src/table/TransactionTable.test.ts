import { describe, expect, it } from "vitest";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { readTransactions } from "../engine/columns.js";
import { isTransactionTable, transactionTable, transactionTableFromColumns } from "./TransactionTable.js";

describe("TransactionTable", () => {
  const records = [
    { customerId: "B", date: "2011-03-04", amount: 1 },
    { customerId: "A", date: "2011-03-05T12:00:00+02:00", amount: 2, profit: 0.5 },
    { customerId: "B", date: new Date(Date.UTC(2011, 2, 6)), amount: -3 },
  ];

  it("builds the same columns from records and from column arrays", () => {
    const a = transactionTable(records);
    const b = transactionTableFromColumns({
      customerId: ["B", "A", "B"],
      date: [Date.UTC(2011, 2, 4), "2011-03-05T10:00:00Z", new Date(Date.UTC(2011, 2, 6))],
      amount: new Float64Array([1, 2, -3]),
      profit: [Number.NaN, 0.5, Number.NaN],
    });
    expect(isTransactionTable(a)).toBe(true);
    expect(b.customerIds).toEqual(a.customerIds);
    expect([...b.customer]).toEqual([...a.customer]);
    expect([...b.time]).toEqual([...a.time]);
    expect([...b.amount]).toEqual([...a.amount]);
    expect([...b.profit!]).toEqual([...a.profit!]);
  });

  it("is passed through by the internal reader, so every function accepts it", () => {
    const table = transactionTable(records);
    expect(readTransactions(table, "f")).toBe(table);
  });

  it("reports every bad cell and mismatched lengths", () => {
    try {
      transactionTableFromColumns({
        customerId: ["C1", "", "C3"],
        date: [0, "2011-02-30", Number.NaN],
        amount: [1, 2, Number.POSITIVE_INFINITY],
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CustomerValueError);
      expect((e as CustomerValueError).issues.map((i) => i.path)).toEqual([
        "[1].customerId",
        "[1].date",
        "[2].date",
        "[2].amount",
      ]);
    }
    expect(() => transactionTableFromColumns({ customerId: ["a"], date: [0, 1], amount: [1] })).toThrow(
      /same length/,
    );
  });
});
