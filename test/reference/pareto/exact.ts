/**
 * Exact rational arithmetic on doubles (fractions of BigInts), for expected values that owe
 * nothing to the code under test: every double is a fraction exactly, sums and products of
 * fractions are exact, and `toNumber` rounds the result once, to the nearest double (ties
 * to even), as IEEE 754 rounds a single operation.
 */

const abs = (x: bigint): bigint => (x < 0n ? -x : x);
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? abs(a) : gcd(b, a % b));
const bitLength = (x: bigint): number => (x === 0n ? 0 : x.toString(2).length);

/** A fraction `num / den` in lowest terms, `den > 0`. */
export class Fraction {
  readonly num: bigint;
  readonly den: bigint;

  constructor(num: bigint, den = 1n) {
    if (den === 0n) throw new RangeError("Fraction: zero denominator");
    const g = gcd(num, den) || 1n;
    const sign = den < 0n ? -1n : 1n;
    this.num = (sign * num) / g;
    this.den = (sign * den) / g;
  }

  /** The exact value of a finite double. */
  static of(x: number): Fraction {
    if (!Number.isFinite(x)) throw new RangeError(`Fraction.of: ${x} is not finite`);
    if (x === 0) return new Fraction(0n);
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    const bits = view.getBigUint64(0);
    const sign = bits >> 63n === 1n ? -1n : 1n;
    const exponent = Number((bits >> 52n) & 0x7ffn);
    const fraction = bits & ((1n << 52n) - 1n);
    // value = mantissa * 2^(e - 1075): normal numbers carry the hidden bit, subnormals do not
    const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
    const power = (exponent === 0 ? 1 : exponent) - 1075;
    return power >= 0
      ? new Fraction(sign * mantissa * (1n << BigInt(power)))
      : new Fraction(sign * mantissa, 1n << BigInt(-power));
  }

  plus(other: Fraction): Fraction {
    return new Fraction(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  minus(other: Fraction): Fraction {
    return new Fraction(this.num * other.den - other.num * this.den, this.den * other.den);
  }

  times(other: Fraction): Fraction {
    return new Fraction(this.num * other.num, this.den * other.den);
  }

  dividedBy(other: Fraction): Fraction {
    return new Fraction(this.num * other.den, this.den * other.num);
  }

  /** The nearest double (ties to even), for normal results. */
  toNumber(): number {
    if (this.num === 0n) return 0;
    const p = abs(this.num);
    const q = this.den;
    // Scale by 2^shift so that the quotient m has 53 bits: 2^52 <= m < 2^53.
    let shift = 53 - (bitLength(p) - bitLength(q));
    const scaled = (s: number) => (s >= 0 ? [p << BigInt(s), q] : [p, q << BigInt(-s)]) as [bigint, bigint];
    let [a, b] = scaled(shift);
    if (a / b >= 1n << 53n) [a, b] = scaled(--shift);
    if (a / b < 1n << 52n) [a, b] = scaled(++shift);
    let m = a / b;
    const twice = 2n * (a - m * b);
    if (twice > b || (twice === b && m % 2n === 1n)) m += 1n;
    const magnitude = Number(m) * 2 ** -shift;
    if (!Number.isFinite(magnitude) || magnitude < 2 ** -1022)
      throw new RangeError("Fraction.toNumber: not a normal double");
    return this.num < 0n ? -magnitude : magnitude;
  }
}

/** The exact sum of doubles. */
export function exactSum(values: readonly number[]): Fraction {
  return values.reduce((sum, x) => sum.plus(Fraction.of(x)), new Fraction(0n));
}

/**
 * The Gini coefficient of R `ineq::Gini`, exactly: on values sorted ascending,
 * `G = 2 * sum_k k x_(k) / (n * sum x) - (n + 1) / n` (times `n / (n - 1)` when corrected).
 */
export function exactGini(values: readonly number[], corrected = false): Fraction {
  const sorted = values.slice().sort((a, b) => a - b);
  const n = BigInt(sorted.length);
  const weighted = sorted.reduce(
    (sum, x, k) => sum.plus(Fraction.of(x).times(new Fraction(BigInt(k + 1)))),
    new Fraction(0n),
  );
  const g = new Fraction(2n)
    .times(weighted)
    .dividedBy(new Fraction(n).times(exactSum(sorted)))
    .minus(new Fraction(n + 1n, n));
  return corrected ? g.times(new Fraction(n, n - 1n)) : g;
}
