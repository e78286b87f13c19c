import {
  DateMillisecond,
  Float64,
  Int64,
  Table,
  TimestampMillisecond,
  tableFromArrays,
  vectorFromArray,
} from "apache-arrow";
import { describe, expect, it } from "vitest";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { generateSampleData } from "../sample/generateSampleData.js";
import { transactionTable } from "./TransactionTable.js";
import { transactionTableFromArrow } from "./transactionTableFromArrow.js";

describe("transactionTableFromArrow", () => {
  it("reads string dates, float amounts and optional columns, matching transactionTable", () => {
    const rows = generateSampleData({ customers: 200, seed: 4 }).transactions;
    const arrow = tableFromArrays({
      customerId: rows.map((r) => r.customerId),
      date: rows.map((r) => r.date),
      amount: Float64Array.from(rows, (r) => r.amount),
      profit: Float64Array.from(rows, (r) => r.profit),
    });
    const got = transactionTableFromArrow(arrow);
    const expected = transactionTable(
      rows.map(({ customerId, date, amount, profit }) => ({ customerId, date, amount, profit })),
    );
    expect(got.customerIds).toEqual(expected.customerIds);
    expect(got.time).toEqual(expected.time);
    expect(got.amount).toEqual(expected.amount);
    expect(got.profit).toEqual(expected.profit);
    expect(got.quantity).toBeUndefined();
  });

  it("reads Arrow timestamps, dates and Int64 amounts; null profit is none", () => {
    // 2011-03-04T10:00:00Z = 1299232800000 ms; 2011-03-05 = 1299283200000 ms
    const table = new Table({
      customerId: vectorFromArray(["A", "B"]),
      date: vectorFromArray([new Date(1299232800000), new Date(1299283200000)], new TimestampMillisecond()),
      amount: vectorFromArray([BigInt(12), BigInt(-3)], new Int64()),
      profit: vectorFromArray([1.5, null], new Float64()),
    });
    const got = transactionTableFromArrow(table);
    expect(Array.from(got.time)).toEqual([1299232800000, 1299283200000]);
    expect(Array.from(got.amount)).toEqual([12, -3]);
    expect(got.profit![0]).toBe(1.5);
    expect(Number.isNaN(got.profit![1]!)).toBe(true);
    const days = new Table({
      customerId: vectorFromArray(["A"]),
      date: vectorFromArray([new Date(1299283200000)], new DateMillisecond()),
      amount: vectorFromArray([1]),
    });
    expect(transactionTableFromArrow(days).time[0]).toBe(1299283200000);
  });

  it("lists bad rows and missing columns as INVALID_RECORD", () => {
    const bad = tableFromArrays({
      customerId: ["", "B"],
      date: ["2011-02-30", "2011-01-01"],
      amount: [1, Number.NaN],
    });
    expect(() => transactionTableFromArrow(bad)).toThrow(CustomerValueError);
    try {
      transactionTableFromArrow(bad);
    } catch (e) {
      expect((e as CustomerValueError).issues.map((i) => i.path)).toEqual([
        "[0].customerId",
        "[0].date",
        "[1].amount",
      ]);
    }
    expect(() => transactionTableFromArrow(tableFromArrays({ customerId: ["A"] }))).toThrow(
      /no column "date"/,
    );
    expect(() => transactionTableFromArrow(null as never)).toThrow(CustomerValueError);
  });
});
