/**
 * Fuzz of `customer-value/sql`: random and malformed logs (ids, dates and amounts as text
 * cells, some junk, some NULL) as `{ sql }` sources and junk options, against a real
 * in-memory DuckDB (1,000 cases per function, like every public function) and, where the
 * CI servers run, against PostgreSQL and the ClickHouse cluster (fewer cases: each is a few
 * round trips). Accepted: a clean result, or a CustomerValueError naming the function.
 * Names from options are fuzzed in every dialect: refused before any query, or plain and quoted.
 */
import { createClient } from "@clickhouse/client";
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CustomerValueError } from "customer-value";
import {
  classifyLifecyclesFromSql,
  clickhouseExecutor,
  customerPeriodTableFromSql,
  customerTotalsFromSql,
  duckdbExecutor,
  lifecycleStageCountsFromSql,
  periodActivityFromSql,
  postgresExecutor,
  rfmSummaryFromSql,
  type SqlDialect,
  type SqlExecutor,
} from "customer-value/sql";
import { SERVERS } from "../warehouse/fixtures.js";
import {
  amountArb,
  dayStringArb,
  expectFuzzReachedResults,
  idArb,
  junkArb,
  junkAsText,
  okOrCvErrorAsync,
  optionArb,
  params,
  RUNS,
  requiredColumns,
} from "./helpers.js";

afterAll(() => expectFuzzReachedResults());

/** A text literal in the dialect (ClickHouse escapes with backslashes, the others double quotes). */
const literal = (dialect: SqlDialect, text: string) =>
  dialect === "clickhouse"
    ? `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`
    : `'${text.replaceAll("'", "''")}'`;

/** A column alias as written, quoted: PostgreSQL folds unquoted names to lower case. */
const quoted = (dialect: SqlDialect, name: string) =>
  dialect === "clickhouse" ? `\`${name}\`` : `"${name}"`;

/** A cell: mostly good text, sometimes junk text or NULL. */
const cellArb = (good: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 12, arbitrary: good },
    { weight: 1, arbitrary: junkArb.map(junkAsText) },
    { weight: 1, arbitrary: fc.constant(null) },
  );

/** A log of 1..6 text rows, written as a `{ sql }` source of UNION ALLs in a dialect. */
const rowsArb = fc.array(fc.tuple(cellArb(idArb), cellArb(dayStringArb), cellArb(amountArb.map(String))), {
  minLength: 1,
  maxLength: 6,
});
const sourceOf = (dialect: SqlDialect, rows: (string | null)[][]) => ({
  sql: rows
    .map((row) => {
      const [id, date, amount] = row.map((v) => (v === null ? "NULL" : literal(dialect, v)));
      const [i, d, a] = ["customerId", "date", "amount"].map((alias) => quoted(dialect, alias));
      return `SELECT ${id} AS ${i}, ${date} AS ${d}, ${amount} AS ${a}`;
    })
    .join(" UNION ALL "),
});

const columnsArb = optionArb(
  fc.record(
    { customerId: fc.constant("customerId"), amount: fc.constantFrom("amount", "missing", "") },
    { requiredKeys: [] },
  ),
);
const compact = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The four pushdowns fuzzed on one engine, `runs` cases each. */
/** A lifecycle call: a log, an `asOf`, maybe a fixed interruption; two customers listed, unknown ones reported. */
const lifecycleCallArb = fc.record({
  rows: rowsArb,
  asOf: fc.constantFrom("2011-06-30", "2013-12-31T23:00:00Z"),
  interruptionAfter: optionArb(fc.constantFrom({ months: 2 }, { days: 40 })),
});
const LISTED = [{ id: "A" }, { id: "B" }];
const lifecycleOptions = ({ asOf, interruptionAfter }: { asOf: string; interruptionAfter?: unknown }) =>
  compact({ asOf, interruptionAfter, unknownCustomers: "report" }) as never;

function fuzzEngine(
  name: string,
  configured: boolean,
  runs: number,
  open: () => Promise<[SqlExecutor, () => Promise<void>]>,
) {
  describe.skipIf(!configured)(
    `customer-value/sql on ${name}: fuzz (a clean result or a CustomerValueError)`,
    () => {
      let db: SqlExecutor;
      let close: () => Promise<void> = async () => undefined;
      beforeAll(async () => {
        [db, close] = await open();
      });
      afterAll(() => close());
      // Counted per engine: each must give real results, not refuse every source.
      const verdict = <R>(fnName: string, run: () => Promise<R>) =>
        okOrCvErrorAsync(fnName, run, `${fnName} on ${name}`);
      // A guard against a hang, not a speed check: a few times a case's usual time, at
      // least 10 minutes.
      const timeout = Math.max(600_000, runs * 12);

      it(
        "customerTotalsFromSql",
        async () => {
          await fc.assert(
            fc.asyncProperty(
              rowsArb,
              columnsArb,
              optionArb(fc.boolean()),
              async (rows, columns, validate) => {
                const result = await verdict("customerTotalsFromSql", () =>
                  customerTotalsFromSql(
                    db,
                    sourceOf(db.dialect, rows),
                    compact({ columns, validate }) as never,
                  ),
                );
                if (result !== undefined) expect(new Set(result.map((r) => r.id)).size).toBe(result.length);
              },
            ),
            params(runs),
          );
        },
        timeout,
      );

      it(
        "rfmSummaryFromSql",
        async () => {
          await fc.assert(
            fc.asyncProperty(
              rowsArb,
              optionArb(fc.constantFrom("2013-12-31", "2011-06-30T12:00:00Z")),
              optionArb(fc.constantFrom("day", "week")),
              async (rows, observationEnd, aggregate) => {
                const result = await verdict("rfmSummaryFromSql", () =>
                  rfmSummaryFromSql(
                    db,
                    sourceOf(db.dialect, rows),
                    compact({ observationEnd, aggregate }) as never,
                  ),
                );
                if (result !== undefined) for (const r of result) expect(r.recency).toBeLessThanOrEqual(r.T);
              },
            ),
            params(runs),
          );
        },
        timeout,
      );

      it(
        "customerPeriodTableFromSql",
        async () => {
          await fc.assert(
            fc.asyncProperty(
              rowsArb,
              optionArb(fc.constantFrom("day", "week", "month", "quarter", "year")),
              async (rows, period) => {
                const table = await verdict("customerPeriodTableFromSql", async () =>
                  requiredColumns(
                    await customerPeriodTableFromSql(
                      db,
                      sourceOf(db.dialect, rows),
                      compact({ period }) as never,
                    ),
                  ),
                );
                if (table !== undefined) expect(table.customer).toHaveLength(table.length);
              },
            ),
            params(runs),
          );
        },
        timeout,
      );

      it(
        "classifyLifecyclesFromSql",
        async () => {
          await fc.assert(
            fc.asyncProperty(lifecycleCallArb, async (call) => {
              const result = await verdict("classifyLifecyclesFromSql", () =>
                classifyLifecyclesFromSql(
                  db,
                  sourceOf(db.dialect, call.rows),
                  LISTED,
                  lifecycleOptions(call),
                ),
              );
              if (result !== undefined)
                expect(result.slice(0, 2).map((r) => r.customerId)).toEqual(["A", "B"]);
            }),
            params(runs),
          );
        },
        timeout,
      );

      it(
        "periodActivityFromSql",
        async () => {
          await fc.assert(
            fc.asyncProperty(
              rowsArb,
              optionArb(fc.constantFrom("day", "week", "month", "quarter", "year")),
              optionArb(fc.oneof(fc.integer({ min: 1, max: 4 }), junkArb)),
              optionArb(fc.oneof(fc.constantFrom("2011-03-15", "2013-01-01T00:00:00Z"), junkArb)),
              optionArb(fc.boolean()),
              async (rows, period, activeWindow, from, validate) => {
                const result = await verdict("periodActivityFromSql", () =>
                  periodActivityFromSql(
                    db,
                    sourceOf(db.dialect, rows),
                    compact({ period, activeWindow, from, validate }) as never,
                  ),
                );
                for (const r of result ?? []) {
                  // Counted apart: the customers kept and lost make up the previous period's.
                  expect(r.retained + r.churned).toBe(r.previousActive);
                  expect(r.retained).toBeGreaterThanOrEqual(0);
                  expect(r.new).toBeLessThanOrEqual(r.active);
                }
              },
            ),
            params(runs),
          );
        },
        timeout,
      );

      it(
        "lifecycleStageCountsFromSql",
        async () => {
          await fc.assert(
            fc.asyncProperty(lifecycleCallArb, async (call) => {
              const result = await verdict("lifecycleStageCountsFromSql", () =>
                lifecycleStageCountsFromSql(
                  db,
                  sourceOf(db.dialect, call.rows),
                  LISTED,
                  lifecycleOptions(call),
                ),
              );
              if (result !== undefined) {
                expect(result.customers - result.unknownCustomers).toBe(2);
                expect(result.phases.endangerment + result.phases.termination).toBe(result.stages.decline);
              }
            }),
            params(runs),
          );
        },
        timeout,
      );
    },
  );
}

fuzzEngine("DuckDB", true, RUNS, async () => {
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  return [duckdbExecutor(connection), async () => connection.closeSync()];
});

// Against the servers: a tenth of the cases (each call is three or four round trips).
const serverRuns = Math.max(50, Math.round(RUNS / 10));
fuzzEngine("PostgreSQL", SERVERS.postgres !== undefined, serverRuns, async () => {
  const pool = new pg.Pool({ connectionString: SERVERS.postgres, max: 2 });
  return [postgresExecutor(pool), () => pool.end()];
});
fuzzEngine("ClickHouse", SERVERS.clickhouse !== undefined, serverRuns, async () => {
  const client = createClient({
    url: SERVERS.clickhouse ?? "",
    request_timeout: 600_000,
    log: { level: 127 as never },
  });
  return [clickhouseExecutor(client), () => client.close()];
});

describe("customer-value/sql: fuzzed names in every dialect", () => {
  const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*(?: [A-Za-z0-9_]+)*$/;
  const nameArb = fc.oneof(
    fc.string({ unit: "binary", maxLength: 12 }),
    fc.string({ unit: fc.constantFrom(..."aZ_ 0\"'`;-/*\\\n.é"), maxLength: 10 }),
    fc.constantFrom("amount", "Net Amount", "_x1", "a--b", "a/*b"),
  );

  it.each(["duckdb", "postgres", "clickhouse"] as const)(
    "%s: refused before any query, or plain and quoted",
    async (dialect) => {
      const quote = dialect === "clickhouse" ? "`" : '"';
      await fc.assert(
        fc.asyncProperty(
          nameArb,
          fc.constantFrom("amount", "date", "customerId", "table"),
          async (name, where) => {
            const sent: string[] = [];
            const db: SqlExecutor = {
              dialect,
              async query(sql) {
                sent.push(sql);
                return [];
              },
            };
            const source = where === "table" ? { table: name } : { table: "log", columns: { [where]: name } };
            const error = await customerTotalsFromSql(db, source).then(
              () => undefined,
              (e: unknown) => e,
            );
            const plain = name
              .split(where === "table" ? "." : "\u0000")
              .every((part) => PLAIN.test(part) && part.length <= 63);
            if (plain && (where !== "table" || name.split(".").length <= 3)) {
              expect(error).toBeUndefined();
              for (const part of name.split(where === "table" ? "." : "\u0000"))
                expect(sent[0]).toContain(`${quote}${part}${quote}`);
            } else {
              expect(error).toBeInstanceOf(CustomerValueError);
              expect((error as CustomerValueError).code).toBe("INVALID_OPTION");
              expect(sent).toEqual([]);
            }
          },
        ),
        params(),
      );
    },
  );
});
