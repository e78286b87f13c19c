/**
 * The formula path of compositeValueScore is sandboxed: only numbers, the records'
 * numeric fields, + - * / ^, parentheses and a few named functions. Known mathjs escape
 * attempts must throw UNSAFE_FORMULA (or another CustomerValueError) and never run.
 */
import { describe, expect, it } from "vitest";
import { CustomerValueError, compositeValueScore } from "customer-value";
import { deepFreeze } from "./helpers.js";

const records = deepFreeze([
  { id: "A", profit: 10, growth: 0.5, violations: 1 },
  { id: "B", profit: 20, growth: -0.5, violations: 0 },
]);

const score = (formula: string) => compositeValueScore(records, { formula, normalize: "none" }, { id: "id" });

/** Escape attempts from mathjs' security notes and published advisories. */
const ATTACKS = [
  'cos.constructor("return process")()',
  '[].map.constructor("return this")()',
  'evaluate("1+1")',
  "import({ x: 1 })",
  'createUnit("foo")',
  'parse("1")',
  'simplify("x")',
  'derivative("x^2", "x")',
  "f(x) = x; f(profit)",
  "profit = 1",
  "a = 1; a",
  "x = profit; x",
  "profit.constructor",
  'profit["constructor"]',
  "{ a: 1 }.a",
  "[1, 2][1]",
  '"abc"',
  "__proto__",
  "constructor",
  "toString()",
  "valueOf",
  "hasOwnProperty",
  "sqrt.call(1)",
  "typeOf(profit)",
  "chain(1).done()",
  "config({ number: 'BigNumber' })",
  "matrix([1])",
  "1 ? profit : growth",
  "profit > 1",
  "profit == 1",
  "5 cm",
  "profit to cm",
  "e",
  "pi",
  "random()",
  "range(1, 1e9)",
  "ones(1e5, 1e5)",
  "profit!",
  "profit'",
  "factorial(170)",
  "unknownField * 2",
];

describe("mathjs formula sandbox", () => {
  it.each(ATTACKS)("refuses %s", (formula) => {
    let error: unknown;
    try {
      score(formula);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CustomerValueError);
    expect(["UNSAFE_FORMULA", "UNKNOWN_NAME", "INVALID_OPTION"]).toContain(
      (error as CustomerValueError).code,
    );
  });

  it("refuses a formula longer than 2,000 characters and a deeply nested one", () => {
    expect(() => score(`${"profit + ".repeat(300)}1`)).toThrow(CustomerValueError);
    expect(() => score(`${"(".repeat(5000)}profit${")".repeat(5000)}`)).toThrow(CustomerValueError);
  });

  it("the sandbox leaves mathjs and the global object untouched", () => {
    const before = Object.getOwnPropertyNames(globalThis).length;
    for (const formula of ATTACKS) {
      try {
        score(formula);
      } catch {
        // refused, as the test above checks
      }
    }
    expect(Object.getOwnPropertyNames(globalThis).length).toBe(before);
  });

  it("plain arithmetic on fields still works: 0.6 profit + 0.4 growth - 2 violations", () => {
    // A: 6 + 0.2 - 2 = 4.2; B: 12 - 0.2 - 0 = 11.8
    const rows = score("0.6 * profit + 0.4 * growth - 2 * violations");
    const byId = new Map(rows.map((r) => [r.id, r.score]));
    expect(byId.get("A")).toBeCloseTo(4.2, 12);
    expect(byId.get("B")).toBeCloseTo(11.8, 12);
  });

  it("a formula that divides by zero or overflows is an error, not Infinity/NaN in a score", () => {
    for (const formula of ["profit / violations", "exp(profit * 100)", "log(growth)", "sqrt(growth)"]) {
      let ok = true;
      try {
        for (const row of score(formula)) ok &&= Number.isFinite(row.score);
      } catch (e) {
        expect(e).toBeInstanceOf(CustomerValueError);
      }
      expect(ok).toBe(true);
    }
  });
});
