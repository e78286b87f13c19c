/**
 * The frequency x recency grids of the P(alive) and expected-purchases matrices.
 * Not public.
 */
import { assertInRange, assertInteger, assertOptions } from "../../internal/assert.js";
import { finiteResult, type ModelCustomer } from "./input.js";

/** Options of the frequency x recency matrices. */
export interface MatrixOptions {
  /** The customers' age T (time since the first purchase) for every cell, in the model's unit; > 0. Required. */
  readonly T: number;
  /** Frequencies 0 .. maxFrequency (default 20). */
  readonly maxFrequency?: number;
  /** Recencies 0, T/steps, …, T: `steps` + 1 values (default 20). */
  readonly steps?: number;
}

/** One cell of a matrix: a customer with this frequency and recency, aged T. */
export interface MatrixCell {
  readonly frequency: number;
  readonly recency: number;
  readonly value: number;
}

/** A P(alive) or expected-purchases matrix over frequency x recency, at age T. */
export interface FrequencyRecencyMatrix {
  readonly quantity: "probabilityAlive" | "expectedPurchases";
  readonly T: number;
  /** The horizon of the expected purchases (`null` for P(alive)). */
  readonly t: number | null;
  readonly frequencies: number[];
  readonly recencies: number[];
  /**
   * One cell per frequency and recency, frequency-major; frequency 0 only at recency 0
   * (a customer without repeat purchases has recency 0).
   */
  readonly cells: MatrixCell[];
}

/** Fills the grid with `value(customer)`. */
export function frequencyRecencyMatrix(
  fn: string,
  options: MatrixOptions,
  quantity: FrequencyRecencyMatrix["quantity"],
  t: number | null,
  value: (customer: ModelCustomer) => number,
): FrequencyRecencyMatrix {
  assertOptions(options, fn);
  assertInRange(options.T, `${fn}: T`, 0, Number.MAX_VALUE, { minOpen: true });
  const maxFrequency = options.maxFrequency ?? 20;
  assertInteger(maxFrequency, `${fn}: maxFrequency`, 0);
  const steps = options.steps ?? 20;
  assertInteger(steps, `${fn}: steps`, 1);
  assertInRange(maxFrequency, `${fn}: maxFrequency`, 0, 1000);
  assertInRange(steps, `${fn}: steps`, 1, 1000);
  const { T } = options;
  const frequencies = Array.from({ length: maxFrequency + 1 }, (_, x) => x);
  const recencies = Array.from({ length: steps + 1 }, (_, j) => (j === steps ? T : (T * j) / steps));
  const cells: MatrixCell[] = [];
  for (const frequency of frequencies) {
    for (const recency of frequency === 0 ? [0] : recencies) {
      cells.push({ frequency, recency, value: finiteResult(value({ frequency, recency, T }), fn) });
    }
  }
  return { quantity, T, t, frequencies, recencies, cells };
}
