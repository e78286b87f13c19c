import { assertFinite } from "../internal/assert.js";

/** The source's six cases of a policy change for a high-value and a low-value customer. */
export type SatisfactionCase = "I" | "II" | "III" | "IV" | "V" | "VI";

/** The changes of {@link satisfactionCase}. */
export interface SatisfactionCaseInput {
  /** `dA`: change in the high-value customer's satisfaction (after − before). */
  readonly highValueChange: number;
  /** `dB`: change in the low-value customer's satisfaction (after − before). */
  readonly lowValueChange: number;
}

/**
 * Which of the source's six cases a policy change falls in, for a high-value customer A
 * and a low-value customer B whose satisfaction moves by `dA` and `dB` (the table in
 * docs/satisfaction.md). The plain average moves with `dA + dB`; future profit moves with `dA`.
 *
 * | case | condition | plain average | future profit |
 * |---|---|---|---|
 * | I | dA > 0, dB > 0 | up | up |
 * | II | dA < 0, dB < 0 | down | down |
 * | III | dA > 0, dB < 0, dA > −dB | up | up |
 * | IV | dA > 0, dB < 0, dA < −dB | down | up — trap: false alarm |
 * | V | dA < 0, dB > 0, −dA > dB | down | down |
 * | VI | dA < 0, dB > 0, −dA < dB | up | down — trap: false comfort |
 *
 * Boundary cases, which the source leaves open, are defined so that only IV and VI
 * (the traps, where the two signals point in opposite directions) need a strict inequality:
 * - one change zero, the other not: both changes point the same way (or not at all),
 *   so `dA ≥ 0, dB ≥ 0` is `"I"` and `dA ≤ 0, dB ≤ 0` is `"II"`;
 * - equal and opposite changes (`dA = −dB ≠ 0`): the plain average does not move, which
 *   is no false signal, so `dA > 0` is `"III"` and `dA < 0` is `"V"`;
 * - both zero: no change at all, `null`.
 *
 * @param changes - `{ highValueChange: dA, lowValueChange: dB }`, finite numbers
 * @returns `"I"` … `"VI"`, or `null` when both changes are 0
 * @throws {CustomerValueError} `INVALID_OPTION` if a change is not a finite number
 * @example
 * satisfactionCase({ highValueChange: -1, lowValueChange: 3 }); // => "VI"
 */
export function satisfactionCase(changes: SatisfactionCaseInput): SatisfactionCase | null {
  const { highValueChange: dA, lowValueChange: dB } = changes;
  assertFinite(dA, "satisfactionCase: highValueChange");
  assertFinite(dB, "satisfactionCase: lowValueChange");
  if (dA === 0 && dB === 0) return null;
  if (dA >= 0 && dB >= 0) return "I";
  if (dA <= 0 && dB <= 0) return "II";
  if (dA > 0) return dA >= -dB ? "III" : "IV";
  return -dA >= dB ? "V" : "VI";
}
