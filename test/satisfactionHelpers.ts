/**
 * Test helpers of the satisfaction module (imported by its tests only, never exported
 * from the package).
 */
import { expect } from "vitest";

/** Asserts `|actual - expected| <= rel · max(1, |expected|)`. */
export function expectClose(actual: number | null | undefined, expected: number, rel = 1e-12): void {
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  const tolerance = rel * Math.max(1, Math.abs(expected));
  if (!(Math.abs((actual as number) - expected) <= tolerance)) {
    expect.fail(`expected ${actual} to be within ${tolerance} of ${expected}`);
  }
}

/** Freezes an object graph so a mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

export { caught } from "./support/errors.js";

/**
 * Runs `f` and returns its result and how many times `Map.prototype.get` was called on `map`
 * meanwhile (to see when a lookup reads the Map in step instead). `map` stays a plain Map.
 */
export function countingGets<T>(map: Map<unknown, unknown>, f: () => T): { result: T; gets: number } {
  const original = Map.prototype.get;
  let gets = 0;
  Map.prototype.get = function (this: Map<unknown, unknown>, key: unknown) {
    if (this === map) gets++;
    return original.call(this, key);
  };
  try {
    const result = f();
    return { result, gets };
  } finally {
    Map.prototype.get = original;
  }
}
