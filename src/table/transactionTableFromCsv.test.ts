import { describe, expect, it } from "vitest";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { generateSampleData } from "../sample/generateSampleData.js";
import { transactionTable } from "./TransactionTable.js";
import { transactionTableFromCsv } from "./transactionTableFromCsv.js";

const utc = (s: string) => Date.parse(s);

describe("transactionTableFromCsv", () => {
  it("reads ids, dates and amounts into typed columns (worked by hand)", () => {
    const t = transactionTableFromCsv(
      "customerId,date,amount,profit\nC1,2011-03-04,12.5,3\nC2,2011-03-05T10:30:00Z,-8,\nC1,2011-03-06 23:59:59.250,0.1,\n",
    );
    expect(t.length).toBe(3);
    expect(t.customerIds).toEqual(["C1", "C2"]);
    expect(Array.from(t.customer)).toEqual([0, 1, 0]);
    expect(Array.from(t.time)).toEqual([
      utc("2011-03-04T00:00:00Z"),
      utc("2011-03-05T10:30:00Z"),
      utc("2011-03-06T23:59:59.250Z"),
    ]);
    expect(Array.from(t.amount)).toEqual([12.5, -8, 0.1]);
    // an empty profit cell is "none"; no quantity column at all
    expect(t.profit![0]).toBe(3);
    expect(Number.isNaN(t.profit![1]!)).toBe(true);
    expect(t.quantity).toBeUndefined();
  });

  it("gives exactly what transactionTable gives on the same records (sample, CRLF, bytes)", () => {
    const rows = generateSampleData({ customers: 500, seed: 9 }).transactions;
    const csv = `customerId,date,amount,profit,quantity\r\n${rows
      .map((r) => `${r.customerId},${r.date},${r.amount},${r.profit},${r.quantity}`)
      .join("\r\n")}`;
    const expected = transactionTable(rows);
    for (const input of [csv, new TextEncoder().encode(csv)]) {
      const got = transactionTableFromCsv(input);
      expect(got.length).toBe(expected.length);
      expect(got.customerIds).toEqual(expected.customerIds);
      expect(got.customer).toEqual(expected.customer);
      expect(got.time).toEqual(expected.time);
      expect(got.amount).toEqual(expected.amount);
      expect(got.profit).toEqual(expected.profit);
      expect(got.quantity).toEqual(expected.quantity);
    }
  });

  it("reads decimals exactly as Number() does", () => {
    const cells = ["0.1", "123.45", "-0.07", "99999999.99", "1e3", "+4.5", "007", ".5", "5."];
    const t = transactionTableFromCsv(
      `customerId,date,amount\n${cells.map((c) => `A,2020-01-01,${c}`).join("\n")}`,
    );
    expect(Array.from(t.amount)).toEqual(cells.map(Number));
  });

  it("reads other ISO-8601 forms (offsets, no seconds) through the shared date reader", () => {
    const t = transactionTableFromCsv(
      "customerId,date,amount\nA,2011-03-04T10:00+02:00,1\nB,2011-03-04T10:00,1\n",
    );
    expect(Array.from(t.time)).toEqual([utc("2011-03-04T08:00:00Z"), utc("2011-03-04T10:00:00Z")]);
  });

  it("maps columns by header name and reads quoted cells with a full parser", () => {
    const t = transactionTableFromCsv('date,"client",total\n2011-01-02,"Smith, J",10\n', {
      columns: { customerId: "client", amount: "total" },
    });
    expect(t.customerIds).toEqual(["Smith, J"]);
    expect(t.amount[0]).toBe(10);
  });

  it("ids that hash alike stay apart, and ids like __proto__ work", () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `id${i}`).concat(["__proto__", "constructor"]);
    const t = transactionTableFromCsv(
      `customerId,date,amount\n${ids.map((id) => `${id},2020-01-01,1`).join("\n")}\n${ids.map((id) => `${id},2020-01-02,1`).join("\n")}`,
    );
    expect(t.customerIds).toEqual(ids);
    expect(t.customer[ids.length + 5000]).toBe(5000);
    // the second day's rows find every id again (through table growth and the byte arena)
    expect(Array.from(t.customer.subarray(ids.length))).toEqual(ids.map((_, i) => i));
  });

  it("lists every bad row at once: empty id, invalid date, non-finite amount, wrong cell count", () => {
    let error: unknown;
    try {
      transactionTableFromCsv(
        "customerId,date,amount\n,2011-02-30,x\nC1,2011-01-01\nC2,2011-01-01,Infinity\n",
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CustomerValueError);
    const e = error as CustomerValueError;
    expect(e.code).toBe("INVALID_RECORD");
    expect(e.issues.map((i) => i.path)).toEqual([
      "row 1: customerId",
      "row 1: date",
      "row 1: amount",
      "row 2: row",
      "row 3: amount",
    ]);
  });

  it("rejects a missing column and input that is not text or bytes", () => {
    expect(() => transactionTableFromCsv("customerId,when,amount\nA,2011-01-01,1\n")).toThrow(
      /no column "date"/,
    );
    expect(() => transactionTableFromCsv(42 as never)).toThrow(CustomerValueError);
  });

  it("an empty file after the header is an empty table", () => {
    const t = transactionTableFromCsv("customerId,date,amount\n");
    expect(t.length).toBe(0);
    expect(t.customerIds).toEqual([]);
  });
});
