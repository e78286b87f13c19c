import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { cohortRetention } from "../rates/cohortRetention.js";
import { periodActivity } from "../rates/periodActivity.js";
import { generateSampleData } from "../sample/generateSampleData.js";
import { transactionTable } from "../table/TransactionTable.js";
import { rfmSummary } from "../value/rfmSummary.js";
import { customerPeriodTableFromDuckDB, customerTotalsFromDuckDB, rfmSummaryFromDuckDB } from "./index.js";

// The adapter must give what the library's own functions give on the same log: the
// expected values are the in-memory library results (an independent implementation:
// typed-array passes in TypeScript versus SQL group-bys in DuckDB).
const sample = generateSampleData({ customers: 300, months: 18, seed: 5 });
const log = sample.transactions;
let dir: string;
let csv: string;
let connection: Awaited<ReturnType<DuckDBInstance["connect"]>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cv-duckdb-"));
  csv = join(dir, "log.csv");
  writeFileSync(
    csv,
    `customerId,date,amount\n${log.map((t) => `${t.customerId},${t.date},${t.amount}`).join("\n")}\n`,
  );
  connection = await (await DuckDBInstance.create(":memory:")).connect();
  await connection.run(
    `COPY (SELECT * FROM read_csv('${csv}', header = true)) TO '${join(dir, "log.parquet")}' (FORMAT parquet)`,
  );
});
afterAll(() => {
  connection?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe("rfmSummaryFromDuckDB", () => {
  it.each([
    ["day", "day"],
    ["week", "week"],
    ["day", "week"],
  ] as const)("matches rfmSummary (aggregate %s, unit %s) from CSV", async (aggregate, unit) => {
    const expected = rfmSummary(log, { observationEnd: sample.asOf, aggregate, unit });
    const got = await rfmSummaryFromDuckDB(
      connection,
      { csv },
      { observationEnd: sample.asOf, aggregate, unit },
    );
    expect(got.map((r) => r.customerId)).toEqual(expected.map((r) => r.customerId));
    for (let i = 0; i < got.length; i++) {
      expect(got[i]!.frequency).toBe(expected[i]!.frequency);
      expect(close(got[i]!.recency, expected[i]!.recency)).toBe(true);
      expect(close(got[i]!.T, expected[i]!.T)).toBe(true);
      expect(close(got[i]!.monetaryValue, expected[i]!.monetaryValue)).toBe(true);
    }
  });

  it("defaults the end to the last day and reads Parquet", async () => {
    const expected = rfmSummary(log);
    const got = await rfmSummaryFromDuckDB(connection, { parquet: join(dir, "log.parquet") });
    expect(got.length).toBe(expected.length);
    expect(got.every((r, i) => r.T === expected[i]!.T && r.frequency === expected[i]!.frequency)).toBe(true);
  });

  it("worked by hand: one customer, two purchase days", async () => {
    // A: 10 + 5 on Jan 1 (one purchase of 15), 20 on Jan 8; end Jan 29.
    // frequency 1, recency 7 days, T 28 days, monetaryValue 20 (the repeat only).
    const got = await rfmSummaryFromDuckDB(
      connection,
      {
        sql: "SELECT * FROM (VALUES ('A', '2024-01-01', 10), ('A', '2024-01-01T12:00:00Z', 5), ('A', '2024-01-08', 20)) t(customerId, date, amount)",
      },
      { observationEnd: "2024-01-29" },
    );
    expect(got).toEqual([{ customerId: "A", frequency: 1, recency: 7, T: 28, monetaryValue: 20 }]);
  });

  it("rejects bad rows with INVALID_RECORD and bad options with INVALID_OPTION", async () => {
    const bad = {
      sql: "SELECT * FROM (VALUES ('', '2024-01-01', 1), ('B', 'nope', 2), ('C', '2024-01-02', NULL)) t(customerId, date, amount)",
    };
    await expect(rfmSummaryFromDuckDB(connection, bad)).rejects.toMatchObject({ code: "INVALID_RECORD" });
    await expect(
      rfmSummaryFromDuckDB(connection, { csv }, { aggregate: "month" as never }),
    ).rejects.toBeInstanceOf(CustomerValueError);
    await expect(rfmSummaryFromDuckDB(connection, {} as never)).rejects.toMatchObject({
      code: "INVALID_OPTION",
    });
  });
});

describe("customerTotalsFromDuckDB", () => {
  it("sums each customer's amounts", async () => {
    const sums = new Map<string, number>();
    for (const t of log) sums.set(t.customerId, (sums.get(t.customerId) ?? 0) + t.amount);
    const got = await customerTotalsFromDuckDB(connection, { csv });
    expect(got.length).toBe(sums.size);
    for (const row of got) expect(close(row.value, sums.get(row.id)!)).toBe(true);
  });
});

describe("customerPeriodTableFromDuckDB", () => {
  it.each(["month", "week", "quarter"] as const)(
    "gives periodActivity and cohortRetention the same results (%s)",
    async (period) => {
      const table = await customerPeriodTableFromDuckDB(connection, { csv }, { period });
      expect(table.length).toBeLessThan(log.length);
      const full = transactionTable(log);
      const a = periodActivity(full, { period });
      const b = periodActivity(table, { period });
      expect(b.map((r) => ({ ...r, revenue: 0 }))).toEqual(a.map((r) => ({ ...r, revenue: 0 })));
      for (let i = 0; i < a.length; i++) expect(close(b[i]!.revenue, a[i]!.revenue)).toBe(true);
      const ca = cohortRetention(full, { period });
      const cb = cohortRetention(table, { period });
      expect(cb.map((r) => [r.cohort, r.size, r.active])).toEqual(
        ca.map((r) => [r.cohort, r.size, r.active]),
      );
      for (let i = 0; i < ca.length; i++) {
        for (const [k, x] of ca[i]!.revenue.entries()) expect(close(cb[i]!.revenue[k]!, x)).toBe(true);
      }
    },
  );
});
