/**
 * Results read a batch of whole customers at a time: the byte order the batches check, the
 * batches themselves, and the two batched pushdowns on a DuckDB log large enough for several
 * batches, against the in-memory functions on the same rows.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TransactionColumns } from "../engine/columns.js";
import { classifyLifecycles } from "../lifecycle/classifyLifecycles.js";
import { periodActivity } from "../rates/periodActivity.js";
import type { Transaction } from "../records/Transaction.js";
import { BATCH_ROWS, CustomerBatches, codePointBefore } from "./batches.js";
import { duckdbExecutor } from "./duckdbExecutor.js";
import type { SqlExecutor } from "./executor.js";
import { eachLifecycleBatchFromSql, lifecycleStageCountsFromSql, periodActivityFromSql } from "./index.js";

/** The reference order: the strings' code points compared one by one. */
const referenceBefore = (a: string, b: string) => {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return x.length < y.length;
};

describe("codePointBefore", () => {
  it("orders strings as their code points (UTF-8 bytes) do, surrogate pairs included", () => {
    const char = fc.constantFrom("a", "B", "é", "\uD7FF", "\uE000", "\uFFFD", "😀", "𝔸", "0");
    const text = fc.array(char, { maxLength: 6 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(codePointBefore(a, b)).toBe(referenceBefore(a, b));
      }),
      { numRuns: 2_000 },
    );
    // JavaScript's < says otherwise here: U+1F600 is a surrogate pair, below U+E000 in UTF-16.
    expect("😀" < "\uE000").toBe(true);
    expect(codePointBefore("😀", "\uE000")).toBe(false);
  });
});

describe("CustomerBatches", () => {
  /** The ids of each batch, for rows of `ids` in turn, batches of at least `size` rows. */
  const batchesOf = (ids: string[], size: number) => {
    const got: string[][] = [];
    const keep = (columns: TransactionColumns | undefined) => {
      if (columns) got.push(Array.from(columns.customer, (c) => columns.customerIds[c]!));
    };
    const batches = new CustomerBatches("test", size);
    for (const id of ids) {
      keep(batches.begin(id));
      batches.push(0, 1);
    }
    keep(batches.take());
    expect(batches.take()).toBeUndefined(); // nothing more to hand on
    return got;
  };

  it("hands on whole customers, in batches of about the given size", () => {
    // A batch closes at the first new customer once it holds 3 rows or more: after "b"
    // (3 rows), then after the four rows of "c".
    expect(batchesOf(["a", "a", "b", "c", "c", "c", "c", "d"], 3)).toEqual([
      ["a", "a", "b"],
      ["c", "c", "c", "c"],
      ["d"],
    ]);
    expect(batchesOf([], 3)).toEqual([]);
  });

  it("refuses ids out of order: a customer split over two batches would count twice", () => {
    expect(() => batchesOf(["b", "a"], 3)).toThrow(/out of the query's order/);
    expect(() => batchesOf(["a", "b", "a"], 3)).toThrow(/out of the query's order/);
  });
});

/** A log of several batches: up to 40,000 customers over three years, returns and zero amounts included. */
function syntheticLog(): Transaction[] {
  let seed = 7; // mulberry32
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const rows: Transaction[] = [];
  for (let i = 0; i < 150_000; i++) {
    const customer = Math.floor(random() ** 2 * 40_000);
    const t = Date.UTC(2022, 0, 1) + Math.floor(random() * 3 * 365 * 86_400) * 1000;
    const kind = random();
    const amount =
      kind < 0.05 ? -Math.round(random() * 50) : kind < 0.07 ? 0 : Math.round(random() * 20_000) / 100;
    rows.push({ customerId: `c${customer}`, date: new Date(t).toISOString(), amount });
  }
  return rows;
}

describe("the batched pushdowns on a log of several batches (DuckDB)", () => {
  const log = syntheticLog();
  let dir = "";
  let connection: DuckDBConnection | undefined;
  let db: SqlExecutor;
  const source = () => ({ csv: join(dir, "log.csv") });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cv-batches-"));
    const lines = log.map((r) => `${r.customerId},${r.date as string},${r.amount}`);
    writeFileSync(join(dir, "log.csv"), `customerId,date,amount\n${lines.join("\n")}\n`);
    connection = await (await DuckDBInstance.create(":memory:")).connect();
    db = duckdbExecutor(connection);
  });
  afterAll(() => {
    connection?.closeSync();
    rmSync(dir, { recursive: true, force: true });
  });

  it("periodActivityFromSql gives periodActivity's rows, by day and by month", async () => {
    // More customer-day rows than a batch holds, so the counts of several batches add up.
    expect(
      new Set(log.map((r) => `${r.customerId} ${(r.date as string).slice(0, 10)}`)).size,
    ).toBeGreaterThan(2 * BATCH_ROWS);
    for (const options of [{ period: "day" as const }, { period: "month" as const, activeWindow: 2 }]) {
      const rows = await periodActivityFromSql(db, source(), options);
      const expected = periodActivity(log, options);
      expect(rows.map((r) => ({ ...r, revenue: 0 }))).toEqual(expected.map((r) => ({ ...r, revenue: 0 })));
      for (const [i, row] of rows.entries()) expect(row.revenue).toBeCloseTo(expected[i]!.revenue, 6);
    }
  });

  it("lifecycleStageCountsFromSql counts classifyLifecycles' rows", async () => {
    const customers = [{ id: "c5" }, { id: "prospect" }, { id: "c17", satisfaction: 1 }];
    const options = { asOf: "2024-09-30", dissatisfiedBelow: 3, unknownCustomers: "report" as const };
    const expected = classifyLifecycles(customers, log, options);
    const counts = await lifecycleStageCountsFromSql(db, source(), customers, options);
    expect(counts.customers).toBe(expected.length);
    expect(counts.unknownCustomers).toBe(expected.length - 3);
    for (const [stage, n] of Object.entries(counts.stages)) {
      expect(n, stage).toBe(expected.filter((r) => r.stage === stage).length);
    }
    expect(counts.phases.endangerment).toBe(expected.filter((r) => r.phase === "endangerment").length);
    expect(counts.stages.prospecting).toBeGreaterThanOrEqual(1); // the listed prospect
  });

  it("reports SQL of a { sql } source that does not parse as INVALID_OPTION, from the real client", async () => {
    await expect(periodActivityFromSql(db, { sql: "SELEC * FROM log" })).rejects.toMatchObject({
      code: "INVALID_OPTION",
    });
  });

  it("refuses a visit that is not a function before any query", async () => {
    const never: SqlExecutor = { dialect: "duckdb", query: () => expect.fail("no query expected") };
    await expect(
      eachLifecycleBatchFromSql(never, source(), [], { asOf: "2024-09-30" }, undefined as never),
    ).rejects.toMatchObject({ code: "INVALID_OPTION" });
  });

  it("refuses an executor that returns rows out of the database's order", async () => {
    const reversed: SqlExecutor = {
      dialect: "duckdb",
      async query(sql, params) {
        const rows = await db.query(sql, params);
        const all = [];
        for await (const batch of rows as AsyncIterable<readonly unknown[]>) all.push(...batch);
        return all.reverse() as never;
      },
    };
    await expect(periodActivityFromSql(reversed, source())).rejects.toMatchObject({
      code: "INVALID_OPTION",
      message: expect.stringMatching(/out of the query's order/),
    });
  });

  it("refuses a log whose rows have no readable date (validate: false) rather than returning no rows", async () => {
    const undated = { sql: "SELECT 'a' AS customerId, CAST(NULL AS DATE) AS date, 5.0 AS amount" };
    await expect(periodActivityFromSql(db, undated, { validate: false })).rejects.toMatchObject({
      code: "INVALID_RECORD",
    });
  });

  it("hands batches on one at a time, waiting for each promise visit returns; its errors pass as thrown", async () => {
    const customers = [{ id: "c5" }, { id: "prospect" }];
    const options = { asOf: "2024-09-30", unknownCustomers: "report" as const };
    let batches = 0;
    let rows = 0;
    let busy = false;
    await eachLifecycleBatchFromSql(db, source(), customers, options, async (batch) => {
      expect(busy).toBe(false);
      busy = true;
      await new Promise((resolve) => setTimeout(resolve, 5));
      batches++;
      rows += batch.length;
      busy = false;
    });
    // Every customer of the log, plus the listed prospect, over several batches.
    expect(rows).toBe(new Set(log.map((r) => r.customerId)).size + 1);
    expect(batches).toBeGreaterThan(1);
    const mine = new Error("disk full");
    await expect(
      eachLifecycleBatchFromSql(db, source(), customers, options, () => {
        throw mine;
      }),
    ).rejects.toBe(mine);
  });
});
