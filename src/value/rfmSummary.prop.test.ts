import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Transaction } from "../records/Transaction.js";
import { rfmSummary } from "./rfmSummary.js";

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** Small random logs: a few customers, days within ~3 months, times of day, amounts in cents. */
const logArb = fc.array(
  fc.record({
    customerId: fc.constantFrom("a", "b", "c", "__proto__"),
    day: fc.integer({ min: 0, max: 90 }),
    minute: fc.integer({ min: 0, max: 1439 }),
    cents: fc.integer({ min: -500, max: 50_000 }),
  }),
  { maxLength: 40 },
);
const toLog = (rows: { customerId: string; day: number; minute: number; cents: number }[]): Transaction[] =>
  rows.map((r) => ({
    customerId: r.customerId,
    date: new Date(START + r.day * DAY + r.minute * 60_000).toISOString(),
    amount: r.cents / 100,
  }));

describe("rfmSummary properties", () => {
  it("does not depend on the order of the log", () => {
    fc.assert(
      fc.property(logArb, fc.integer(), (rows, seed) => {
        const log = toLog(rows);
        const shuffled = log
          .map((t, i) => ({ t, k: Math.sin(seed + i * 7.1) }))
          .sort((x, y) => x.k - y.k)
          .map((x) => x.t);
        const a = rfmSummary(Object.freeze(log), { observationEnd: "2024-03-01" });
        const b = rfmSummary(Object.freeze(shuffled), { observationEnd: "2024-03-01" });
        expect(b.map((r) => [r.customerId, r.frequency, r.recency, r.T])).toEqual(
          a.map((r) => [r.customerId, r.frequency, r.recency, r.T]),
        );
        for (const [i, r] of a.entries()) expect(b[i]!.monetaryValue).toBeCloseTo(r.monetaryValue, 9);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps 0 <= frequency <= recency <= T (days), weeks never exceeding days, and the value split", () => {
    fc.assert(
      fc.property(logArb, (rows) => {
        const log = toLog(rows);
        const end = "2024-03-01"; // day 60
        const days = rfmSummary(log, { observationEnd: end });
        const weeks = new Map(
          rfmSummary(log, { observationEnd: end, aggregate: "week" }).map((r) => [r.customerId, r]),
        );
        for (const r of days) {
          expect(r.frequency).toBeGreaterThanOrEqual(0);
          expect(r.frequency).toBeLessThanOrEqual(r.recency);
          expect(r.recency).toBeLessThanOrEqual(r.T);
          expect(weeks.get(r.customerId)!.frequency).toBeLessThanOrEqual(r.frequency);
          // Total value up to the end = first day's value + frequency x monetaryValue.
          const mine = rows.filter((x) => x.customerId === r.customerId && x.day <= 60);
          const firstDay = Math.min(...mine.map((x) => x.day));
          const total = mine.reduce((s, x) => s + x.cents, 0) / 100;
          const first = mine.filter((x) => x.day === firstDay).reduce((s, x) => s + x.cents, 0) / 100;
          expect(first + r.frequency * r.monetaryValue).toBeCloseTo(total, 8);
        }
        // Every customer with a row up to the end appears exactly once.
        const expectedIds = [...new Set(rows.filter((x) => x.day <= 60).map((x) => x.customerId))].sort();
        expect(days.map((r) => r.customerId)).toEqual(expectedIds);
      }),
      { numRuns: 200 },
    );
  });
});
