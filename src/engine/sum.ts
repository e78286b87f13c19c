/**
 * Compensated summation, the one implementation every money total goes through:
 * Neumaier's improvement of Kahan summation (Neumaier 1974), as in simple-statistics'
 * `sum` and d3's `fsum`. The error stays near one rounding of the true sum instead of
 * growing with the number of terms. A sum that overflows is ±Infinity, never NaN, so that
 * callers can tell an overflow from a bad input; `-0` comes out as `0`.
 */
import { CustomerValueError } from "../errors/CustomerValueError.js";

/** A running compensated sum: `add` values one at a time, read `value` at any point. */
export class CompensatedSum {
  private total = 0;
  private correction = 0;

  /** Adds `x` and returns the sum itself, for chaining. */
  add(x: number): this {
    const t = this.total + x;
    this.correction += Math.abs(this.total) >= Math.abs(x) ? this.total - t + x : x - t + this.total;
    this.total = t;
    return this;
  }

  /** The sum so far (±Infinity once it overflows). */
  get value(): number {
    return Number.isFinite(this.total) ? this.total + this.correction + 0 : this.total;
  }
}

/** Per-slot compensated sums (slot = a customer, a period, a cell …), in typed arrays. */
export class CompensatedSums {
  readonly totals: Float64Array;
  private readonly corrections: Float64Array;

  /** `size` sums, all 0. */
  constructor(size: number) {
    this.totals = new Float64Array(size);
    this.corrections = new Float64Array(size);
  }

  /** Adds `x` to the sum of `slot`. */
  add(slot: number, x: number): void {
    const s = this.totals[slot]!;
    const t = s + x;
    this.corrections[slot]! += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    this.totals[slot] = t;
  }

  /** The sum of `slot` (±Infinity once it overflows). */
  value(slot: number): number {
    const total = this.totals[slot]!;
    return Number.isFinite(total) ? total + this.corrections[slot]! + 0 : total;
  }
}

/**
 * `sum` itself when it is finite. An overflowed sum (±Infinity) throws `INVALID_RECORD`:
 * amounts whose total lies beyond ±1.8e308 cannot be added up as doubles, and a result
 * must never hold an infinity.
 *
 * @param sum - a sum from this module
 * @param where - the function and what was summed, for the message (`"periodActivity: revenue of 2011-03"`)
 * @throws {CustomerValueError} `INVALID_RECORD` when `sum` is not finite
 */
export function finiteSum(sum: number, where: string): number {
  if (Number.isFinite(sum)) return sum;
  throw new CustomerValueError(
    "INVALID_RECORD",
    `${where} is beyond the largest number a double holds (about ±1.8e308): the amounts are too large to add up`,
  );
}

/**
 * The power of two that brings `max`, the largest magnitude of a set, near 1 (into
 * [0.5, 2): `Math.log2` may round up just below a power of two). Multiplying
 * by it is exact, so ratios and squares of the scaled values neither overflow nor underflow.
 * At most 2^1023: a subnormal `max` is lifted to 2^-51 or more. 1 for `max` 0.
 *
 * @example
 * const tiny = 3 * 2 ** -1000; // squares to 0
 * tiny * powerOfTwoScale(tiny); // => 1.5
 */
export function powerOfTwoScale(max: number): number {
  return max > 0 ? 2 ** Math.min(1023, -Math.floor(Math.log2(max))) : 1;
}

/**
 * The compensated sum of `values` (0 for none).
 *
 * @example
 * fsum([1e16, 1, 1, 1, 1]); // => 10000000000000004
 * [1e16, 1, 1, 1, 1].reduce((a, b) => a + b); // => 10000000000000000
 */
export function fsum(values: ArrayLike<number>): number {
  const sum = new CompensatedSum();
  for (let i = 0; i < values.length; i++) sum.add(values[i]!);
  return sum.value;
}

/**
 * The compensated sum of `values[order[k]]` for k < `count`: a total taken in a given
 * order (a ranking), so that it adds up exactly as the ranked items do.
 */
export function fsumInOrder(
  values: ArrayLike<number>,
  order: ArrayLike<number>,
  count = order.length,
): number {
  const sum = new CompensatedSum();
  for (let k = 0; k < count; k++) sum.add(values[order[k]!]!);
  return sum.value;
}
