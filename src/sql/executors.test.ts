/**
 * The three ready executors, each against a stand-in client that records what it is asked
 * (and DuckDB against the real engine, in process): how values are bound, how rows come
 * back, and how each refuses what is not a client.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { bindInClient, type ClickHouseClientLike, clickhouseExecutor } from "./clickhouseExecutor.js";
import { duckdbExecutor } from "./duckdbExecutor.js";
import { batchesOf, type SqlRow } from "./executor.js";
import { type PostgresClientLike, type PostgresQueryConfig, postgresExecutor } from "./postgresExecutor.js";

const all = async (rows: Promise<unknown>) => {
  const out: SqlRow[] = [];
  for await (const batch of batchesOf((await rows) as never, "test")) out.push(...batch);
  return out;
};

describe("duckdbExecutor", () => {
  it("binds $1, $2 in DuckDB itself and reads dates without a zone as UTC", async () => {
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    await connection.run("SET TimeZone = 'Asia/Shanghai'");
    const db = duckdbExecutor(connection);
    const rows = await all(
      db.query("SELECT $1 || '!' AS a, $2 * 2 AS b, epoch_ms(CAST('2024-01-01' AS TIMESTAMPTZ)) AS c", [
        "x'; --",
        21,
      ]),
    );
    expect(rows).toEqual([["x'; --!", 42, BigInt(Date.UTC(2024, 0, 1))]]);
    connection.closeSync();
  });

  it("works without streaming too, and refuses what is not a connection", async () => {
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    const plain = {
      run: connection.run.bind(connection),
      runAndReadAll: connection.runAndReadAll.bind(connection),
    };
    expect(await all(duckdbExecutor(plain).query("SELECT range AS i FROM range(3)", []))).toEqual([
      [0n],
      [1n],
      [2n],
    ]);
    connection.closeSync();
    for (const junk of [null, {}, { run() {} }]) {
      expect(() => duckdbExecutor(junk as never)).toThrow(CustomerValueError);
    }
  });
});

/** A stand-in `pg` client: DECLARE/FETCH/CLOSE recorded, rows served 50,000 at a time. */
function fakePg(total: number) {
  const sent: PostgresQueryConfig[] = [];
  let served = 0;
  const client: PostgresClientLike & { release?: () => void } = {
    async query(config) {
      sent.push(config);
      if (!config.text.startsWith("FETCH")) return { rows: [] };
      const n = Math.min(50_000, total - served);
      served += n;
      return { rows: Array.from({ length: n }, (_, i) => [served - n + i]) };
    },
  };
  return { client, sent };
}

describe("postgresExecutor", () => {
  it("binds $1 in the server and streams rows through a cursor in batches of 50,000", async () => {
    const { client, sent } = fakePg(120_000);
    const db = postgresExecutor(client);
    const batches: number[] = [];
    for await (const batch of batchesOf(await db.query("SELECT x FROM t WHERE y > $1", [7]), "test")) {
      batches.push(batch.length);
    }
    expect(batches).toEqual([50_000, 50_000, 20_000]);
    expect(sent[0]!.text).toMatch(
      /^DECLARE customer_value_cursor_\d+ NO SCROLL CURSOR WITH HOLD FOR SELECT x FROM t WHERE y > \$1$/,
    );
    expect(sent[0]!.values).toEqual([7]);
    expect(sent.filter((q) => q.text.startsWith("FETCH FORWARD 50000")).length).toBe(3);
    expect(sent.at(-1)!.text).toMatch(/^CLOSE customer_value_cursor_\d+$/);
  });

  it("borrows one client of a pool per query and gives it back", async () => {
    const { client } = fakePg(3);
    let released = 0;
    const pool = {
      totalCount: 0,
      query: async () => ({ rows: [] }),
      connect: async () => ({ ...client, release: () => released++ }),
    };
    expect(await all(postgresExecutor(pool).query("SELECT 1", []))).toEqual([[0], [1], [2]]);
    expect(released).toBe(1);
  });

  it("refuses what is not a client", () => {
    for (const junk of [null, 3, { connect() {} }])
      expect(() => postgresExecutor(junk as never)).toThrow(/pg Client or Pool/);
  });
});

/**
 * A stand-in `@clickhouse/client` client of a server of `version`; `withParams` says whether
 * it takes query parameters.
 */
function fakeClickHouse(version: string, withParams: boolean) {
  const sent: { query: string; query_params?: Record<string, unknown> }[] = [];
  const client: ClickHouseClientLike = {
    async query(params) {
      sent.push(params);
      if (params.query_params && !withParams) {
        throw new Error("Code: 115, e.displayText() = DB::Exception: Unknown setting param_p1");
      }
      const rows = params.query.includes("version()")
        ? [{ json: () => ({ version }) as never }]
        : [{ json: () => ({ a: 1 }) as never }, { json: () => ({ a: 2 }) as never }];
      return {
        stream: async function* () {
          yield rows;
        },
      };
    },
  };
  return { client, sent };
}

describe("clickhouseExecutor", () => {
  it("sends values as query parameters to a server that has them (asking its version once)", async () => {
    const { client, sent } = fakeClickHouse("24.3.2.23", true);
    const db = clickhouseExecutor(client);
    expect(
      await all(db.query("SELECT a FROM t WHERE b > {p1:Float64} AND c = {p2:String}", [1.5, "x"])),
    ).toEqual([{ a: 1 }, { a: 2 }]);
    await all(db.query("SELECT {p1:Float64}", [3]));
    expect(sent).toEqual([
      { query: "SELECT version() AS version", format: "JSONEachRow" },
      {
        query: "SELECT a FROM t WHERE b > {p1:Float64} AND c = {p2:String}",
        format: "JSONEachRow",
        query_params: { p1: 1.5, p2: "x" },
      },
      { query: "SELECT {p1:Float64}", format: "JSONEachRow", query_params: { p1: 3 } },
    ]);
  });

  it("writes typed literals for a server before release 19 (Debian's 18.16)", async () => {
    const { client, sent } = fakeClickHouse("18.16.1", false);
    const db = clickhouseExecutor(client);
    await all(db.query("SELECT {p1:Float64}, {p2:Float64}", [3, -0.25]));
    expect(sent.map((s) => [s.query, s.query_params])).toEqual([
      ["SELECT version() AS version", undefined],
      ["SELECT CAST(3 AS Float64), CAST(-0.25 AS Float64)", undefined],
    ]);
  });

  it("falls back to typed literals once a server refuses parameters, and keeps to them", async () => {
    const { client, sent } = fakeClickHouse("19.1.6", false);
    const db = clickhouseExecutor(client);
    await all(db.query("SELECT {p1:Float64}", [2]));
    await all(db.query("SELECT {p1:Float64}", [4]));
    expect(sent.map((s) => [s.query, s.query_params])).toEqual([
      ["SELECT version() AS version", undefined],
      ["SELECT {p1:Float64}", { p1: 2 }],
      ["SELECT CAST(2 AS Float64)", undefined],
      ["SELECT CAST(4 AS Float64)", undefined],
    ]);
    const strict = clickhouseExecutor(fakeClickHouse("18.16.1", false).client, { binding: "server" });
    await expect(strict.query("SELECT {p1:Float64}", [1])).rejects.toThrow(/Unknown setting param_p1/);
  });

  it("writes literals that cannot break out: finite numbers only, strings escaped", () => {
    expect(bindInClient("SELECT {p1:String}, {p2:Float64}", ["a'b\\c", 1e21])).toBe(
      "SELECT 'a\\'b\\\\c', CAST(1e+21 AS Float64)",
    );
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, "1"]) {
      expect(() => bindInClient("SELECT {p1:Float64}", [bad as never])).toThrow(/p1 must be a finite number/);
    }
    expect(() => bindInClient("SELECT {p1:String}", [1])).toThrow(/p1 must be a string/);
  });

  it("refuses what is not a client, and an unknown binding", () => {
    expect(() => clickhouseExecutor(null as never)).toThrow(/@clickhouse\/client client/);
    expect(() =>
      clickhouseExecutor(fakeClickHouse("24.3", true).client, { binding: "inline" as never }),
    ).toThrow(/binding must be/);
  });
});
