import { describe, expect, it } from "vitest";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { withErrorPrefix } from "./errors.js";

describe("withErrorPrefix", () => {
  it("prefixes the message of a CustomerValueError, keeping code, issues and cause", () => {
    const inner = new CustomerValueError("INVALID_RECORD", "inner: 1 issue", {
      issues: [{ path: "[0].amount", message: "expected a finite number" }],
    });
    let caught: unknown;
    try {
      withErrorPrefix("outer: ", () => {
        throw inner;
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CustomerValueError);
    const error = caught as CustomerValueError;
    expect(error.code).toBe("INVALID_RECORD");
    // The issue list appears once, after the prefixed first line.
    expect(error.message).toBe("outer: inner: 1 issue\n  [0].amount: expected a finite number");
    expect(error.issues).toEqual(inner.issues);
    expect(error.cause).toBe(inner);
  });

  it("passes other errors and results through unchanged", () => {
    const plain = new TypeError("not ours");
    expect(() =>
      withErrorPrefix("outer: ", () => {
        throw plain;
      }),
    ).toThrow(plain);
    expect(withErrorPrefix("outer: ", () => 42)).toBe(42);
  });
});
