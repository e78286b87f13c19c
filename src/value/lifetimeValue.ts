import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertFinite, assertInRange, assertOneOf } from "../internal/assert.js";
import { describeValue } from "../internal/dates.js";

/** Options of {@link lifetimeValue}. */
export interface LifetimeValueOptions {
  /** Margin per period while the customer is retained (any finite number; required). */
  readonly margin: number;
  /** Probability `r` that a customer of one period is still a customer the next, in [0, 1] (required). */
  readonly retentionRate: number;
  /** Discount rate `d` per period, >= 0 (required). */
  readonly discountRate: number;
  /**
   * Number of periods of the horizon, a whole number >= 0 (default: unbounded,
   * also chosen by `Infinity`).
   */
  readonly periods?: number;
  /**
   * When each period's margin arrives: `"end"` — at the end of the period, so the first
   * margin is discounted once (default) — or `"start"` — at the start, so
   * the first margin is not discounted (the result is `(1 + d)` times larger).
   */
  readonly timing?: "end" | "start";
}

/**
 * Customer lifetime value with a constant margin `m`, retention rate `r` and discount
 * rate `d` per period (Gupta & Lehmann 2003). With the margin at the end
 * of each period:
 *
 *     finite horizon of n periods:  CLV = sum_{t=1..n} m r^(t-1) / (1+d)^t
 *                                       = m / (1+d) * (1 - q^n) / (1 - q),  q = r / (1+d)
 *     unbounded horizon:            CLV = m / (1 + d - r)
 *
 * With `timing: "start"` every term is multiplied by `(1 + d)`. The first period's
 * margin is earned for sure (`r^0 = 1`); a customer is then kept with probability `r`
 * each period.
 *
 * Edge cases: `periods: 0` gives 0; `r = 0` gives one discounted margin; the unbounded
 * sum needs `d + (1 - r) > 0`, so `r = 1` with `d = 0` is rejected (the value is
 * infinite); a negative margin gives a negative value; any horizon, even 1e308 periods,
 * gives the formula's value, and one beyond the largest double is an error.
 *
 * @param options - see {@link LifetimeValueOptions}
 * @returns the present value of the margin stream
 * @throws {CustomerValueError} `INVALID_OPTION` for a non-finite margin, `retentionRate`
 *   outside [0, 1], a negative `discountRate`, `periods` not a whole number >= 0 (or
 *   `Infinity`), an unbounded horizon with `retentionRate` 1 and `discountRate` 0, a bad
 *   `timing`, or a value beyond the largest double (about 1.8e308)
 *
 * @example
 * lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1 });
 * // => 333.3333333333334 (100 / (1 + 0.1 - 0.8) = 333.33…, up to rounding)
 * lifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: 0.1, periods: 2 });
 * // => 157.02479338842974 (100 / 1.1 + 100 * 0.8 / 1.21)
 */
export function lifetimeValue(options: LifetimeValueOptions): number {
  const fn = "lifetimeValue";
  if (typeof options !== "object" || options === null) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: options must be an object { margin, retentionRate, discountRate, periods? }, got ${describeValue(options)}`,
    );
  }
  const {
    margin,
    retentionRate: r,
    discountRate: d,
    periods = Number.POSITIVE_INFINITY,
    timing = "end",
  } = options;
  assertFinite(margin, `${fn}: margin`);
  assertInRange(r, `${fn}: retentionRate`, 0, 1);
  assertFinite(d, `${fn}: discountRate`);
  if (d < 0) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: discountRate must be >= 0, got ${describeValue(d)}`,
    );
  }
  if (
    typeof periods !== "number" ||
    !(periods === Number.POSITIVE_INFINITY || (Number.isInteger(periods) && periods >= 0))
  ) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: periods must be a whole number >= 0 or Infinity (unbounded), got ${describeValue(periods)}`,
    );
  }
  assertOneOf(timing, ["end", "start"], `${fn}: timing`);
  // d + (1 - r), not 1 + d - r: a discount rate below 1e-16 must not vanish beside 1.
  const unboundedDenominator = d + (1 - r);
  if (periods === Number.POSITIVE_INFINITY && unboundedDenominator <= 0) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: an unbounded horizon needs discountRate > 0 or retentionRate < 1 (the sum diverges), got retentionRate ${r} and discountRate ${d}`,
    );
  }
  if (periods === 0) return 0;
  const value =
    periods === Number.POSITIVE_INFINITY
      ? (margin / unboundedDenominator) * (timing === "start" ? 1 + d : 1) + 0
      : (timing === "start" ? margin : margin / (1 + d)) * geometricSum(r, d, periods) + 0;
  if (!Number.isFinite(value)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: the lifetime value of margin ${margin} over ${periods} periods (retentionRate ${r}, discountRate ${d}) is beyond the largest representable number (about 1.8e308); use a smaller margin unit or horizon`,
    );
  }
  return value;
}

/**
 * The sum of q^(t-1) for t = 1..n, q = r / (1 + d): (1 - q^n) / (1 - q), computed in logs
 * as expm1(n ln q) / expm1(ln q), which stays exact when q rounds to 1 (a discount rate
 * below 1e-16) and for a horizon of 1e308 periods.
 */
function geometricSum(r: number, d: number, n: number): number {
  const logQ = Math.log(r) - Math.log1p(d);
  return logQ === 0 ? n : Math.expm1(n * logQ) / Math.expm1(logQ);
}
