import * as full from "mathjs";
import { describe, expect, it } from "vitest";
import { isMathjsName, mathjs } from "./mathjs.js";

// The formula instance must behave as the full package does: same names, same parse trees,
// same values (including the Complex results of sqrt/log of a negative number).
describe("the formula instance of mathjs", () => {
  it("knows every name the full package exports, and no other", () => {
    const exported = Object.keys(full);
    for (const name of exported) expect(isMathjsName(name), name).toBe(true);
    for (const name of ["profit", "growth", "violations", "constructor", "", "sqrt2"]) {
      expect(isMathjsName(name), name).toBe(name in full);
    }
    // A name list out of date after a mathjs upgrade fails here: run scripts/mathjs-names.mjs.
    expect(exported.length).toBe(1138);
  });

  it("evaluates formulas exactly as the full package does", () => {
    const scope = () =>
      new Map<string, number>([
        ["profit", 12.5],
        ["growth", -0.25],
        ["violations", 3],
      ]);
    const formulas = [
      "0.6 * profit + 0.4 * growth - 2 * violations",
      "profit ^ 0.5 / (1 + abs(growth))",
      "2 profit",
      "-profit + +growth",
      "min(profit, growth, violations) * max(1, 2, 3)",
      "sqrt(growth)",
      "log(growth)",
      "exp(profit) / 1e300",
      "log(profit, 10)",
      "1 / 0",
      "-1 / 0",
      "0 / 0",
      "growth ^ 0.5",
      "1e400",
    ];
    for (const formula of formulas) {
      const mini = mathjs().parse(formula);
      const reference = full.parse(formula);
      expect(mini.toString(), formula).toBe(reference.toString());
      expect(full.format(mini.compile().evaluate(scope())), formula).toBe(
        full.format(reference.compile().evaluate(scope())),
      );
    }
  });

  it("recognises the same unit names", () => {
    for (const name of ["cm", "km", "kg", "mile", "inch", "profit", "growth", "e", "x", "Mbit", "ohm"]) {
      expect(mathjs().Unit.isValuelessUnit(name), name).toBe(full.Unit.isValuelessUnit(name));
    }
  });

  it("parses and rejects what the full package parses and rejects", () => {
    for (const formula of ["1 +", "(", "a ? b", "f(x) = x", "[1, 2][1]", '"abc"', "profit to cm"]) {
      let expected: string | undefined;
      let actual: string | undefined;
      try {
        expected = full.parse(formula).type;
      } catch (error) {
        expected = (error as Error).message;
      }
      try {
        actual = mathjs().parse(formula).type;
      } catch (error) {
        actual = (error as Error).message;
      }
      expect(actual, formula).toBe(expected);
    }
  });
});
