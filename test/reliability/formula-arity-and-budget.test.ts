/**
 * Formula functions called with the wrong number of arguments, and formulas with no time
 * bound: each ends in a CustomerValueError (INVALID_OPTION, saying what to try), never in
 * mathjs' raw TypeError, and a formula too heavy for the records stops within seconds.
 */
import { describe, expect, it } from "vitest";
import { CustomerValueError, compositeValueScore } from "customer-value";

const records = [
  { id: "A", profit: 10, growth: 0.5 },
  { id: "B", profit: 20, growth: -0.5 },
];
const score = (formula: string, rows: readonly Record<string, unknown>[] = records) =>
  compositeValueScore(rows, { formula, normalize: "none" }, { id: "id" });

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("formula functions with the wrong argument count", () => {
  it.each([
    ["min()", "min takes 1 or more arguments, got 0"],
    ["max()", "max takes 1 or more arguments, got 0"],
    ["abs(1, 2)", "abs takes 1 argument, got 2"],
    ["abs()", "abs takes 1 argument, got 0"],
    ["sqrt(profit, growth)", "sqrt takes 1 argument, got 2"],
    ["exp()", "exp takes 1 argument, got 0"],
    ["log(profit, 2, 3)", "log takes 1 or 2 arguments, got 3"],
  ])("%s is INVALID_OPTION naming the function and its arguments", (formula, message) => {
    const error = errorOf(() => score(formula));
    expect(error).toBeInstanceOf(CustomerValueError);
    expect((error as CustomerValueError).code).toBe("INVALID_OPTION");
    expect((error as CustomerValueError).message).toContain(message);
  });

  it("the right counts still work: log with a base, min and max of several", () => {
    // A: log2(10) = 3.3219..., min(10, 0.5, 3) = 0.5; B: log2(20) = 4.3219..., min = -0.5
    const rows = score("log(profit, 2) + min(profit, growth, 3) + max(1, growth)");
    expect(rows.find((r) => r.id === "A")!.score).toBeCloseTo(Math.log2(10) + 0.5 + 1, 12);
    expect(rows.find((r) => r.id === "B")!.score).toBeCloseTo(Math.log2(20) - 0.5 + 1, 12);
  });
});

describe("formulas have an evaluation budget", () => {
  it("a 1,600-character formula over 1M records stops within 5 s with INVALID_OPTION and what to try", () => {
    const many = Array.from({ length: 1_000_000 }, (_, i) => ({ id: `c${i}`, profit: i % 97, growth: 1 }));
    // 123 terms of "profit * 2 + " and one more: 1,605 characters, 493 operations per record.
    const formula = `${"profit * 2 + ".repeat(123)}growth`;
    expect(formula.length).toBeGreaterThan(1_590);
    // CPU time of this test process, not wall time: the machine may be busy with others.
    const started = process.cpuUsage();
    const error = errorOf(() => score(formula, many));
    const used = process.cpuUsage(started);
    const seconds = (used.user + used.system) / 1e6;
    expect(error).toBeInstanceOf(CustomerValueError);
    expect((error as CustomerValueError).code).toBe("INVALID_OPTION");
    expect((error as CustomerValueError).message).toMatch(/evaluation budget.*shorten the formula/);
    expect(seconds).toBeLessThan(5);
  }, 30_000);
});
