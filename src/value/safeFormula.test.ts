import { describe, expect, it } from "vitest";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { compileSafeFormula } from "./safeFormula.js";

/** A CSV row as the CLI reads it: every cell is text. */
const row = {
  InvoiceNo: "C536379",
  Quantity: "-1",
  UnitPrice: "27.50",
  CustomerID: "14527.0",
  Country: "United Kingdom",
  Description: "Discount",
};
const columns = new Set(Object.keys(row));
const rowFormula = (formula: string, options: { decimal?: "." | "," } = {}) =>
  compileSafeFormula(formula, (name) => columns.has(name), "--exclude", { kind: "rows", ...options });
const on = (formula: string, cells: Record<string, string> = row) =>
  rowFormula(formula).evaluate((name) => cells[name]);

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof CustomerValueError ? error.code : `raw ${String(error)}`;
  }
  return undefined;
}

describe("row formulas", () => {
  it("compute with number cells: -1 * 27.50 = -27.5", () => {
    expect(on("Quantity * UnitPrice")).toBe(-27.5);
    expect(on("abs(Quantity) * UnitPrice + 0.5")).toBe(28);
  });

  it("test texts: startsWith, endsWith, contains", () => {
    expect(on('startsWith(InvoiceNo, "C")')).toBe(true);
    expect(on('startsWith(InvoiceNo, "536")')).toBe(false);
    expect(on('endsWith(CustomerID, ".0")')).toBe(true);
    expect(on('contains(Country, "King")')).toBe(true);
    expect(on('contains(Country, "king")')).toBe(false); // case-sensitive
  });

  it("compare: numbers as numbers, texts as texts", () => {
    expect(on("Quantity <= 0")).toBe(true);
    expect(on("UnitPrice > 27.4")).toBe(true);
    // "27.50" and 27.5 are the same number; "14527.0" == "14527" as numbers
    expect(on("UnitPrice == 27.5")).toBe(true);
    expect(on('CustomerID == "14527"')).toBe(true);
    expect(on('Country == "United Kingdom"')).toBe(true);
    expect(on('Country != "France"')).toBe(true);
    expect(on('CustomerID == ""', { ...row, CustomerID: "" })).toBe(true);
  });

  it("combine conditions with and, or, not, xor and ? :", () => {
    expect(on('startsWith(InvoiceNo, "C") and Quantity < 0')).toBe(true);
    expect(on('not startsWith(InvoiceNo, "C") or Quantity > 0')).toBe(false);
    expect(on("Quantity < 0 xor UnitPrice < 0")).toBe(true);
    expect(on('startsWith(InvoiceNo, "C") ? -abs(Quantity * UnitPrice) : Quantity * UnitPrice')).toBe(-27.5);
    // "or" does not evaluate its right side when the left is true: no error from the text.
    expect(on("Quantity < 0 or Description * 2 > 1")).toBe(true);
  });

  it("reads 27,50 with decimal ','", () => {
    const f = rowFormula("UnitPrice * 2", { decimal: "," });
    expect(f.evaluate((name) => ({ UnitPrice: "27,50" })[name])).toBe(55);
  });

  it("a text where a number is needed is INVALID_RECORD naming the place", () => {
    expect(codeOf(() => on("Description * 2"))).toBe("INVALID_RECORD");
    expect(() => on("Description * 2")).toThrow(/the left side of \* must be a number, got "Discount"/);
    expect(() => on("Quantity and 1")).toThrow(/and must be a condition/);
    expect(codeOf(() => on("Quantity * 2", { Quantity: "" }))).toBe("INVALID_RECORD");
  });

  it("refuses unknown columns, wrong argument counts and anything outside the whitelist", () => {
    expect(codeOf(() => rowFormula("Price * 2"))).toBe("UNKNOWN_NAME");
    expect(() => rowFormula("Price * 2")).toThrow(/not a column of the rows/);
    expect(codeOf(() => rowFormula("startsWith(InvoiceNo)"))).toBe("INVALID_OPTION");
    for (const attack of [
      'InvoiceNo.constructor("return process")()',
      "Quantity < UnitPrice < 3",
      "x = 1",
      "[1, 2]",
      'evaluate("1")',
      "InvoiceNo[1]",
      "f(x) = x",
      "null",
    ]) {
      expect(
        codeOf(() => rowFormula(attack)),
        attack,
      ).toMatch(/UNSAFE_FORMULA|UNKNOWN_NAME|INVALID_OPTION/);
    }
  });
});

describe("numeric formulas stay arithmetic only", () => {
  const numeric = (formula: string) => compileSafeFormula(formula, (name) => name === "profit", "f");
  it("refuse texts, comparisons and logic", () => {
    for (const formula of [
      '"a"',
      "profit > 1",
      "profit == 1",
      "not profit",
      'startsWith(profit, "1")',
      "true",
    ]) {
      expect(
        codeOf(() => numeric(formula)),
        formula,
      ).toBe("UNSAFE_FORMULA");
    }
    expect(numeric("2 * profit + 1").evaluate(new Map([["profit", 3]]))).toBe(7);
  });

  it("count operations against the budget", () => {
    // 2 * profit + 1: add(multiply(2, profit), 1) is 5 nodes
    const f = compileSafeFormula("2 * profit + 1", (name) => name === "profit", "f", { maxOperations: 12 });
    expect(f.operations).toBe(5);
    const scope = new Map([["profit", 1]]);
    expect(f.evaluate(scope)).toBe(3);
    expect(f.evaluate(scope)).toBe(3);
    expect(codeOf(() => f.evaluate(scope))).toBe("INVALID_OPTION"); // 15 > 12
  });
});
