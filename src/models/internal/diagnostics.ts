/**
 * What the diagnostics share: reading the options that bucket customers by their
 * calibration frequency, and reading calibration/holdout rows. Not public.
 */
import { CustomerValueError, type ValidationIssue } from "../../errors/CustomerValueError.js";
import { assertArray, assertInteger, assertOptions } from "../../internal/assert.js";
import { describeValue } from "../../internal/dates.js";
import { checkCustomer, isPurchaseCount, type ModelCustomer } from "./input.js";

/** A calibration row with its holdout outcome, as `calibrationAndHoldout` returns it. */
export interface HoldoutRow extends ModelCustomer {
  /** Purchase periods (days) in the holdout period. */
  readonly frequencyHoldout: number;
  /** Length of the holdout period, in the model's time unit. */
  readonly durationHoldout: number;
}

/**
 * Reads a diagnostic's options: `maxFrequency` (a whole number from 1 to 1000, default
 * 7), from which frequency up the customers share one bucket.
 */
export function readMaxFrequency(options: { readonly maxFrequency?: number }, fn: string): number {
  assertOptions(options, fn);
  const max = options.maxFrequency ?? 7;
  assertInteger(max, `${fn}: maxFrequency`, 1);
  if (max > 1000) {
    throw new CustomerValueError("INVALID_OPTION", `${fn}: maxFrequency must be at most 1000, got ${max}`);
  }
  return max;
}

/** The bucket label of a frequency: "0", "1", …, and "7+" for the last. */
export function bucketLabel(frequency: number, max: number): string {
  return frequency >= max ? `${max}+` : String(frequency);
}

/** Validates calibration/holdout rows (every problem at once). */
export function readHoldoutRows(rows: readonly HoldoutRow[], fn: string): readonly HoldoutRow[] {
  assertArray(rows, `${fn}: rows`);
  if (rows.length === 0)
    throw new CustomerValueError("EMPTY_INPUT", `${fn}: rows must hold at least one customer`);
  const issues: ValidationIssue[] = [];
  rows.forEach((row, i) => {
    checkCustomer(row, `[${i}]`, issues, false);
    if (typeof row !== "object" || row === null) return;
    const { frequencyHoldout, durationHoldout } = row;
    if (!isPurchaseCount(frequencyHoldout)) {
      issues.push({
        path: `[${i}].frequencyHoldout`,
        message: `expected a whole number from 0 to 2^53 - 1, got ${describeValue(frequencyHoldout)}`,
      });
    }
    if (!(typeof durationHoldout === "number" && Number.isFinite(durationHoldout) && durationHoldout > 0)) {
      issues.push({
        path: `[${i}].durationHoldout`,
        message: `expected a finite number > 0 (the holdout length in the model's time unit), got ${describeValue(durationHoldout)}`,
      });
    }
  });
  if (issues.length > 0) {
    throw new CustomerValueError("INVALID_RECORD", `${fn}: invalid rows (${issues.length} issues)`, {
      issues,
    });
  }
  return rows;
}
