/**
 * The diagnostics on CDNOW (calibration to 1997-09-30 = week 39, holdout to 1998-06-30 =
 * week 78) against an independent pandas/scipy computation of the same quantities
 * (test/reference/models/diagnostics.py), at the same BG/NBD parameters.
 */
import { calibrationAndHoldout } from "customer-value";
import {
  bgNbdModel,
  calibrationVsHoldout,
  compareModels,
  expectedPurchasesMatrix,
  fitBgNbd,
  fitMbgNbd,
  fitParetoNbd,
  holdoutEvaluation,
  periodTransactions,
  probabilityAliveMatrix,
  purchaseTracking,
} from "customer-value/models";
import { describe, expect, it } from "vitest";
import reference from "./reference/models/diagnostics.json" with { type: "json" };
import {
  expectClose,
  loadCdnowSummary,
  loadCdnowTransactions,
  SKIP_CDNOW,
} from "./reference/models/helpers.js";

const WINDOW = { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30" } as const;

describe.skipIf(SKIP_CDNOW)("model diagnostics on CDNOW (needs ../shared/data)", () => {
  const transactions = SKIP_CDNOW ? [] : Object.freeze(loadCdnowTransactions());
  const model = bgNbdModel(reference.params);
  const rows = SKIP_CDNOW ? [] : calibrationAndHoldout(transactions, { ...WINDOW, unit: "week" });

  // Tolerances: 10x the achieved relative error, stated beside each check.
  it("tracking: 78 weekly periods, 39 of calibration, actual counts exact, expectations to 2e-13", () => {
    const tracking = purchaseTracking(model, transactions, { unit: "week", ...WINDOW });
    expect(tracking.rows.length).toBe(78);
    expect(tracking.calibrationPeriods).toBe(39);
    expect(tracking.customers).toBe(2357);
    tracking.rows.forEach((row, k) => {
      const ref = reference.tracking[k]!;
      expect(row.actual).toBe(ref.actual);
      expect(row.actualCumulative).toBe(ref.actualCumulative);
      expectClose(row.expectedCumulative, ref.expectedCumulative, 2e-13); // achieved 1.4e-14
      expectClose(row.expected, ref.expected, 2e-12); // achieved 1.5e-13 (a difference of cumulatives)
    });
    expect(tracking.rows[38]!.end).toBe("1997-09-30");
    expect(tracking.rows[77]!.end).toBe("1998-06-30");
  });

  it("period transactions: actual counts exact, expected counts to 6e-13", () => {
    periodTransactions(model, rows).forEach((row, k) => {
      const ref = reference.periodTransactions[k]!;
      expect(row.actual).toBe(ref.actual);
      expectClose(row.expected, ref.expected!, 6e-13); // achieved 5.1e-14
    });
  });

  it("calibration vs holdout and the holdout evaluation", () => {
    calibrationVsHoldout(model, rows).forEach((row, k) => {
      const ref = reference.calibrationVsHoldout[k]!;
      expect([row.frequency, row.customers]).toEqual([ref.frequency, ref.customers]);
      expectClose(row.actualMean, ref.actualMean, 1e-15); // achieved 0
      expectClose(row.predictedMean, ref.predictedMean, 6e-14); // achieved 5.3e-15
    });
    const score = holdoutEvaluation(model, rows);
    const ref = reference.holdoutEvaluation;
    expect(score.actualTotal).toBe(ref.actualTotal);
    for (const key of ["mae", "rmse", "correlation", "predictedTotal", "aggregateError"] as const) {
      expectClose(score[key]!, ref[key], 2e-13); // achieved 1.5e-14
    }
  });

  it("P(alive) and expected-purchases matrices", () => {
    const alive = probabilityAliveMatrix(model, { T: 39 });
    const expected = expectedPurchasesMatrix(model, { T: 39, t: 39 });
    expect(alive.cells.length).toBe(reference.probabilityAliveMatrix.length);
    alive.cells.forEach((cell, i) => {
      const ref = reference.probabilityAliveMatrix[i]!;
      expect([cell.frequency, cell.recency]).toEqual([ref.frequency, ref.recency]);
      expectClose(cell.value, ref.value, 9e-14); // achieved 8.9e-15
      expectClose(expected.cells[i]!.value, reference.expectedPurchasesMatrix[i]!.value, 4e-13); // achieved 3.3e-14
    });
  });

  it("the comparison table of BG/NBD, Pareto/NBD and MBG/NBD", () => {
    const summary = loadCdnowSummary();
    const table = compareModels({
      "BG/NBD": fitBgNbd(summary),
      "Pareto/NBD": fitParetoNbd(summary),
      "MBG/NBD": fitMbgNbd(summary),
    });
    table.forEach((row, k) => {
      const ref = reference.comparison[k]!;
      expect(row.name).toBe(ref.name);
      expectClose(row.aic, ref.aic, 2e-14); // achieved 1.5e-15
      expectClose(row.bic, ref.bic, 2e-14);
    });
    expect(table.map((row) => row.deltaAic === 0)).toEqual([false, false, true]);
  });
});
