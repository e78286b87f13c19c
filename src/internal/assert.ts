/**
 * Option checks shared by every module. Each throws a `CustomerValueError` whose
 * message names the function, the option and the rule, and shows the bad value.
 */
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue } from "./dates.js";

/** Throws `INVALID_OPTION` unless `value` is a finite number. */
export function assertFinite(value: unknown, where: string): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${where} must be a finite number, got ${describeValue(value)}`,
    );
  }
}

/**
 * Throws `INVALID_OPTION` unless `value` is a finite number in the interval
 * `(min, max]`, `[min, max]`, … as the flags say (default `[min, max]`).
 */
export function assertInRange(
  value: unknown,
  where: string,
  min: number,
  max: number,
  { minOpen = false, maxOpen = false }: { minOpen?: boolean; maxOpen?: boolean } = {},
): asserts value is number {
  assertFinite(value, where);
  if ((minOpen ? value <= min : value < min) || (maxOpen ? value >= max : value > max)) {
    const interval = `${minOpen ? "(" : "["}${min}, ${max}${maxOpen ? ")" : "]"}`;
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${where} must be in ${interval}, got ${describeValue(value)}`,
    );
  }
}

/** Throws `INVALID_OPTION` unless `value` is a whole number >= `min`. */
export function assertInteger(value: unknown, where: string, min = 0): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${where} must be a whole number >= ${min}, got ${describeValue(value)}`,
    );
  }
}

/** Throws `INVALID_OPTION` unless `value` is one of `allowed`. */
export function assertOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  where: string,
): asserts value is T {
  if (!(allowed as readonly unknown[]).includes(value)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${where} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${describeValue(value)}`,
    );
  }
}

/** Throws `INVALID_RECORD` unless `value` is an array (records are always passed as arrays). */
export function assertArray(value: unknown, where: string): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new CustomerValueError("INVALID_RECORD", `${where} must be an array, got ${describeValue(value)}`);
  }
}

/**
 * Throws `INVALID_OPTION` unless `options` is a plain options object: `null`, a number,
 * a string or an array in its place is a caller mistake (`periodActivity(log, "week")`),
 * not a request for the defaults.
 */
export function assertOptions(options: unknown, fnName: string): void {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fnName}: options must be an object, got ${describeValue(options)}`,
    );
  }
}
