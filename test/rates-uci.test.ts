/**
 * Acceptance 2 of the rates issue: on UCI Online Retail, `periodActivity` by month and
 * `cohortRetention` (classic and rolling, with revenue retention) agree with an independent
 * pandas computation (test/reference/rates/uci_reference.py, committed output
 * uci_reference.json): counts exactly, rates and revenue to 1e-9 (relative).
 * Skipped when ../shared/data is absent; the hand-built logs of src/rates/*.test.ts always run.
 */
import { cohortRetention, periodActivity } from "customer-value";
import { beforeAll, describe, expect, it } from "vitest";
import reference from "./reference/rates/uci_reference.json" with { type: "json" };
import { hasOnlineRetail, loadOnlineRetail } from "./reference/rates/onlineRetail.js";

type Transactions = ReturnType<typeof loadOnlineRetail>["transactions"];

const close = (actual: number | null, expected: number | null): void => {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
};

const COUNTS = ["previousActive", "active", "new", "retained", "reactivated", "churned"] as const;
const RATES = ["retentionRate", "churnRate", "acquisitionRate", "quickRatio", "revenue"] as const;

describe.skipIf(!hasOnlineRetail)("UCI Online Retail against pandas", () => {
  let transactions: Transactions;
  beforeAll(() => {
    const parsed = loadOnlineRetail();
    transactions = parsed.transactions;
    expect(parsed.rowCount).toBe(reference.rawRows);
  }, 60_000); // reading and parsing 48 MB of CSV takes a few seconds

  it("keeps the documented cleaned subset: 397,884 rows, 4,338 customers", () => {
    expect(transactions.length).toBe(reference.rows);
    expect(new Set(transactions.map((t) => t.customerId)).size).toBe(reference.customers);
  });

  for (const [name, window, expected] of [
    ["month", 1, reference.monthly],
    ["month, activeWindow 3", 3, reference.monthlyWindow3],
  ] as const) {
    it(`periodActivity by ${name}`, () => {
      const rows = periodActivity(transactions, { period: "month", activeWindow: window });
      expect(rows.map((r) => r.period)).toEqual(expected.map((r) => r.period));
      rows.forEach((row, i) => {
        const want = expected[i]!;
        for (const key of COUNTS) expect([row.period, key, row[key]]).toEqual([want.period, key, want[key]]);
        for (const key of RATES) close(row[key], want[key]);
      });
    });
  }

  for (const mode of ["classic", "rolling"] as const) {
    it(`cohortRetention ${mode}`, () => {
      const rows = cohortRetention(transactions, { period: "month", mode });
      expect(rows.map((r) => [r.cohort, r.size])).toEqual(reference.cohorts.map((c) => [c.cohort, c.size]));
      rows.forEach((row, i) => {
        const want = reference.cohorts[i]!;
        expect(row.active).toEqual(want[mode]);
        row.retention.forEach((r, k) => {
          close(r, want[mode][k]! / want.size);
        });
        row.revenue.forEach((r, k) => {
          close(r, want.revenue[k]!);
        });
        row.revenueRetention.forEach((r, k) => {
          close(r, want.revenueRetention[k]!);
        });
      });
    });
  }
});
