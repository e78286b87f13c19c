import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { CompensatedSum, CompensatedSums, finiteSum, fsum, fsumInOrder, powerOfTwoScale } from "./sum.js";

/**
 * The reference: the exact sum of doubles, computed in BigInt as multiples of 2^-1074 (the
 * smallest subnormal), then rounded once to the nearest double.
 */
function exactSum(values: readonly number[]): number {
  let total = 0n;
  for (const x of values) total += exactUnits(x);
  return unitsToNumber(total);
}

const view = new DataView(new ArrayBuffer(8));
function exactUnits(x: number): bigint {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const units = mantissa << BigInt(Math.max(0, exponent - 1));
  return bits >> 63n === 1n ? -units : units;
}

/** A multiple of 2^-1074 as the nearest double (ties to even, via the decimal string). */
function unitsToNumber(units: bigint): number {
  if (units === 0n) return 0;
  const negative = units < 0n;
  const a = negative ? -units : units;
  // a * 2^-1074 = a * 5^1074 / 10^1074, written out exactly and parsed (correct rounding).
  const digits = (a * 5n ** 1074n).toString();
  const point = digits.length - 1074;
  const text =
    point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${"0".repeat(-point)}${digits}`;
  return Number(`${negative ? "-" : ""}${text}`);
}

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 });
const EPS = 2 ** -52;

describe("fsum (Neumaier) against the exact sum", () => {
  it("is within Neumaier's bound of the correctly rounded sum", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(finite, fc.integer({ min: -1000, max: 1000 }), fc.constant(1e16)), {
          maxLength: 60,
        }),
        (values) => {
          const exact = exactSum(values);
          const magnitude = values.reduce((a, x) => a + Math.abs(x), 0);
          const bound = 2 * EPS * Math.abs(exact) + values.length ** 2 * EPS * EPS * magnitude;
          expect(Math.abs(fsum(values) - exact)).toBeLessThanOrEqual(bound);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps what plain addition loses", () => {
    // 1e16 + 1 + 1 + 1 + 1: plain addition drops each 1 (the spacing of doubles at 1e16 is 2).
    expect(fsum([1e16, 1, 1, 1, 1])).toBe(1e16 + 4);
    expect([1e16, 1, 1, 1, 1].reduce((a, b) => a + b)).toBe(1e16);
    expect(fsum([0.1, 0.2, 0.3, -0.6])).toBe(exactSum([0.1, 0.2, 0.3, -0.6]));
  });

  it("gives ±Infinity (not NaN) on overflow, 0 for none and for -0", () => {
    expect(fsum([1e308, 1e308])).toBe(Number.POSITIVE_INFINITY);
    expect(fsum([-1e308, -1e308])).toBe(Number.NEGATIVE_INFINITY);
    expect(new CompensatedSum().add(1e308).add(1e308).add(-1e308).value).toBe(Number.POSITIVE_INFINITY);
    expect(Object.is(fsum([]), 0)).toBe(true);
    expect(Object.is(fsum([-0, -0]), 0)).toBe(true);
  });

  it("finiteSum passes a finite sum and refuses an overflowed one with a code", () => {
    expect(finiteSum(fsum([1e308, -1e308, 5]), "f: total")).toBe(5);
    expect(() => finiteSum(fsum([1e308, 1e308]), "f: total")).toThrow(/^f: total is beyond/);
    expect(() => finiteSum(Number.NEGATIVE_INFINITY, "f: total")).toThrow(CustomerValueError);
  });

  it("per-slot sums and sums in a given order agree with fsum", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), finite), { maxLength: 50 }), (pairs) => {
        const sums = new CompensatedSums(5);
        for (const [slot, x] of pairs) sums.add(slot, x);
        for (let slot = 0; slot < 5; slot++) {
          expect(sums.value(slot)).toBe(fsum(pairs.filter(([s]) => s === slot).map(([, x]) => x)));
        }
        const values = pairs.map(([, x]) => x);
        const order = values.map((_, i) => values.length - 1 - i);
        expect(fsumInOrder(values, order)).toBe(fsum([...values].reverse()));
      }),
    );
  });
});

describe("powerOfTwoScale against the exponent read from the bits", () => {
  // Reference: a normal double is 1.f · 2^e with e its biased exponent field minus 1023, so
  // the scale is 2^-e (2^-(e+1) where Math.log2 rounds up to the next integer, just below a
  // power of two) and max · scale lies in [0.5, 2); a subnormal (field 0) gets 2^1023.
  const exponentOf = (x: number) => {
    const v = new DataView(new ArrayBuffer(8));
    v.setFloat64(0, x);
    return Number((v.getBigUint64(0) >> 52n) & 0x7ffn) - 1023;
  };
  it("is 2^-e for a normal max (scaled near 1), 2^1023 for a subnormal one, 1 for 0", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), (max) => {
        const scale = powerOfTwoScale(max);
        if (max === 0) {
          expect(scale).toBe(1);
          return;
        }
        const e = exponentOf(max);
        if (e === -1023) {
          expect(scale).toBe(2 ** 1023);
          expect(max * scale).toBeGreaterThanOrEqual(2 ** -51);
        } else {
          expect([2 ** -e, 2 ** -(e + 1)]).toContain(scale);
          expect(max * scale).toBeGreaterThanOrEqual(0.5);
          expect(max * scale).toBeLessThan(2);
        }
      }),
    );
  });

  it("scales exact powers of two to 1, the largest double to just below 1", () => {
    expect(powerOfTwoScale(2 ** 1000) * 2 ** 1000).toBe(1);
    expect(powerOfTwoScale(2 ** -1000) * 2 ** -1000).toBe(1);
    expect(powerOfTwoScale(Number.MAX_VALUE) * Number.MAX_VALUE).toBeCloseTo(1, 12);
  });
});
