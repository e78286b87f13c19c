/**
 * Error helpers shared by the tests (never exported from the package).
 */
import { expect } from "vitest";
import { CustomerValueError } from "../../src/errors/CustomerValueError.js";

/**
 * Runs `f` and returns the `code` of the `CustomerValueError` it throws; fails the test
 * when it throws anything else, and returns `"no error"` when it throws nothing (so that
 * `expect(codeOf(...)).toBe("INVALID_OPTION")` fails with a readable difference).
 */
export function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(CustomerValueError);
    return (error as CustomerValueError).code;
  }
  return "no error";
}

/** Runs `f` and returns the `CustomerValueError` it throws (fails the test if it does not). */
export function caught(f: () => unknown): CustomerValueError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(CustomerValueError);
    return error as CustomerValueError;
  }
  return expect.fail("expected a CustomerValueError");
}
