/**
 * The purchase periods behind rfmSummary and calibrationAndHoldout against a plain oracle
 * (a Map of customers, each a Map of periods, summed in period order), in either order of
 * the log (time-sorted, or shuffled so that each customer's rows need ordering), given as
 * records or as a table.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Transaction } from "../records/Transaction.js";
import { calibrationAndHoldout } from "./calibrationAndHoldout.js";
import { transactionTable } from "../table/TransactionTable.js";
import { rfmSummary } from "./rfmSummary.js";

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1); // a Monday: day 0 of week 0 below
const END_DAY = 300; // observationEnd: 2024-10-27

interface Row {
  customer: number;
  day: number;
  cents: number;
}

const rowArb = fc.record({
  customer: fc.integer({ min: 0, max: 11 }),
  day: fc.integer({ min: 0, max: 330 }), // some after the observation end
  cents: fc.integer({ min: -500, max: 50_000 }),
});
const logArb = fc.array(rowArb, { maxLength: 60 });
const toLog = (rows: readonly Row[]): Transaction[] =>
  rows.map((r) => ({
    customerId: `c${String(r.customer).padStart(2, "0")}`,
    date: new Date(START + r.day * DAY + 3_600_000).toISOString(),
    amount: r.cents / 100,
  }));

/** Per customer (id order): its periods in order, each with the sum of its amounts, from `from` to `to` days. */
function oracle(rows: readonly Row[], from: number, to: number, week: boolean) {
  const byCustomer = new Map<string, Map<number, { sum: number; rows: number }>>();
  for (const r of rows) {
    if (r.day < from || r.day > to) continue;
    const id = `c${String(r.customer).padStart(2, "0")}`;
    const period = week ? Math.floor(r.day / 7) : r.day;
    const periods = byCustomer.get(id) ?? new Map<number, { sum: number; rows: number }>();
    byCustomer.set(id, periods);
    const p = periods.get(period) ?? { sum: 0, rows: 0 };
    p.sum += r.cents;
    p.rows++;
    periods.set(period, p);
  }
  return [...byCustomer.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, periods]) => ({
      id,
      periods: [...periods.entries()].sort(([a], [b]) => a - b).map(([period, p]) => ({ period, ...p })),
    }));
}

const shuffle = <T>(items: readonly T[], seed: number): T[] =>
  items
    .map((item, i) => ({ item, k: Math.sin(seed + i * 7.1) }))
    .sort((x, y) => x.k - y.k)
    .map((x) => x.item);

describe("purchase periods against a plain oracle", () => {
  it("rfmSummary matches the oracle, whatever the order of the log", () => {
    fc.assert(
      fc.property(
        logArb,
        fc.integer(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (rows, seed, sorted, week, table) => {
          const ordered = sorted ? [...rows].sort((a, b) => a.day - b.day) : shuffle(rows, seed);
          const aggregate = week ? "week" : "day";
          const log = table ? transactionTable(toLog(ordered)) : toLog(ordered);
          const got = rfmSummary(log, { observationEnd: "2024-10-27", aggregate });
          const want = oracle(rows, Number.NEGATIVE_INFINITY, END_DAY, week);
          const endPeriod = week ? Math.floor(END_DAY / 7) : END_DAY;
          expect(got.map((r) => r.customerId)).toEqual(want.map((w) => w.id));
          for (const [i, w] of want.entries()) {
            const first = w.periods[0]!.period;
            const last = w.periods.at(-1)!.period;
            const repeat = w.periods.slice(1).reduce((s, p) => s + p.sum, 0) / 100;
            const frequency = w.periods.length - 1;
            expect(got[i]).toMatchObject({ frequency, recency: last - first, T: endPeriod - first });
            expect(got[i]!.monetaryValue).toBeCloseTo(frequency === 0 ? 0 : repeat / frequency, 9);
          }
        },
      ),
      { numRuns: 900 },
    );
  });

  it("calibrationAndHoldout matches the oracle in both windows", () => {
    fc.assert(
      fc.property(logArb, fc.integer(), fc.boolean(), (rows, seed, table) => {
        const log = toLog(shuffle(rows, seed));
        const got = calibrationAndHoldout(table ? transactionTable(log) : log, {
          calibrationEnd: "2024-06-01", // day 152
          observationEnd: "2024-10-27",
        });
        const holdout = new Map(oracle(rows, 153, END_DAY, false).map((w) => [w.id, w.periods]));
        const want = oracle(rows, Number.NEGATIVE_INFINITY, 152, false);
        expect(got.map((r) => r.customerId)).toEqual(want.map((w) => w.id));
        for (const [i, w] of want.entries()) {
          const h = holdout.get(w.id) ?? [];
          const hRows = h.reduce((s, p) => s + p.rows, 0);
          const hSum = h.reduce((s, p) => s + p.sum, 0) / 100;
          expect(got[i]).toMatchObject({
            frequency: w.periods.length - 1,
            recency: w.periods.at(-1)!.period - w.periods[0]!.period,
            T: 152 - w.periods[0]!.period,
            frequencyHoldout: h.length,
            durationHoldout: END_DAY - 152,
          });
          expect(got[i]!.monetaryValueHoldout).toBeCloseTo(hRows === 0 ? 0 : hSum / hRows, 9);
        }
      }),
      { numRuns: 900 },
    );
  });
});
