/**
 * The pushdown in PostgreSQL, against the server `.ci/warehouse.sh` starts: the sample log
 * in `cv_sample` (dates as text) and the 1M-row log in `cv_log_1m` (timestamptz). The
 * server runs in a zone other than UTC, and the results must not depend on it.
 */
import pg from "pg";
import { postgresExecutor } from "customer-value/sql";
import { engineSuite, SERVERS } from "./fixtures.js";

engineSuite("PostgreSQL", SERVERS.postgres !== undefined, async () => {
  const pool = new pg.Pool({ connectionString: SERVERS.postgres, max: 2 });
  return {
    db: postgresExecutor(pool),
    sample: { table: "cv_sample" },
    million: { table: "public.cv_log_1m" },
    close: () => pool.end(),
  };
});
