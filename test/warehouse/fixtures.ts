/**
 * What the warehouse tests share: the sample log every engine holds, the servers' settings
 * (environment variables set by `.ci/warehouse.sh env`), and the comparisons of each
 * pushdown with the in-memory function on the same log. The expected values are the
 * library's own in-memory results: an independent implementation (typed-array passes in
 * TypeScript against SQL group-bys in three engines), checked by their own tests.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Customer,
  classifyLifecycles,
  type LifecycleRow,
  cohortRetention,
  customerTotals,
  type Period,
  periodActivity,
  rfmSummary,
  type Transaction,
  type TransactionTable,
  transactionTable,
  transactionTableFromCsv,
} from "customer-value";
import { sampleCustomers, sampleLog } from "./sample.js";
import {
  type ClassifyLifecyclesFromSqlOptions,
  classifyLifecyclesFromSql,
  customerPeriodTableFromSql,
  customerTotalsFromSql,
  eachLifecycleBatchFromSql,
  lifecycleStageCountsFromSql,
  periodActivityFromSql,
  rfmSummaryFromSql,
  type SqlExecutor,
  type SqlSource,
} from "customer-value/sql";

/** Connection settings of the CI servers; absent locally unless `.ci/warehouse.sh` runs. */
export const SERVERS = {
  postgres: process.env.CV_POSTGRES_URL,
  clickhouse: process.env.CV_CLICKHOUSE_URL,
  clickhouseShards: process.env.CV_CLICKHOUSE_SHARD_URLS?.split(",").filter((u) => u !== ""),
  data: process.env.CV_WAREHOUSE_DATA,
};
/** Under CI a missing server fails the tests; locally they are skipped. */
export const REQUIRE_SERVERS = process.env.CI === "true" || process.env.CI === "1";
/** The 1M-row comparisons run only where asked (CI asks in one of its four time zones). */
export const HEAVY = process.env.CV_WAREHOUSE_HEAVY === "1";

/** The 1M-row log of `.ci/warehouse.sh` (bench/data.ts's files), in memory, with its customers. */
export function millionRowLog(): { log: TransactionTable; customers: Customer[]; asOf: string } {
  const dir = join(SERVERS.data ?? "", "log-1m");
  const log = transactionTableFromCsv(readFileSync(join(dir, "transactions.csv")));
  const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as { asOf: string };
  const lines = readFileSync(join(dir, "customers.csv"), "utf8").trim().split("\n").slice(1);
  const customers = lines.map((line): Customer => {
    const [id, notice, withdrawn, satisfaction] = line.split(",");
    return {
      id: id!,
      ...(notice ? { terminationNoticeAt: notice } : {}),
      ...(withdrawn ? { noticeWithdrawnAt: withdrawn } : {}),
      ...(satisfaction ? { satisfaction: Number(satisfaction) } : {}),
    };
  });
  return { log, customers, asOf: meta.asOf };
}

/**
 * The first difference between `actual` and `expected`, or `undefined`: deep equality where
 * numbers agree to a relative 1e-9 (everything else exactly). Plain code, not one `expect`
 * per value: the 1M-row results hold millions of values.
 */
export function firstDifference(actual: unknown, expected: unknown, path = "result"): string | undefined {
  if (typeof expected === "number" && typeof actual === "number") {
    const same = actual === expected || Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
    return same ? undefined : `${path}: ${actual} is not within 1e-9 of ${expected}`;
  }
  if (typeof expected !== "object" || expected === null || typeof actual !== "object" || actual === null) {
    return Object.is(actual, expected)
      ? undefined
      : `${path}: ${JSON.stringify(actual)} is not ${JSON.stringify(expected)}`;
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) return `${path}: an array and an object`;
  const keys = Object.keys(expected);
  const actualKeys = Object.keys(actual);
  if (keys.length !== actualKeys.length || keys.some((k) => !Object.hasOwn(actual, k))) {
    return `${path}: keys ${JSON.stringify(actualKeys)} are not ${JSON.stringify(keys)}`;
  }
  for (const key of keys) {
    const difference = firstDifference(
      (actual as Record<string, unknown>)[key],
      (expected as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
    if (difference !== undefined) return difference;
  }
  return undefined;
}

/** Fails with the first difference (see {@link firstDifference}). */
export function expectClose(actual: unknown, expected: unknown, path = "result"): void {
  const difference = firstDifference(actual, expected, path);
  if (difference !== undefined) expect.fail(difference);
}

export const PERIODS: readonly Period[] = ["day", "week", "month", "quarter"];

/** What one engine is compared on: its executor, the log's source in it, and the same log in memory. */
export interface EngineCase {
  readonly db: SqlExecutor;
  readonly source: SqlSource;
  readonly log: readonly Transaction[] | TransactionTable;
  readonly customers: readonly Customer[];
  /** An `asOf` inside the log, and its end. */
  readonly asOf: string;
}

/** customerTotalsFromSql against customerTotals, over the whole log and a window. */
export async function compareTotals({ db, source, log }: EngineCase): Promise<void> {
  expectClose(await customerTotalsFromSql(db, source), customerTotals(log));
  const window = { from: "2023-04-01", to: "2023-10-01T12:00:00Z" };
  expectClose(await customerTotalsFromSql(db, source, window), customerTotals(log, window));
}

/** The aggregate and unit pairs {@link compareRfm} tries by default. */
const RFM_CASES = [
  ["day", "day"],
  ["week", "week"],
  ["day", "week"],
  ["week", "day"],
] as const;

/** rfmSummaryFromSql against rfmSummary: days and ISO weeks, both units, default and given end. */
export async function compareRfm(
  { db, source, log, asOf }: EngineCase,
  cases: readonly (readonly ["day" | "week", "day" | "week"])[] = RFM_CASES,
): Promise<void> {
  for (const [aggregate, unit] of cases) {
    expectClose(
      await rfmSummaryFromSql(db, source, { aggregate, unit }),
      rfmSummary(log, { aggregate, unit }),
      `${aggregate}/${unit}`,
    );
  }
  const observationEnd = new Date(Date.parse(asOf) - 200 * 86_400_000).toISOString();
  expectClose(
    await rfmSummaryFromSql(db, source, { observationEnd }),
    rfmSummary(log, { observationEnd }),
    "observationEnd",
  );
}

/** periodActivity and cohortRetention on the customer-period table against the full log. */
export async function comparePeriodTable({ db, source, log }: EngineCase, period: Period): Promise<void> {
  const table = await customerPeriodTableFromSql(db, source, { period });
  const full = Array.isArray(log) ? transactionTable(log as Transaction[]) : (log as TransactionTable);
  expect(table.length).toBeLessThan(full.length);
  expectClose(
    periodActivity(table, { period }),
    periodActivity(full, { period }),
    `periodActivity ${period}`,
  );
  for (const mode of ["classic", "rolling"] as const) {
    expectClose(
      cohortRetention(table, { period, mode }),
      cohortRetention(full, { period, mode }),
      `cohortRetention ${period} ${mode}`,
    );
  }
}

/**
 * periodActivityFromSql against periodActivity on the full log: the whole span and, unless
 * `only` says otherwise, a wider active window and given bounds.
 */
export async function comparePeriodActivity(
  { db, source, log }: EngineCase,
  period: Period,
  only: "whole span" | "all cases" = "all cases",
): Promise<void> {
  const cases = [
    { period },
    { period, activeWindow: 3 },
    { period, from: "2023-06-15", to: "2024-03-01T12:00:00Z" },
  ];
  for (const options of only === "whole span" ? cases.slice(0, 1) : cases) {
    expectClose(
      await periodActivityFromSql(db, source, options),
      periodActivity(log, options),
      `periodActivity ${JSON.stringify(options)}`,
    );
  }
}

/**
 * A trend rule's reason with its numbers masked: they print vR, vQ and the change rounded,
 * and sums taken in another order may round the other way in the last printed digit. The
 * numbers themselves are compared as the evidence's `vR`, `vQ` and `change`, to 1e-9.
 */
function maskTrendReasons(rows: readonly LifecycleRow[]): unknown[] {
  return rows.map((row) =>
    row.evidence.rule !== "trend"
      ? row
      : {
          ...row,
          evidence: { ...row.evidence, reason: row.evidence.reason.replace(/[+-]?\d+(\.\d+)?/g, "#") },
        },
  );
}

/** The lifecycle cases {@link compareLifecycles} tries by default: at `asOf`, a year before with other windows, in a zone. */
export function lifecycleCases(asOf: string): ClassifyLifecyclesFromSqlOptions[] {
  const yearBefore = new Date(Date.parse(asOf) - 365 * 86_400_000).toISOString();
  return [
    { asOf },
    { asOf: yearBefore, trendWindow: { months: 3 }, recoveryWindow: { months: 5 } },
    { asOf, timeZone: "Pacific/Chatham", interruptionAfter: { days: 45 }, dissatisfiedBelow: 4 },
  ];
}

/** classifyLifecyclesFromSql against classifyLifecycles. */
export async function compareLifecycles(
  { db, source, log, customers, asOf }: EngineCase,
  cases = lifecycleCases(asOf),
): Promise<void> {
  for (const options of cases) {
    expectClose(
      maskTrendReasons(await classifyLifecyclesFromSql(db, source, customers, options)),
      maskTrendReasons(classifyLifecycles(customers, log, options)),
      `lifecycles ${JSON.stringify(options)}`,
    );
  }
}

/**
 * The batched lifecycle against classifyLifecycles: the rows of every batch, sorted by id,
 * are its rows sorted by id; the stage counts are its rows counted.
 */
export async function compareLifecycleBatches(
  { db, source, log, customers, asOf }: EngineCase,
  cases = lifecycleCases(asOf).slice(0, 1),
): Promise<void> {
  const byId = (rows: LifecycleRow[]) =>
    rows.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  for (const options of cases) {
    const report = { ...options, unknownCustomers: "report" as const };
    const expected = classifyLifecycles(customers, log, report);
    const batched: LifecycleRow[] = [];
    await eachLifecycleBatchFromSql(db, source, customers, report, (rows) => batched.push(...rows));
    expectClose(maskTrendReasons(byId(batched)), maskTrendReasons(byId(expected.slice())), "batches");
    const count = (keep: (row: LifecycleRow) => boolean) => expected.filter(keep).length;
    expect(await lifecycleStageCountsFromSql(db, source, customers, report)).toEqual({
      customers: expected.length,
      stages: Object.fromEntries(
        ["prospecting", "socialization", "growth", "maturity", "decline", "interruption", "recovery"].map(
          (stage) => [stage, count((row) => row.stage === stage)],
        ),
      ),
      phases: {
        endangerment: count((row) => row.phase === "endangerment"),
        termination: count((row) => row.phase === "termination"),
      },
      unknownCustomers: count((row) => row.unknownCustomer === true),
    });
  }
}

/** An engine under test: its executor and the two logs' sources in it. */
export interface Engine {
  readonly db: SqlExecutor;
  readonly sample: SqlSource;
  /** The 1M-row log, where the engine holds it. */
  readonly million?: SqlSource;
  close(): Promise<void>;
}

/**
 * The comparisons of every pushdown with the in-memory functions on one engine: on the
 * sample log always, on the 1M-row log when {@link HEAVY}. `configured` says whether the
 * engine's server is set up; locally a missing one skips the suite, under CI it fails.
 */
export function engineSuite(name: string, configured: boolean, open: () => Promise<Engine>): void {
  describe.skipIf(!configured && !REQUIRE_SERVERS)(
    `${name}: pushdown results equal the in-memory functions`,
    () => {
      let engine: Engine | undefined;
      beforeAll(async () => {
        expect(configured, `${name}: the server's settings are missing (run .ci/warehouse.sh)`).toBe(true);
        engine = await open();
      }, 60_000);
      afterAll(async () => engine?.close());

      const log = sampleLog();
      const sample = (): EngineCase => ({
        db: engine!.db,
        source: engine!.sample,
        log,
        customers: sampleCustomers(),
        asOf: "2024-12-31T23:59:59Z",
      });
      it("customer totals, whole log and a window (sample)", async () => compareTotals(sample()));
      it("RFM summary by day and ISO week (sample)", async () => compareRfm(sample()));
      it.each(PERIODS)("customer-period table by %s (sample)", async (period) =>
        comparePeriodTable(sample(), period),
      );
      it.each(PERIODS)("period activity by %s (sample)", async (period) =>
        comparePeriodActivity(sample(), period),
      );
      it("lifecycle stages and evidence (sample)", async () => compareLifecycles(sample()));
      it("lifecycle stages in batches, and their counts (sample)", async () =>
        compareLifecycleBatches(sample(), lifecycleCases(sample().asOf)));

      describe.runIf(HEAVY)("the 1M-row log", () => {
        let million: EngineCase | undefined;
        beforeAll(() => {
          const { log: full, customers, asOf } = millionRowLog();
          expect(engine?.million, `${name}: no 1M-row log`).toBeDefined();
          million = { db: engine!.db, source: engine!.million!, log: full, customers, asOf };
        }, 120_000);
        const timeout = 600_000;
        it("customer totals", async () => compareTotals(million!), timeout);
        it(
          "RFM summary",
          async () =>
            compareRfm(million!, [
              ["day", "day"],
              ["week", "week"],
            ]),
          timeout,
        );
        it.each(PERIODS)(
          "customer-period table by %s",
          async (period) => comparePeriodTable(million!, period),
          timeout,
        );
        it.each(PERIODS)(
          "period activity by %s",
          // The other options by month only: each case is a full pass over the log.
          async (period) =>
            comparePeriodActivity(million!, period, period === "month" ? "all cases" : "whole span"),
          timeout,
        );
        it(
          "lifecycle stages and evidence",
          async () => compareLifecycles(million!, lifecycleCases(million!.asOf).slice(0, 1)),
          timeout,
        );
        it(
          "lifecycle stages in batches, and their counts",
          async () => compareLifecycleBatches(million!),
          timeout,
        );
      });
    },
  );
}
