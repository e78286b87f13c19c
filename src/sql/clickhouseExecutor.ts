import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import type { SqlExecutor, SqlParam, SqlRow } from "./executor.js";

/** A query as `@clickhouse/client` takes it. */
export interface ClickHouseQueryParams {
  readonly query: string;
  readonly format: "JSONEachRow";
  readonly query_params?: Record<string, SqlParam>;
}

/** What the ClickHouse executor needs of an `@clickhouse/client` client (the module never imports it). */
export interface ClickHouseClientLike {
  query(params: ClickHouseQueryParams): Promise<{
    stream(): AsyncIterable<readonly { json<T = unknown>(): T }[]>;
  }>;
}

/** Options of {@link clickhouseExecutor}. */
export interface ClickHouseExecutorOptions {
  /**
   * How values reach the server (default `"auto"`): `"server"` sends them as query
   * parameters (`{p1:Float64}` with `param_p1`, ClickHouse 19 and later); `"client"` writes
   * each into the query as a typed literal (a finite number, or a string quoted and escaped),
   * for servers without query parameters such as Debian's 18.16; `"auto"` asks the server's
   * version once, binds in the client before release 19, else tries the server first and
   * keeps to the client once the server refuses them.
   */
  readonly binding?: "auto" | "server" | "client";
}

const PLACEHOLDER = /\{p(\d+):(Float64|String)\}/g;

/** A string as a ClickHouse literal: quoted, with backslashes and quotes escaped. */
const stringLiteral = (text: string) => `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;

/**
 * The query with every placeholder replaced by its value as a typed literal: numbers must be
 * finite (JavaScript's shortest round-trip form, cast to Float64), strings are escaped.
 */
export function bindInClient(sql: string, params: readonly SqlParam[]): string {
  return sql.replace(PLACEHOLDER, (_, index: string, type: string) => {
    const value = params[Number(index) - 1];
    if (type === "Float64" && typeof value === "number" && Number.isFinite(value)) {
      return `CAST(${String(value)} AS Float64)`;
    }
    if (type === "String" && typeof value === "string") return stringLiteral(value);
    throw new CustomerValueError(
      "INVALID_OPTION",
      `clickhouseExecutor: parameter p${index} must be a ${type === "Float64" ? "finite number" : "string"}, got ${describeValue(value)}`,
    );
  });
}

/** Query parameters by name: `p1`, `p2`, … */
const named = (params: readonly SqlParam[]) => Object.fromEntries(params.map((v, i) => [`p${i + 1}`, v]));

/** Rows of a JSONEachRow result as plain objects, batch by batch. */
async function* rowsOf(
  stream: AsyncIterable<readonly { json<T = unknown>(): T }[]>,
): AsyncGenerator<SqlRow[]> {
  for await (const batch of stream) yield batch.map((row) => row.json<Record<string, unknown>>());
}

/** Whether the server refused query parameters (servers before 19.x take `param_p1` for a setting). */
const refusesParams = (error: unknown) =>
  /Unknown setting param_/.test(error instanceof Error ? error.message : String(error));

/**
 * An executor over ClickHouse through `@clickhouse/client` (1.x): placeholders
 * `{p1:Float64}`, `{p2:String}`, …; rows streamed as `JSONEachRow` (the format every
 * release since 18.16 serves over HTTP). Query a `Distributed` table to have the cluster
 * group the rows, each shard its part. Values travel as query parameters where the server
 * has them, else as typed literals (see {@link ClickHouseExecutorOptions.binding}).
 *
 * @param client - an `@clickhouse/client` client (`createClient({ url })`)
 * @param options - `binding`
 * @returns `{ dialect: "clickhouse", query(sql, params) }` for the functions of `customer-value/sql`
 * @throws {CustomerValueError} `INVALID_OPTION` when `client` has no `query` method or `binding` is unknown
 * @example
 * const db = clickhouseExecutor(createClient({ url: "http://127.0.0.1:8123" }));
 * (await customerTotalsFromSql(db, { table: "transactions" })).length; // => 864479 (for instance)
 */
export function clickhouseExecutor(
  client: ClickHouseClientLike,
  options: ClickHouseExecutorOptions = {},
): SqlExecutor {
  const fn = "clickhouseExecutor";
  const c = client as Partial<ClickHouseClientLike> | null;
  if (typeof c !== "object" || c === null || typeof c.query !== "function") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: client must be an @clickhouse/client client, got ${describeValue(client)}`,
    );
  }
  const requested = options?.binding ?? "auto";
  if (!["auto", "server", "client"].includes(requested)) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: binding must be "auto", "server" or "client", got ${describeValue(requested)}`,
    );
  }
  let binding = requested;
  const run = async (query: string, params?: Record<string, SqlParam>) =>
    rowsOf(
      (
        await client.query({ query, format: "JSONEachRow", ...(params ? { query_params: params } : {}) })
      ).stream(),
    );
  // "auto" asks the server's version once: releases before 19 have no query parameters.
  let versionChecked: Promise<void> | undefined;
  const checkVersion = async () => {
    for await (const batch of await run("SELECT version() AS version")) {
      const version = String((batch[0] as { version?: unknown } | undefined)?.version);
      if (Number(/^(\d+)\./.exec(version)?.[1]) < 19 && binding === "auto") binding = "client";
    }
  };
  return {
    dialect: "clickhouse",
    async query(sql, params) {
      if (params.length === 0) return run(sql);
      if (binding === "auto") await (versionChecked ??= checkVersion());
      if (binding !== "client") {
        try {
          const rows = await run(sql, named(params));
          binding = "server";
          return rows;
        } catch (error) {
          if (binding === "server" || !refusesParams(error)) throw error;
          binding = "client";
        }
      }
      return run(bindInClient(sql, params));
    },
  };
}
