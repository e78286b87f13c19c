/**
 * rfmSummary and calibrationAndHoldout against an independent pandas re-implementation
 * of `lifetimes`' conventions (test/reference/value/lifetimes_summary.py, whose input
 * log and output are committed beside it).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { calibrationAndHoldout, rfmSummary } from "../src/index.js";

const dir = fileURLToPath(new URL("./reference/value/", import.meta.url));
const log = Object.freeze(
  readFileSync(`${dir}lifetimes_log.csv`, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => {
      const [customerId, date, amount] = line.split(",");
      return Object.freeze({ customerId: customerId!, date: date!, amount: Number(amount) });
    }),
);
type Row = Record<string, number | string>;
const expected = JSON.parse(readFileSync(`${dir}lifetimes_expected.json`, "utf8")) as Record<string, Row[]>;

function compare(actual: readonly object[], wanted: readonly Row[]) {
  expect(actual.map((r) => (r as Row).customerId)).toEqual(wanted.map((r) => r.customerId));
  actual.forEach((row, i) => {
    const want = wanted[i]!;
    for (const [key, value] of Object.entries(want)) {
      const got = (row as Row)[key];
      if (typeof value === "number") {
        expect(typeof got, `${want.customerId}.${key}`).toBe("number");
        expect(Math.abs((got as number) - value), `${want.customerId}.${key}`).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(value)),
        );
      } else expect(got).toBe(value);
    }
  });
}

describe("lifetimes conventions, checked against pandas", () => {
  it("daily purchases, time in days", () => {
    compare(rfmSummary(log, { observationEnd: "2023-10-15" }), expected.day_days!);
  });
  it("daily purchases, time in weeks (days / 7)", () => {
    compare(rfmSummary(log, { observationEnd: "2023-10-15", unit: "week" }), expected.day_weeks!);
  });
  it("weekly purchases (ISO weeks), time in weeks", () => {
    compare(rfmSummary(log, { observationEnd: "2023-10-15", aggregate: "week" }), expected.week_weeks!);
  });
  it("calibration and holdout, daily purchases, weeks", () => {
    compare(
      calibrationAndHoldout(log, {
        calibrationEnd: "2023-06-30",
        observationEnd: "2023-10-15",
        unit: "week",
      }),
      expected.holdout_day_weeks!,
    );
  });
  it("calibration and holdout, weekly purchases", () => {
    compare(
      calibrationAndHoldout(log, {
        calibrationEnd: "2023-06-25",
        observationEnd: "2023-10-15",
        aggregate: "week",
      }),
      expected.holdout_week_weeks!,
    );
  });
});
