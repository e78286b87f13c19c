import { describe, expect, it } from "vitest";
import type { Transaction } from "../records/Transaction.js";
import { transactionTable } from "../table/TransactionTable.js";
import { calibrationAndHoldout } from "./calibrationAndHoldout.js";
import { codeOf } from "../../test/support/errors.js";

const tx = (customerId: string, date: string, amount: number): Transaction =>
  Object.freeze({ customerId, date, amount });

describe("calibrationAndHoldout", () => {
  // A: calibration 01-01 (10), 01-05 (30); holdout 01-12 (20 + 40, one day), 01-15 (30).
  // B: calibration 01-08 (5) only. C: first purchase in the holdout (left out).
  const log = Object.freeze([
    tx("A", "2024-01-01", 10),
    tx("A", "2024-01-05", 30),
    tx("A", "2024-01-12", 20),
    tx("A", "2024-01-12", 40),
    tx("A", "2024-01-15", 30),
    tx("B", "2024-01-08", 5),
    tx("C", "2024-01-11", 99),
    tx("A", "2024-01-25", 1000), // after the observation end
  ]);

  it("summarises the calibration period and counts holdout purchase days", () => {
    // A: frequency 1, recency 01-01 -> 01-05 = 4 days, T 01-01 -> 01-10 = 9, monetary 30.
    //    Holdout days 01-12 and 01-15: frequencyHoldout 2; mean of the 3 holdout rows (20 + 40 + 30) / 3 = 30.
    // B: T 01-08 -> 01-10 = 2, no holdout. Duration 01-10 -> 01-20 = 10 days.
    expect(
      calibrationAndHoldout(log, { calibrationEnd: "2024-01-10", observationEnd: "2024-01-20" }),
    ).toEqual([
      {
        customerId: "A",
        frequency: 1,
        recency: 4,
        T: 9,
        monetaryValue: 30,
        frequencyHoldout: 2,
        monetaryValueHoldout: 30,
        durationHoldout: 10,
      },
      {
        customerId: "B",
        frequency: 0,
        recency: 0,
        T: 2,
        monetaryValue: 0,
        frequencyHoldout: 0,
        monetaryValueHoldout: 0,
        durationHoldout: 10,
      },
    ]);
  });

  it("averages holdout purchase periods with holdoutMonetaryValue: 'period'", () => {
    // Holdout days of A: 01-12 worth 60, 01-15 worth 30 -> (60 + 30) / 2 = 45.
    const [a] = calibrationAndHoldout(log, {
      calibrationEnd: "2024-01-10",
      observationEnd: "2024-01-20",
      holdoutMonetaryValue: "period",
    });
    expect(a!.monetaryValueHoldout).toBe(45);
  });

  it("measures in weeks (days / 7) and accepts a TransactionTable", () => {
    const rows = calibrationAndHoldout(transactionTable(log), {
      calibrationEnd: "2024-01-10",
      observationEnd: "2024-01-24",
      unit: "week",
    });
    expect(rows[0]!.recency).toBeCloseTo(4 / 7, 14);
    expect(rows[0]!.T).toBeCloseTo(9 / 7, 14);
    expect(rows[0]!.durationHoldout).toBe(2); // 14 days
  });

  it("counts ISO weeks with aggregate: 'week', holdout days in the calibration-end week included", () => {
    // calibrationEnd Wed 2024-01-10 is in W02 (01-08..01-14); observationEnd Sun 01-28 in W04.
    // A: calibration weeks W01 (01-01, 01-05) only -> frequency 0, T = W02 - W01 = 1.
    //    Holdout rows 01-12 (W02, after the calibration end), 01-15 (W03) and 01-25 (W04) -> 3 holdout weeks.
    // duration W04 - W02 = 2 weeks.
    const [a] = calibrationAndHoldout(log, {
      calibrationEnd: "2024-01-10",
      observationEnd: "2024-01-28",
      aggregate: "week",
    });
    expect(a).toMatchObject({ frequency: 0, recency: 0, T: 1, frequencyHoldout: 3, durationHoldout: 2 });
  });

  it("defaults the observation end to the last transaction day", () => {
    // Last day 2024-01-25: duration 01-10 -> 01-25 = 15 days; A's holdout gains 01-25.
    const [a] = calibrationAndHoldout(log, { calibrationEnd: "2024-01-10" });
    expect(a!.durationHoldout).toBe(15);
    expect(a!.frequencyHoldout).toBe(3);
  });

  it("rejects missing or inconsistent ends", () => {
    expect(codeOf(() => calibrationAndHoldout(log, {} as { calibrationEnd: string }))).toBe("INVALID_OPTION");
    expect(
      codeOf(() =>
        calibrationAndHoldout(log, { calibrationEnd: "2024-01-10", observationEnd: "2024-01-10" }),
      ),
    ).toBe("INVALID_OPTION");
    expect(() =>
      calibrationAndHoldout(log, { calibrationEnd: "2024-01-10", observationEnd: "2024-01-01" }),
    ).toThrow(/calibrationAndHoldout: observationEnd must be a later day than calibrationEnd/);
    expect(
      codeOf(() =>
        calibrationAndHoldout(log, {
          calibrationEnd: "2024-01-10",
          holdoutMonetaryValue: "mean" as "period",
        }),
      ),
    ).toBe("INVALID_OPTION");
    expect(calibrationAndHoldout([], { calibrationEnd: "2024-01-10" })).toEqual([]);
  });
});
