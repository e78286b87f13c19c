/**
 * The pushdown in a ClickHouse cluster of two shards, against the servers `.ci/warehouse.sh`
 * starts: the sample log in the Distributed table `cv_sample` (dates as strings) and the
 * 1M-row log in `cv_log_1m` (DateTime), each over one MergeTree table per shard with rows
 * placed by a hash of the customer id. Every query goes to the Distributed table, so each
 * shard groups its part.
 */
import { createClient } from "@clickhouse/client";
import { describe, expect, it } from "vitest";
import { clickhouseExecutor } from "customer-value/sql";
import { engineSuite, HEAVY, REQUIRE_SERVERS, SERVERS } from "./fixtures.js";
import { sampleLog } from "./sample.js";

const configured = SERVERS.clickhouse !== undefined;
const quiet = { request_timeout: 600_000, log: { level: 127 as never } };

engineSuite("ClickHouse (two shards)", configured, async () => {
  const client = createClient({ url: SERVERS.clickhouse ?? "http://127.0.0.1:8123", ...quiet });
  return {
    db: clickhouseExecutor(client),
    sample: { table: "cv_sample" },
    million: { table: "default.cv_log_1m" },
    close: () => client.close(),
  };
});

describe.skipIf(!configured && !REQUIRE_SERVERS)("ClickHouse: the logs are spread over both shards", () => {
  const count = async (url: string, table: string) => {
    const client = createClient({ url, ...quiet });
    try {
      const result = await client.query({
        query: `SELECT count() AS n FROM ${table}`,
        format: "JSONEachRow",
      });
      const [row] = await result.json<{ n: string }>();
      return Number(row?.n);
    } finally {
      await client.close();
    }
  };

  it("each shard holds part of the sample log, and the Distributed table all of it", async () => {
    expect(SERVERS.clickhouseShards).toHaveLength(2);
    const shards = await Promise.all(SERVERS.clickhouseShards!.map((url) => count(url, "cv_sample_local")));
    for (const rows of shards) expect(rows).toBeGreaterThan(0);
    expect(shards[0]! + shards[1]!).toBe(sampleLog().length);
    expect(await count(SERVERS.clickhouse!, "cv_sample")).toBe(sampleLog().length);
  });

  it.runIf(HEAVY)("each shard holds part of the 1M-row log", async () => {
    const shards = await Promise.all(SERVERS.clickhouseShards!.map((url) => count(url, "cv_log_1m_local")));
    for (const rows of shards) expect(rows).toBeGreaterThan(100_000);
    expect(shards[0]! + shards[1]!).toBe(await count(SERVERS.clickhouse!, "cv_log_1m"));
  });
});
