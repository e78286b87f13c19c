/**
 * What customer-value/sql sends: a recording executor answers each query with canned rows
 * and keeps the SQL and the parameters, so these tests see every statement of a call in
 * each dialect — names quoted, hostile names refused before any query, values bound as
 * parameters, no window functions, joins or CTEs — and how engine errors are reported.
 */
import { describe, expect, it } from "vitest";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import type { SqlDialect, SqlExecutor, SqlParam, SqlRow } from "./executor.js";
import {
  classifyLifecyclesFromSql,
  customerPeriodTableFromSql,
  customerTotalsFromSql,
  lifecycleFactsFromSql,
  lifecycleStageCountsFromSql,
  periodActivityFromSql,
  rfmSummaryFromSql,
} from "./index.js";

interface Sent {
  readonly sql: string;
  readonly params: readonly SqlParam[];
}

/** Column types the probe reports, per dialect (DuckDB is not probed). */
const PROBED: Record<SqlDialect, string[]> = {
  duckdb: [],
  postgres: ["text", "timestamp with time zone", "double precision"],
  clickhouse: ["String", "DateTime('UTC')", "Float64"],
};

/** An executor that records every query and answers with rows that fit its kind. */
function recorder(dialect: SqlDialect, rows: SqlRow[] = []): SqlExecutor & { sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    dialect,
    sent,
    async query(sql, params) {
      sent.push({ sql, params });
      if (/pg_typeof|toTypeName/.test(sql)) return [PROBED[dialect]];
      if (sql.includes("bad_ids")) return [[0, 0, 0, 10]];
      if (sql.includes("last_day")) return [[19_000]];
      return rows;
    },
  };
}

const DIALECTS: SqlDialect[] = ["duckdb", "postgres", "clickhouse"];
const ASOF = "2024-06-30T12:00:00Z";

/** Every pushdown once, with options whose values must travel as parameters. */
const CALLS = {
  customerTotalsFromSql: (db: SqlExecutor, source: object) =>
    customerTotalsFromSql(db, source as never, { from: "2023-01-01", to: "2024-01-01T06:00:00Z" }),
  rfmSummaryFromSql: (db: SqlExecutor, source: object) =>
    rfmSummaryFromSql(db, source as never, { observationEnd: "2024-03-15", aggregate: "week" }),
  customerPeriodTableFromSql: (db: SqlExecutor, source: object) =>
    customerPeriodTableFromSql(db, source as never, { period: "quarter" }),
  lifecycleFactsFromSql: (db: SqlExecutor, source: object) =>
    lifecycleFactsFromSql(db, source as never, { asOf: ASOF }),
  periodActivityFromSql: (db: SqlExecutor, source: object) =>
    periodActivityFromSql(db, source as never, { period: "week", activeWindow: 2 }),
  lifecycleStageCountsFromSql: (db: SqlExecutor, source: object) =>
    lifecycleStageCountsFromSql(db, source as never, [{ id: "A" }], { asOf: ASOF }),
};

describe("customer-value/sql: the SQL sent", () => {
  it.each(DIALECTS)("%s: values travel as bound parameters, never in the SQL text", async (dialect) => {
    const db = recorder(dialect);
    await CALLS.customerTotalsFromSql(db, { table: "sales.log" });
    await CALLS.rfmSummaryFromSql(db, { table: "log" });
    await CALLS.lifecycleFactsFromSql(db, { table: "log" });
    const params = db.sent.flatMap((s) => s.params);
    // The window [2023-01-01, 2024-01-01T06:00Z), the end day 2024-03-15 (19797 days since
    // 1970-01-01), and asOf with the cuts 3 months (recovery), 6 and 12 months (trend) before.
    const expected = [
      Date.UTC(2023, 0, 1),
      Date.UTC(2024, 0, 1, 6),
      19_797,
      Date.UTC(2024, 5, 30, 12),
      Date.UTC(2024, 2, 30, 12),
      Date.UTC(2023, 5, 30, 12),
      Date.UTC(2023, 11, 30, 12),
    ];
    expect(params).toEqual(expected);
    for (const { sql } of db.sent) {
      for (const value of expected) expect(sql).not.toContain(String(value));
      expect(sql).not.toMatch(/2023-|2024-/);
    }
    const placeholder = dialect === "clickhouse" ? "{p1:Float64}" : "$1";
    expect(db.sent.find((s) => s.params.length > 0)!.sql).toContain(placeholder);
  });

  it.each(DIALECTS)("%s: names are quoted in the dialect's own way", async (dialect) => {
    const db = recorder(dialect);
    await customerTotalsFromSql(db, {
      table: "sales.log_2024",
      columns: { customerId: "Client Id", amount: "net" },
    });
    const q = dialect === "clickhouse" ? "`" : '"';
    const sql = db.sent.at(-1)!.sql;
    expect(sql).toContain(`${q}sales${q}.${q}log_2024${q}`);
    expect(sql).toContain(`${q}Client Id${q}`);
    expect(sql).toContain(`${q}net${q}`);
    expect(sql).toContain(`${q}date${q}`);
  });

  it.each(DIALECTS)(
    "%s: no window function, join or common table expression in any query",
    async (dialect) => {
      const db = recorder(dialect);
      for (const call of Object.values(CALLS)) await call(db, { table: "log" });
      await classifyLifecyclesFromSql(db, { table: "log" }, [{ id: "A" }], { asOf: ASOF });
      expect(db.sent.length).toBeGreaterThan(8);
      for (const { sql } of db.sent) expect(sql).not.toMatch(/\bOVER\b|\bJOIN\b|^\s*WITH\b|\bWINDOW\b/i);
    },
  );

  it("DuckDB: file paths are bound too, even hostile ones", async () => {
    const db = recorder("duckdb");
    const path = "x'); DROP TABLE t; --.csv";
    await customerTotalsFromSql(db, { csv: [path, "b.csv"] });
    for (const { sql, params } of db.sent) {
      expect(sql).toContain("read_csv([$1, $2], header = true)");
      expect(sql).not.toContain("DROP");
      expect(params.slice(0, 2)).toEqual([path, "b.csv"]);
    }
  });
});

describe("customer-value/sql: hostile names", () => {
  const HOSTILE = [
    'amount"; DROP TABLE log; --',
    "amount`",
    "amount'",
    "amount;",
    "amount -- comment",
    "amount/*x*/",
    "amount\n",
    " amount",
    "amount  net",
    "naïve",
    "客户",
    "amount\u200b",
    "",
    "1amount",
    "a".repeat(64),
  ];

  it.each(DIALECTS)("%s: refused with INVALID_OPTION before any query is sent", async (dialect) => {
    for (const name of HOSTILE) {
      for (const [source, where] of [
        [{ table: "log", columns: { amount: name } }, "columns.amount"],
        [{ table: "log", columns: { customerId: name } }, "columns.customerId"],
        [{ table: name }, "source.table"],
        [{ table: `public.${name}` }, "source.table"],
      ] as const) {
        const db = recorder(dialect);
        for (const [fn, call] of Object.entries(CALLS)) {
          const error = await call(db, source).catch((e: unknown) => e);
          expect(error, `${fn} ${JSON.stringify(name)}`).toBeInstanceOf(CustomerValueError);
          expect((error as CustomerValueError).code).toBe("INVALID_OPTION");
          expect((error as CustomerValueError).message).toContain(`${fn}: ${where}`);
        }
        expect(db.sent).toEqual([]);
      }
    }
  });

  it("a table of more than three parts, or one part empty, is refused", async () => {
    for (const table of ["a.b.c.d", "a..b", ".a", "a."]) {
      const error = await customerTotalsFromSql(recorder("postgres"), { table }).catch((e: unknown) => e);
      expect((error as CustomerValueError).code).toBe("INVALID_OPTION");
    }
  });
});

describe("customer-value/sql: sources, executors and options", () => {
  it("rejects a db that is not an executor, and options that are not an object", async () => {
    for (const db of [null, {}, { dialect: "oracle", query: async () => [] }, { dialect: "postgres" }]) {
      const error = await customerTotalsFromSql(db as never, { table: "log" }).catch((e: unknown) => e);
      expect((error as CustomerValueError).code).toBe("INVALID_OPTION");
      expect((error as CustomerValueError).message).toMatch(/^customerTotalsFromSql: db must be/);
    }
    const error = await rfmSummaryFromSql(recorder("duckdb"), { table: "log" }, null as never).catch(
      (e) => e,
    );
    expect((error as CustomerValueError).message).toMatch(/^rfmSummaryFromSql: options must be an object/);
  });

  it("rejects bad sources: files outside DuckDB, two kinds at once, columns given twice", async () => {
    const cases: [SqlDialect, unknown, RegExp][] = [
      ["postgres", { csv: "a.csv" }, /source must be one of \{ table \}, \{ sql \} for PostgreSQL/],
      ["clickhouse", { parquet: "a.parquet" }, /for ClickHouse/],
      ["duckdb", { table: "a", sql: "SELECT 1" }, /source must be one of/],
      ["duckdb", { sql: "  " }, /source must be one of/],
      ["duckdb", "log", /source must be an object/],
    ];
    for (const [dialect, source, message] of cases) {
      const error = await customerTotalsFromSql(recorder(dialect), source as never).catch((e: unknown) => e);
      expect((error as CustomerValueError).code).toBe("INVALID_OPTION");
      expect((error as CustomerValueError).message).toMatch(message);
    }
    const twice = await customerTotalsFromSql(
      recorder("duckdb"),
      { table: "log", columns: { amount: "net" } },
      { columns: { amount: "net" } },
    ).catch((e: unknown) => e);
    expect((twice as CustomerValueError).message).toMatch(
      /columns in the source or in the options, not both/,
    );
  });

  it("an executor that resolves to something else than rows is INVALID_OPTION", async () => {
    const db: SqlExecutor = { dialect: "duckdb", query: async () => 42 as never };
    const error = await customerTotalsFromSql(db, { table: "log" }).catch((e: unknown) => e);
    expect((error as CustomerValueError).code).toBe("INVALID_OPTION");
    expect((error as CustomerValueError).message).toMatch(/db\.query must resolve to an array of rows/);
  });

  it("a date column of a type that holds no dates is INVALID_OPTION", async () => {
    const db: SqlExecutor = { dialect: "postgres", query: async () => [["text", "integer", "numeric"]] };
    const error = await customerTotalsFromSql(db, { table: "log" }).catch((e: unknown) => e);
    expect((error as CustomerValueError).message).toMatch(/the date column has the PostgreSQL type integer/);
  });

  it("rows may come by position or by name, numbers as numbers, bigints or strings", async () => {
    const rows: SqlRow[] = [["B", 5, 5, 1n], { id: "A", value: "-2.5", purchases: 1, transactions: "2" }];
    const totals = await customerTotalsFromSql(
      recorder("duckdb", rows),
      { table: "log" },
      { validate: false },
    );
    expect(totals).toEqual([
      { id: "A", value: -2.5, purchases: 1, transactions: 2 },
      { id: "B", value: 5, purchases: 5, transactions: 1 },
    ]);
  });

  it("lifecycle facts number customers by first instant, then id, whatever order rows arrive in", async () => {
    const t1 = Date.UTC(2024, 5, 1);
    const t2 = Date.UTC(2024, 5, 10);
    // [customer_id, kind, first_time, last_time, total, row_count]; kind 4: a purchase after
    // the recovery cut, kind 0: not a purchase. First instants: a t2, b t2, c t1, d t1.
    const rows: SqlRow[] = [
      ["b", 4, t2, t2, 10, 1],
      ["c", 4, t2, t2, 5, 1],
      ["a", 4, t2, t2, 7, 1],
      ["c", 4, t1, t1, 3, 1],
      ["d", 0, t1, t1, -4, 1],
    ];
    const db = recorder("duckdb", rows);
    const facts = await lifecycleFactsFromSql(db, { table: "log" }, { asOf: ASOF, validate: false });
    expect(facts.table.customerIds).toEqual(["c", "d", "a", "b"]);
    const table = facts.table;
    const laidOut = Array.from({ length: table.length }, (_, i) => [
      table.customerIds[table.customer[i]!],
      table.time[i],
      table.amount[i],
    ]);
    // Rows keep their order; a non-purchase row becomes a row of amount 0.
    expect(laidOut).toEqual([
      ["b", t2, 10],
      ["c", t2, 5],
      ["a", t2, 7],
      ["c", t1, 3],
      ["d", t1, 0],
    ]);
    expect([...facts.purchaseCounts].sort()).toEqual([
      ["a", 1],
      ["b", 1],
      ["c", 2],
    ]);
    const stages = await classifyLifecyclesFromSql(db, { table: "log" }, [], {
      asOf: ASOF,
      unknownCustomers: "report",
      validate: false,
    });
    expect(stages.map((r) => [r.customerId, r.evidence.purchases])).toEqual([
      ["c", 2],
      ["d", 0],
      ["a", 1],
      ["b", 1],
    ]);
  });

  it("an empty source (the probe finds no row) gives empty results without further queries", async () => {
    const db: SqlExecutor & { calls: number } = {
      dialect: "clickhouse",
      calls: 0,
      async query() {
        this.calls++;
        return [];
      },
    };
    expect(await customerTotalsFromSql(db, { table: "log" })).toEqual([]);
    expect(await rfmSummaryFromSql(db, { table: "log" })).toEqual([]);
    expect((await customerPeriodTableFromSql(db, { table: "log" })).length).toBe(0);
    const facts = await lifecycleFactsFromSql(db, { table: "log" }, { asOf: ASOF });
    expect([facts.table.length, facts.table.customerIds, facts.purchaseCounts.size]).toEqual([0, [], 0]);
    expect(db.calls).toBe(4);
  });
});

describe("customer-value/sql: engine errors", () => {
  const failing = (dialect: SqlDialect, error: unknown): SqlExecutor => ({
    dialect,
    query: async (sql) => {
      if (/pg_typeof|toTypeName/.test(sql)) return [PROBED[dialect]];
      throw error;
    },
  });
  const codeOf = async (db: SqlExecutor) =>
    customerTotalsFromSql(db, { table: "log" }).then(
      () => "no error",
      (e: unknown) => (e instanceof CustomerValueError ? e.code : e),
    );

  it("a missing table or column is UNKNOWN_NAME, SQL that does not parse INVALID_OPTION, a bad cell INVALID_RECORD", async () => {
    const pgError = (code: string) => Object.assign(new Error(`pg says ${code}`), { code });
    expect(await codeOf(failing("postgres", pgError("42703")))).toBe("UNKNOWN_NAME");
    expect(await codeOf(failing("postgres", pgError("42P01")))).toBe("UNKNOWN_NAME");
    expect(await codeOf(failing("postgres", pgError("42601")))).toBe("INVALID_OPTION");
    expect(await codeOf(failing("postgres", pgError("22P02")))).toBe("INVALID_RECORD");
    expect(
      await codeOf(failing("clickhouse", new Error("Code: 47, e.displayText() = Unknown identifier"))),
    ).toBe("UNKNOWN_NAME");
    expect(await codeOf(failing("clickhouse", new Error("Code: 62, Syntax error")))).toBe("INVALID_OPTION");
    expect(
      await codeOf(failing("duckdb", new Error("Catalog Error: Table with name log does not exist!"))),
    ).toBe("UNKNOWN_NAME");
    // @duckdb/node-api puts its own words first when it binds parameters or streams.
    const unparsed = 'Failed to extract statements: Parser Error: syntax error at or near "SELEC"';
    expect(await codeOf(failing("duckdb", new Error(unparsed)))).toBe("INVALID_OPTION");
    expect(await codeOf(failing("duckdb", new Error("Conversion Error: Could not convert")))).toBe(
      "INVALID_RECORD",
    );
    expect(await codeOf(failing("duckdb", new Error("IO Error: No files found")))).toBeInstanceOf(Error);
    const named = (await customerTotalsFromSql(failing("postgres", pgError("42703")), { table: "log" }).catch(
      (e: CustomerValueError) => e,
    )) as CustomerValueError;
    expect(named.message).toMatch(
      /^customerTotalsFromSql: PostgreSQL could not read the source: pg says 42703/,
    );
  });

  it("other errors (a lost connection) pass as the client threw them", async () => {
    const lost = new Error("Connection terminated unexpectedly");
    expect(await codeOf(failing("postgres", lost))).toBe(lost);
    expect(await codeOf(failing("clickhouse", new Error("socket hang up")))).toBeInstanceOf(Error);
  });

  it("bad rows counted by the validation are INVALID_RECORD with the counts", async () => {
    const db: SqlExecutor = { dialect: "duckdb", query: async () => [[2, 0, 1, 50]] };
    const error = (await customerTotalsFromSql(db, { table: "log" }).catch(
      (e: unknown) => e,
    )) as CustomerValueError;
    expect(error.code).toBe("INVALID_RECORD");
    expect(error.issues).toEqual([
      { path: "customerId", message: "2 rows without a non-empty id" },
      { path: "amount", message: "1 rows without a finite amount" },
    ]);
  });
});
