/**
 * Fuzz of `customer-value/duckdb` against a real in-memory DuckDB: random and malformed
 * logs (ids, dates and amounts as text cells, some junk, some NULL) and junk options.
 * Accepted: a clean result, or a CustomerValueError whose message names the function.
 * 1,000 cases per function, like every other public function.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CustomerValueError } from "customer-value";
import {
  customerPeriodTableFromDuckDB,
  customerTotalsFromDuckDB,
  rfmSummaryFromDuckDB,
} from "customer-value/duckdb";
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
  requiredColumns,
} from "./helpers.js";

let connection: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  connection = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => connection?.closeSync());

afterAll(() => expectFuzzReachedResults());

/** An SQL cell: a text literal, mostly good, sometimes junk text or NULL. */
const sqlCell = (good: fc.Arbitrary<string>) =>
  fc
    .oneof(
      { weight: 12, arbitrary: good },
      { weight: 1, arbitrary: junkArb.map(junkAsText) },
      { weight: 1, arbitrary: fc.constant(null) },
    )
    .map((v) => (v === null ? "NULL" : `'${v.replaceAll("'", "''")}'`));

/** A `{ sql }` source over VALUES rows (text columns, cast by the adapter). */
const sourceArb = fc
  .array(fc.tuple(sqlCell(idArb), sqlCell(dayStringArb), sqlCell(amountArb.map(String))), {
    minLength: 1,
    maxLength: 6,
  })
  .map((rows) => ({
    sql: `SELECT * FROM (VALUES ${rows.map((r) => `(${r.join(", ")})`).join(", ")}) t(customerId, date, amount)`,
  }));

const columnsArb = optionArb(
  fc.record(
    { customerId: fc.constant("customerId"), amount: fc.constantFrom("amount", "missing", "") },
    { requiredKeys: [] },
  ),
);

describe("customer-value/duckdb: fuzz (a clean result or a CustomerValueError)", () => {
  it("customerTotalsFromDuckDB", async () => {
    await fc.assert(
      fc.asyncProperty(sourceArb, columnsArb, optionArb(fc.boolean()), async (source, columns, validate) => {
        const options = {
          ...(columns === undefined ? {} : { columns }),
          ...(validate === undefined ? {} : { validate }),
        };
        const rows = await okOrCvErrorAsync("customerTotalsFromDuckDB", () =>
          customerTotalsFromDuckDB(connection, source, options as never),
        );
        if (rows !== undefined) expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
      }),
      params(),
    );
  });

  it("rfmSummaryFromDuckDB", async () => {
    await fc.assert(
      fc.asyncProperty(
        sourceArb,
        optionArb(fc.constantFrom("2013-12-31", "2011-06-30T12:00:00Z")),
        optionArb(fc.constantFrom("day", "week")),
        async (source, observationEnd, aggregate) => {
          const options = {
            ...(observationEnd === undefined ? {} : { observationEnd }),
            ...(aggregate === undefined ? {} : { aggregate }),
          };
          const rows = await okOrCvErrorAsync("rfmSummaryFromDuckDB", () =>
            rfmSummaryFromDuckDB(connection, source, options as never),
          );
          if (rows !== undefined) for (const r of rows) expect(r.recency).toBeLessThanOrEqual(r.T);
        },
      ),
      params(),
    );
  });

  it("customerPeriodTableFromDuckDB", async () => {
    await fc.assert(
      fc.asyncProperty(
        sourceArb,
        optionArb(fc.constantFrom("day", "week", "month", "quarter", "year")),
        async (source, period) => {
          const table = await okOrCvErrorAsync("customerPeriodTableFromDuckDB", async () => {
            const t = await customerPeriodTableFromDuckDB(
              connection,
              source,
              (period === undefined ? {} : { period }) as never,
            );
            return requiredColumns(t);
          });
          if (table !== undefined) expect(table.customer).toHaveLength(table.length);
        },
      ),
      params(),
    );
  });

  it("null, a number, a string, an array or true as options is INVALID_OPTION naming the function", async () => {
    const source = { sql: "SELECT 'A' AS customerId, '2011-01-01' AS date, 1 AS amount" };
    const calls = {
      customerTotalsFromDuckDB: (o: unknown) => customerTotalsFromDuckDB(connection, source, o as never),
      rfmSummaryFromDuckDB: (o: unknown) => rfmSummaryFromDuckDB(connection, source, o as never),
      customerPeriodTableFromDuckDB: (o: unknown) =>
        customerPeriodTableFromDuckDB(connection, source, o as never),
    };
    for (const [fn, call] of Object.entries(calls)) {
      for (const junk of [null, 42, "month", [], true]) {
        const error = await call(junk).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, `${fn}(${JSON.stringify(junk)})`).toBeInstanceOf(CustomerValueError);
        expect((error as CustomerValueError).code).toBe("INVALID_OPTION");
        expect((error as CustomerValueError).message).toMatch(
          new RegExp(`^${fn}: options must be an object`),
        );
      }
    }
  });

  it("a column the source does not have is UNKNOWN_NAME; non-finite amounts with validate: false are INVALID_RECORD", async () => {
    const source = { sql: "SELECT 'A' AS customerId, '2011-01-01' AS date, 'Infinity' AS amount" };
    const missing = await customerTotalsFromDuckDB(connection, source, {
      columns: { amount: "missing" },
    }).catch((e: unknown) => e);
    expect((missing as CustomerValueError).code).toBe("UNKNOWN_NAME");
    expect((missing as CustomerValueError).message).toMatch(
      /^customerTotalsFromDuckDB: DuckDB could not read the source/,
    );
    // validate: false skips the row counts, but an infinite total still never reaches a result.
    const infinite = await customerTotalsFromDuckDB(connection, source, { validate: false }).catch(
      (e: unknown) => e,
    );
    expect((infinite as CustomerValueError).code).toBe("INVALID_RECORD");
    expect((infinite as CustomerValueError).issues).toEqual([
      { path: "value", message: "1 result rows with a missing or non-finite value" },
      { path: "purchases", message: "1 result rows with a missing or non-finite purchases" },
    ]);
  });
});
