/**
 * Fuzz tests of the input layer (validators, CSV, columnar tables, period keys,
 * sample data): RUNS generated calls per public function; a clean result or a
 * CustomerValueError, and a table is as good as records everywhere.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  generateSampleData,
  isTransactionTable,
  parseTransactionsCsv,
  periodActivity,
  periodKey,
  transactionTable,
  transactionTableFromColumns,
  validateCustomers,
  validateSurveyResponses,
  validateTransactions,
} from "customer-value";
import {
  amountArb,
  badTransactionArb,
  compact,
  dateArb,
  deepFreeze,
  HOSTILE_IDS,
  idArb,
  junkArb,
  logArb,
  okOrCvError,
  optionArb,
  orJunk,
  params,
  periodArb,
  timeZoneArb,
  transactionArb,
  expectFuzzReachedResults,
} from "./helpers.js";

afterAll(() => expectFuzzReachedResults());

describe("input: fuzz (a clean result or a CustomerValueError)", () => {
  it("validateTransactions: accepts exactly the valid logs, and lists every bad record", () => {
    fc.assert(
      fc.property(
        fc.array(transactionArb, { maxLength: 6 }),
        fc.array(badTransactionArb, { maxLength: 3 }),
        (good, bad) => {
          const input = deepFreeze([...good, ...bad]);
          // The records come back as the caller wrote them (an explicit `profit: undefined` stays): skip the walk.
          const r = okOrCvError(
            "validateTransactions",
            () => validateTransactions(input),
            (rows) => rows,
          );
          if (r !== undefined) expect(r).toHaveLength(input.length);
          // Valid records alone always pass, as new objects.
          const ok = validateTransactions(deepFreeze(good));
          expect(ok).toHaveLength(good.length);
        },
      ),
      params(),
    );
  });

  it("validateTransactions on junk", () => {
    fc.assert(
      fc.property(junkArb, (junk) => {
        okOrCvError("validateTransactions", () => validateTransactions(junk));
      }),
      params(),
    );
  });

  it("validateCustomers and validateSurveyResponses", () => {
    const customer = fc.oneof(
      fc
        .record({
          id: orJunk(idArb),
          segment: optionArb(fc.string()),
          value: optionArb(amountArb),
          firstContactAt: optionArb(dateArb),
          satisfaction: optionArb(fc.integer({ min: 0, max: 10 })),
        })
        .map(compact),
      junkArb,
    );
    const response = fc.oneof(
      fc.record({
        customerId: orJunk(idArb),
        scores: orJunk(
          fc.dictionary(
            fc.constantFrom("q1", "q2", "__proto__", "constructor"),
            fc.oneof(fc.integer({ min: 1, max: 10 }), fc.constant(null), junkArb),
          ),
        ),
      }),
      junkArb,
    );
    fc.assert(
      fc.property(fc.array(customer, { maxLength: 5 }), fc.array(response, { maxLength: 5 }), (cs, rs) => {
        okOrCvError("validateCustomers", () => validateCustomers(deepFreeze(cs)));
        okOrCvError("validateSurveyResponses", () => validateSurveyResponses(deepFreeze(rs)));
      }),
      params(),
    );
  });

  it("parseTransactionsCsv on random and hostile text", () => {
    const cell = fc.oneof(
      fc.constantFrom(
        ...HOSTILE_IDS.filter((id) => id.length < 100),
        "2011-03-04",
        "2011-02-30",
        "12,5",
        "1e3",
        "",
        '"',
        '"a""b"',
        "NaN",
        "-0",
        "Infinity",
      ),
      fc.string({ maxLength: 6 }),
      amountArb.map(String),
    );
    const line = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(","));
    const text = fc.oneof(
      fc.array(line, { maxLength: 5 }).map((lines) => ["customerId,date,amount", ...lines].join("\n")),
      fc.array(line, { maxLength: 5 }).map((lines) => lines.join("\r\n")),
      fc.string({ maxLength: 40 }),
      junkArb,
    );
    fc.assert(
      fc.property(
        text,
        optionArb(fc.constantFrom("throw", "skip")),
        optionArb(fc.constantFrom(".", ",")),
        optionArb(fc.constant(["date"])),
        optionArb(fc.constant({ customerId: "customerId" })),
        optionArb(fc.constant((row: Record<string, string>) => (row.amount === "0" ? "zero" : undefined))),
        (csv, onInvalid, decimal, keep, columns, exclude) => {
          const options = compact({ onInvalid, decimal, keep, columns, exclude });
          const r = okOrCvError("parseTransactionsCsv", () =>
            parseTransactionsCsv(csv as string, options as never),
          );
          if (r !== undefined)
            expect(r.transactions.length + r.invalid.length + r.excluded.length).toBe(r.rowCount);
        },
      ),
      params(),
    );
  });

  it("transactionTable and transactionTableFromColumns; a table gives the same analysis as its records", () => {
    const odd = fc.constantFrom(1e20, -1e20, 8.64e15 + 1, -8.64e15 - 1, Number.MAX_VALUE);
    fc.assert(
      fc.property(logArb(), fc.option(odd), (log, oddTime) => {
        deepFreeze(log);
        const table = okOrCvError(
          "transactionTable",
          () => transactionTable(log as never),
          (t) => [t],
        );
        if (table !== undefined) {
          expect(isTransactionTable(table)).toBe(true);
          const fromRecords = okOrCvError("periodActivity", () =>
            periodActivity(log as never, { period: "year" }),
          );
          const fromTable = okOrCvError("periodActivity", () => periodActivity(table, { period: "year" }));
          expect(fromTable).toEqual(fromRecords);
        }
        const rows = log as Record<string, unknown>[];
        const columns = {
          customerId: rows.map((r) => r?.customerId),
          date: rows.map((r, i) => (oddTime !== null && i === 0 ? oddTime : r?.date)),
          amount: new Float64Array(rows.map((r) => (typeof r?.amount === "number" ? r.amount : Number.NaN))),
        };
        const t2 = okOrCvError(
          "transactionTableFromColumns",
          () => transactionTableFromColumns(deepFreeze(columns) as never),
          (t) => [t],
        );
        if (t2 !== undefined) okOrCvError("periodActivity", () => periodActivity(t2, { period: "year" }));
      }),
      params(),
    );
  });

  it("transactionTableFromColumns on junk columns", () => {
    const column = fc.oneof(fc.array(junkArb, { maxLength: 3 }), junkArb, fc.array(idArb, { maxLength: 3 }));
    fc.assert(
      fc.property(
        fc.record({ customerId: column, date: column, amount: column, profit: column }, { requiredKeys: [] }),
        (columns) => {
          okOrCvError(
            "transactionTableFromColumns",
            () => transactionTableFromColumns(deepFreeze(columns) as never),
            (t) => [t],
          );
        },
      ),
      params(),
    );
  });

  it("periodKey", () => {
    fc.assert(
      fc.property(
        orJunk(dateArb, 10),
        orJunk(periodArb, 10),
        optionArb(timeZoneArb),
        (date, period, timeZone) => {
          const key = okOrCvError("periodKey", () =>
            periodKey(date as never, period as never, compact({ timeZone })),
          );
          if (key !== undefined) expect(key).toMatch(/^\d{4}(-(\d{2}|Q[1-4]|W\d{2})(-\d{2})?)?$/);
        },
      ),
      params(),
    );
  });

  it("generateSampleData: small, deterministic, valid", () => {
    fc.assert(
      fc.property(
        orJunk(fc.integer({ min: 1, max: 4 })).filter(
          (c) => typeof c !== "number" || c <= 4 || c > 10_000_000,
        ),
        optionArb(fc.integer({ min: 1, max: 3 })),
        optionArb(fc.integer({ min: 0, max: 1e6 })),
        (customers, months, seed) => {
          // customers always given (or junk): the default 400 would make each run slow.
          const options = compact({ customers: customers ?? 2, months, seed });
          const a = okOrCvError(
            "generateSampleData",
            () => generateSampleData(options as never),
            (s) => [s],
          );
          if (a === undefined) return;
          const b = generateSampleData(options as never);
          expect(b.transactions).toEqual(a.transactions);
          validateTransactions(a.transactions);
        },
      ),
      params(Math.min(params().numRuns!, 1000)),
    );
  });
});
