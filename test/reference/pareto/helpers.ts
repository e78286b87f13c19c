/** Test helpers of the pareto module's tests. */
import { expect } from "vitest";
import { CustomerValueError } from "../../../src/errors/CustomerValueError.js";

/** Expects `actual` within a relative `tolerance` of `expected` (absolute near 0). */
export function expectClose(actual: number | null | undefined, expected: number, tolerance = 1e-12): void {
  expect(typeof actual).toBe("number");
  const a = actual as number;
  const scale = Math.max(1, Math.abs(expected));
  if (!(Math.abs(a - expected) <= tolerance * scale)) {
    expect.fail(`expected ${a} to be within ${tolerance} (relative) of ${expected}`);
  }
}

/** Deep-freezes test input so any mutation throws. */
export function freeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) freeze(v);
  }
  return value;
}

/** Expects `run` to throw a CustomerValueError with `code` whose message matches `message`. */
export function expectError(run: () => unknown, code: string, message?: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(CustomerValueError);
  expect((caught as CustomerValueError).code).toBe(code);
  if (message) expect((caught as CustomerValueError).message).toMatch(message);
}
