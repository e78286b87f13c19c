/**
 * Compensated summation for money totals. Arrays go through simple-statistics'
 * `sum` (Kahan-Babuska-Neumaier); `CompensatedSum` is the same algorithm as a
 * running accumulator, for single-pass aggregation where no array exists.
 */
import { sum } from "simple-statistics";

/** The compensated (Neumaier) sum of `values`; 0 for an empty array. `-0` is returned as 0. */
export function fsum(values: readonly number[]): number {
  return sum(values as number[]) + 0;
}

/**
 * The compensated (Neumaier) sum of a `Float64Array`: the same value as adding each
 * element to a {@link CompensatedSum} in order, in one plain loop (no call per element,
 * which matters most on a first, not yet optimised, call): simple-statistics' `sum`,
 * which reads a typed array as it reads an array. `-0` comes out as `0`.
 */
export function compensatedTotal(values: Float64Array): number {
  return sum(values as unknown as number[]) + 0;
}

/** A running Neumaier sum: `add` values one at a time, read `value` at any point. */
export class CompensatedSum {
  private total = 0;
  private correction = 0;

  add(x: number): this {
    const t = this.total + x;
    this.correction += Math.abs(this.total) >= Math.abs(x) ? this.total - t + x : x - t + this.total;
    this.total = t;
    return this;
  }

  get value(): number {
    return this.total + this.correction + 0;
  }

  /** One instance kept alive (see {@link CompensatedSums.kept} below). */
  static readonly kept: CompensatedSum = new CompensatedSum().add(0.5);
}

/** Sums into per-slot compensated totals (slot = customer index, period index, …). */
export class CompensatedSums {
  readonly totals: Float64Array;
  private readonly corrections: Float64Array;

  constructor(size: number) {
    this.totals = new Float64Array(size);
    this.corrections = new Float64Array(size);
  }

  add(slot: number, x: number): void {
    const s = this.totals[slot]!;
    const t = s + x;
    this.corrections[slot]! += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    this.totals[slot] = t;
  }

  value(slot: number): number {
    return this.totals[slot]! + this.corrections[slot]! + 0;
  }

  /**
   * One instance kept for the life of the module. V8 frees a class's hidden classes (maps)
   * once no object of it is left, and with them the code optimised for them; a class made
   * afresh on every call of a computation thus lost its compiled code at every full
   * garbage collection between two calls. Each such class keeps one instance in a static
   * `kept` field (docs/performance.md, "Objects made per call").
   */
  static readonly kept: CompensatedSums = new CompensatedSums(1);
}
