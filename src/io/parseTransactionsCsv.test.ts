import { describe, expect, it } from "vitest";
import { parseTransactionsCsv } from "./parseTransactionsCsv.js";
import { caught } from "../../test/support/errors.js";

describe("parseTransactionsCsv", () => {
  it("reads quoted cells, CRLF line ends, optional columns and kept extras", () => {
    const csv =
      'customerId,date,amount,profit,note\r\nC1,2011-03-04,12.5,3,"a, quoted\r\nnote"\r\nC2,2011-03-05T10:00:00+01:00,-2,,x\r\n';
    const { transactions, invalid, rowCount } = parseTransactionsCsv(csv, {
      columns: { profit: "profit" },
      keep: ["note"],
    });
    expect(rowCount).toBe(2);
    expect(invalid).toEqual([]);
    expect(transactions).toEqual([
      {
        customerId: "C1",
        date: new Date(Date.UTC(2011, 2, 4)),
        amount: 12.5,
        profit: 3,
        note: "a, quoted\r\nnote",
      },
      { customerId: "C2", date: new Date(Date.UTC(2011, 2, 5, 9)), amount: -2, note: "x" },
    ]);
  });

  it("maps columns by name or by function", () => {
    const csv =
      "InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n536365,6,2010-12-01 08:26:00,2.55,17850.0\n";
    const { transactions } = parseTransactionsCsv(csv, {
      columns: {
        customerId: (row) => row.CustomerID!.replace(/\.0$/, ""),
        date: "InvoiceDate",
        amount: (row) => Number(row.Quantity) * Number(row.UnitPrice),
        quantity: "Quantity",
      },
    });
    // 6 * 2.55 = 15.299999999999999 in binary floating point, as pandas computes it too.
    expect(transactions).toEqual([
      { customerId: "17850", date: new Date(Date.UTC(2010, 11, 1, 8, 26)), amount: 6 * 2.55, quantity: 6 },
    ]);
  });

  it("throws one error listing every bad row with its row number", () => {
    const csv =
      "customerId,date,amount\nC1,2011-03-04,1\nC2,2011-03-04,12,5\n,2011-03-04,2\nC4,yesterday,3\n";
    const error = caught(() => parseTransactionsCsv(csv));
    expect(error.code).toBe("INVALID_RECORD");
    expect(error.issues.map((i) => i.path)).toEqual(["row 2", "row 3.customerId", "row 4.date"]);
    expect(error.message).toMatch(/3 invalid rows of 4/);
  });

  it("reads strict numbers: '12,5' is an error unless decimal is ','", () => {
    const csv = 'customerId;date;amount\nC1;2011-03-04;"12,5"\n';
    expect(caught(() => parseTransactionsCsv(csv, { delimiter: ";" })).issues[0]).toEqual({
      path: "row 1.amount",
      message: 'expected a finite number, got "12,5"',
    });
    expect(parseTransactionsCsv(csv, { delimiter: ";", decimal: "," }).transactions[0]!.amount).toBe(12.5);
    for (const bad of ["£12", "1,234.5", "", "12.5.1", "0x10", "Infinity"]) {
      const text = `customerId,date,amount\nC1,2011-03-04,"${bad}"\n`;
      expect(parseTransactionsCsv(text, { onInvalid: "skip" }).invalid, bad).toHaveLength(1);
    }
  });

  it("skips and reports bad rows, and reports excluded rows with their reason", () => {
    const csv =
      "id,day,amount,kind\nC1,2011-03-04,1,sale\nC2,2011-03-04,-1,cancel\n,2011-03-05,2,sale\nC3,2011-03-06,4,sale\n";
    const result = parseTransactionsCsv(csv, {
      columns: { customerId: "id", date: "day" },
      onInvalid: "skip",
      exclude: (row) => (row.kind === "cancel" ? "cancellation" : undefined),
    });
    expect(result.transactions.map((t) => t.customerId)).toEqual(["C1", "C3"]);
    expect(result.excluded).toEqual([{ row: 2, reason: "cancellation" }]);
    expect(result.excludedCounts).toEqual({ cancellation: 1 });
    expect(result.invalid).toEqual([
      {
        row: 3,
        issues: [
          { path: "row 3.customerId", message: "expected a non-empty string id, got an empty string" },
        ],
      },
    ]);
    // Every row is accounted for.
    expect(result.transactions.length + result.invalid.length + result.excluded.length).toBe(result.rowCount);
  });

  it("names missing columns and bad options", () => {
    expect(caught(() => parseTransactionsCsv("a,b\n1,2\n")).message).toMatch(
      /no column "customerId", "date", "amount"/,
    );
    expect(
      caught(() => parseTransactionsCsv("customerId,date,amount\n", { onInvalid: "drop" as "skip" })).code,
    ).toBe("INVALID_OPTION");
    expect(parseTransactionsCsv("customerId,date,amount\n").transactions).toEqual([]);
  });
});
