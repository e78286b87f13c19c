import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import type { SqlExecutor, SqlParam, SqlRow } from "./executor.js";

/** A query as `pg` takes it. */
export interface PostgresQueryConfig {
  readonly text: string;
  readonly values?: SqlParam[];
  readonly rowMode?: "array";
}

/**
 * What the PostgreSQL executor needs of a `pg` `Client` (connected) or `Pool` (the module
 * never imports `pg`). A pool lends one client per query.
 */
export interface PostgresClientLike {
  query(config: PostgresQueryConfig): Promise<{ rows: unknown[] }>;
  connect?(): Promise<unknown>;
}

/** A client lent by a pool. */
interface PooledClient {
  query(config: PostgresQueryConfig): Promise<{ rows: unknown[] }>;
  release(): void;
}

/** Rows fetched per round trip. */
const FETCH_ROWS = 50_000;
let cursors = 0;

/**
 * The rows of one query through a cursor, `FETCH_ROWS` at a time, so that a large result
 * never sits in memory whole. `WITH HOLD` lets the cursor live outside a transaction block.
 */
async function* cursorRows(
  client: Pick<PooledClient, "query">,
  sql: string,
  params: readonly SqlParam[],
): AsyncGenerator<SqlRow[]> {
  const cursor = `customer_value_cursor_${++cursors}`;
  await client.query({
    text: `DECLARE ${cursor} NO SCROLL CURSOR WITH HOLD FOR ${sql}`,
    values: params.slice(),
  });
  try {
    for (;;) {
      const { rows } = await client.query({
        text: `FETCH FORWARD ${FETCH_ROWS} FROM ${cursor}`,
        rowMode: "array",
      });
      if (rows.length > 0) yield rows as SqlRow[];
      if (rows.length < FETCH_ROWS) break;
    }
  } finally {
    await client.query({ text: `CLOSE ${cursor}` }).catch(() => undefined);
  }
}

/** Whether `client` is a `pg` Pool (it counts its clients; a Client does not). */
const isPool = (client: object) => typeof (client as { totalCount?: unknown }).totalCount === "number";

async function* pooledRows(pool: PostgresClientLike, sql: string, params: readonly SqlParam[]) {
  const client = (await pool.connect!()) as PooledClient;
  try {
    yield* cursorRows(client, sql, params);
  } finally {
    client.release();
  }
}

/**
 * An executor over PostgreSQL through `pg`: placeholders `$1`, `$2`, … bound by the server;
 * rows read through a cursor in batches of 50,000, so large results stream. Pass a
 * connected `Client`, or a `Pool` (one client is borrowed per query and given back). The
 * generated SQL reads dates without regard to the session's time zone.
 *
 * @param client - a `pg` `Client` (connected) or `Pool`
 * @returns `{ dialect: "postgres", query(sql, params) }` for the functions of `customer-value/sql`
 * @throws {CustomerValueError} `INVALID_OPTION` when `client` has no `query` method
 * @example
 * const db = postgresExecutor(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 * (await rfmSummaryFromSql(db, { table: "sales.transactions" })).length; // => 23570 (for instance)
 */
export function postgresExecutor(client: PostgresClientLike): SqlExecutor {
  const c = client as Partial<PostgresClientLike> | null;
  if (typeof c !== "object" || c === null || typeof c.query !== "function") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `postgresExecutor: client must be a pg Client or Pool, got ${describeValue(client)}`,
    );
  }
  const pooled = isPool(client) && typeof client.connect === "function";
  return {
    dialect: "postgres",
    query: async (sql, params) =>
      pooled ? pooledRows(client, sql, params) : cursorRows(client, sql, params),
  };
}
