import { describe, expect, it } from "vitest";
import { codeOf } from "../../test/support/errors.js";
import { customersToCsv } from "./customersToCsv.js";
import { parseCustomersCsv } from "./parseCustomersCsv.js";
import { parseTransactionsCsv } from "./parseTransactionsCsv.js";
import { transactionsToCsv } from "./transactionsToCsv.js";

describe("transactionsToCsv", () => {
  it("writes the schema's columns, dates as UTC instants, numbers as their shortest text", () => {
    const csv = transactionsToCsv(
      Object.freeze([
        { customerId: "C1", date: "2011-03-04T18:00:00+08:00", amount: 12.5, profit: 2 },
        { customerId: "C2", date: new Date(Date.UTC(2011, 2, 5)), amount: -0 },
      ]),
    );
    // 18:00 at +08:00 is 10:00 UTC; C2 has no profit: an empty cell; -0 stays -0.
    expect(csv).toBe(
      "customerId,date,amount,profit\nC1,2011-03-04T10:00:00.000Z,12.5,2\nC2,2011-03-05T00:00:00.000Z,-0,\n",
    );
  });

  it("quotes what a reader would trim or split, doubling quotes", () => {
    const csv = transactionsToCsv([
      { customerId: ' a,"b" ', date: "2011-01-01", amount: 1 },
      { customerId: "x\ny", date: "2011-01-01", amount: 1e21 },
    ]);
    expect(csv.split("\n").slice(1, 3)).toEqual(['" a,""b"" ",2011-01-01T00:00:00.000Z,1', '"x']);
    expect(csv).toContain('y",2011-01-01T00:00:00.000Z,1e+21\n');
  });

  it("formulaSafe prefixes cells a spreadsheet would run, and only text cells", () => {
    const rows = [
      { customerId: "=HYPERLINK(1)", date: "2011-01-01", amount: -5 },
      { customerId: "+1", date: "2011-01-01", amount: 1 },
      { customerId: "@x", date: "2011-01-01", amount: 1 },
      { customerId: "-2", date: "2011-01-01", amount: 1 },
      { customerId: "\tx", date: "2011-01-01", amount: 1 },
      { customerId: "ok", date: "2011-01-01", amount: 1 },
    ];
    const ids = transactionsToCsv(rows, { formulaSafe: true })
      .split("\n")
      .slice(1, -1)
      .map((line) => line.slice(0, line.indexOf(",20")));
    expect(ids).toEqual(["'=HYPERLINK(1)", "'+1", "'@x", "'-2", "'\tx", "ok"]); // the tab is no longer at an edge
    expect(transactionsToCsv([rows[0]!], { formulaSafe: true })).toContain(",-5\n"); // a number stays a number
  });

  it("semicolons, CRLF and a byte-order mark for spreadsheets", () => {
    const csv = transactionsToCsv([{ customerId: "a;b", date: "2011-01-01", amount: 1.5 }], {
      delimiter: ";",
      newline: "\r\n",
      bom: true,
    });
    expect(csv).toBe('\uFEFFcustomerId;date;amount\r\n"a;b";2011-01-01T00:00:00.000Z;1.5\r\n');
    expect(parseTransactionsCsv(csv.slice(1), { delimiter: ";" }).transactions[0]!.customerId).toBe("a;b");
  });

  it("refuses bad records (all listed) and bad options", () => {
    expect(codeOf(() => transactionsToCsv([{ customerId: "", date: "x", amount: 1 } as never]))).toBe(
      "INVALID_RECORD",
    );
    expect(codeOf(() => transactionsToCsv([], { delimiter: '"' }))).toBe("INVALID_OPTION");
    expect(codeOf(() => transactionsToCsv([], { keep: ["amount"] }))).toBe("INVALID_OPTION");
  });
});

describe("customersToCsv and parseCustomersCsv", () => {
  it("writes only the fields some customer has, and reads them back", () => {
    const customers = [
      { id: "C1", region: "North", firstContactAt: "2011-01-02" },
      { id: "C2", value: 1200, satisfaction: 7.5 },
    ];
    const csv = customersToCsv(customers);
    expect(csv).toBe(
      "id,region,value,firstContactAt,satisfaction\nC1,North,,2011-01-02T00:00:00.000Z,\nC2,,1200,,7.5\n",
    );
    expect(parseCustomersCsv(csv).customers).toEqual([
      { id: "C1", region: "North", firstContactAt: new Date(Date.UTC(2011, 0, 2)) },
      { id: "C2", value: 1200, satisfaction: 7.5 },
    ]);
  });

  it("reports every bad row and repeated ids, or skips them", () => {
    const csv = "id,value,firstContactAt\nC1,12,2011-01-01\nC1,3,\nC2,x,2011-02-30\n";
    const error = (() => {
      try {
        parseCustomersCsv(csv);
      } catch (e) {
        return e as { code: string; issues: { path: string }[] };
      }
      throw new Error("no error");
    })();
    expect(error.code).toBe("INVALID_RECORD");
    expect(error.issues.map((i) => i.path)).toEqual(["row 2.id", "row 3.value", "row 3.firstContactAt"]);
    const skipped = parseCustomersCsv(csv, { onInvalid: "skip" });
    expect(skipped.customers.map((c) => c.id)).toEqual(["C1"]);
    expect(skipped.invalid.map((r) => r.row)).toEqual([2, 3]);
    expect(skipped.rowCount).toBe(3);
  });

  it("maps header names, keeps other columns as text, refuses a missing id column or a doubled header", () => {
    const csv = "Kunde;Region;Wert;Notiz\nC1;Nord;12,5;vip\n";
    const { customers } = parseCustomersCsv(csv, {
      delimiter: ";",
      decimal: ",",
      columns: { id: "Kunde", region: "Region", value: "Wert" },
      keep: ["Notiz"],
    });
    expect(customers).toEqual([{ id: "C1", region: "Nord", value: 12.5, Notiz: "vip" }]);
    expect(codeOf(() => parseCustomersCsv("name\nAnn\n"))).toBe("INVALID_RECORD");
    expect(codeOf(() => parseCustomersCsv("id,id\nA,B\n"))).toBe("INVALID_OPTION");
  });
});
