/**
 * Compensated summation, the one implementation every money total goes through:
 * Neumaier's improvement of Kahan summation (Neumaier 1974), as in simple-statistics'
 * `sum` and d3's `fsum`. The error stays near one rounding of the true sum instead of
 * growing with the number of terms. A sum that overflows is ±Infinity, never NaN, so that
 * callers can tell an overflow from a bad input; `-0` comes out as `0`.
 */

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
