/**
 * Inputs that look right and are not: objects that pass `instanceof Date` without being
 * dates, columns whose length is not a row count, durations longer than the whole
 * calendar the library reads (years 0000 to 9999), model arguments that would make a
 * call run without end, CSV ids that are not UTF-8, and tables this library did not build. Each is a CustomerValueError with its
 * code, never a TypeError or RangeError from deep inside, nor a silently different answer.
 */
import { describe, expect, it } from "vitest";
import {
  classifyLifecycle,
  customerPortfolio,
  periodActivity,
  rfmSummary,
  transactionTable,
  transactionTableFromArrow,
  transactionTableFromColumns,
  transactionTableFromCsv,
  validateTransactions,
} from "customer-value";
import { bgNbdModel, paretoNbdModel } from "customer-value/models";
import { expectCode } from "./helpers.js";

const log = (date: unknown) => [
  { customerId: "a", date, amount: 5 },
  { customerId: "a", date: "2011-01-05", amount: 3 },
];

describe("Date look-alikes", () => {
  // Neither holds a time: Date.prototype.getTime throws on both.
  const lookAlikes = [Object.create(Date.prototype), new Proxy(new Date("2011-01-01"), {})];

  it("as a record's date: INVALID_RECORD naming the row", () => {
    for (const date of lookAlikes) {
      for (const run of [rfmSummary, periodActivity, validateTransactions]) {
        const error = expectCode(() => run(log(date) as never), "INVALID_RECORD");
        expect(error.issues[0]?.path).toBe("[0].date");
      }
    }
  });

  it("as an option: INVALID_OPTION", () => {
    const history = { transactions: log("2011-01-01") } as never;
    expectCode(() => classifyLifecycle(history, { asOf: Object.create(Date.prototype) }), "INVALID_OPTION");
  });
});

describe("row counts", () => {
  it("a column length that is negative, fractional or beyond 2^31 - 1 is INVALID_RECORD", () => {
    for (const length of [-1, 1.5, 1e12, Number.NaN]) {
      const column = { length };
      expectCode(
        () => transactionTableFromColumns({ customerId: column, date: column, amount: column } as never),
        "INVALID_RECORD",
      );
    }
  });

  it("an Arrow table whose numRows is not a row count is INVALID_RECORD", () => {
    const column = { length: 1, get: () => "a" };
    for (const numRows of [-1, 1.5]) {
      expectCode(
        () => transactionTableFromArrow({ numRows, getChild: () => column } as never),
        "INVALID_RECORD",
      );
    }
  });
});

describe("durations beyond the calendar", () => {
  const history = { transactions: log("2011-01-01") } as never;

  it("10,000 years pass; 10,001 years, or 300,000, are INVALID_OPTION", () => {
    expect(
      classifyLifecycle(history, { asOf: "2011-06-01", trendWindow: { years: 10_000 } }).stage,
    ).toBeTypeOf("string");
    for (const trendWindow of [{ years: 10_001 }, { years: 300_000 }, { months: 120_013 }]) {
      expectCode(() => classifyLifecycle(history, { asOf: "2011-06-01", trendWindow }), "INVALID_OPTION");
    }
    for (const option of ["recoveryWindow", "socializationWindow"]) {
      expectCode(
        () => classifyLifecycle(history, { asOf: "2011-06-01", [option]: { years: 300_000 } }),
        "INVALID_OPTION",
      );
    }
    expectCode(
      () => customerPortfolio(log("2011-01-01") as never, { asOf: "2011-06-01", window: { years: 300_000 } }),
      "INVALID_OPTION",
    );
  });
});

describe("model calls that could run without end", () => {
  it("probabilityOfPurchases refuses x above 10,000,000 at once (its formula sums x terms)", () => {
    const model = bgNbdModel({ r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 });
    expectCode(() => model.probabilityOfPurchases(2 ** 53 - 1, 39), "INVALID_OPTION");
    expectCode(() => model.probabilityOfPurchases(10_000_001, 39), "INVALID_OPTION");
    // The true probability is far below 1e-300; what is left is rounding in 1 - P(N < x).
    expect(model.probabilityOfPurchases(10_000_000, 39)).toBeLessThan(1e-20);
  });

  it("Pareto/NBD with r or s near 1e17: NOT_CONVERGED, not an endless integral", () => {
    const customer = { frequency: 3, recency: 5, T: 39 };
    expectCode(
      () => paretoNbdModel({ r: 1e17, alpha: 1, s: 1, beta: 1 }).probabilityAlive(customer),
      "NOT_CONVERGED",
    );
    expectCode(
      () => paretoNbdModel({ r: 0.5, alpha: 10, s: 1e17, beta: 11 }).probabilityAlive(customer),
      "NOT_CONVERGED",
    );
  });
});

describe("CSV bytes that are not UTF-8", () => {
  it("an id of invalid UTF-8 is INVALID_RECORD, not U+FFFD merging two different ids", () => {
    // "a" + ED A0 80 and "a" + ED A0 81: encoded lone surrogates, which UTF-8 forbids. Decoded
    // leniently, both become "a\uFFFD\uFFFD\uFFFD": one id for two customers.
    const text = (s: string) => [...new TextEncoder().encode(s)];
    const bytes = new Uint8Array([
      ...text("customerId,date,amount\na"),
      0xed,
      0xa0,
      0x80,
      ...text(",2011-01-01,1\na"),
      0xed,
      0xa0,
      0x81,
      ...text(",2011-01-01,2\nb,2011-01-01,3\n"),
    ]);
    const error = expectCode(() => transactionTableFromCsv(bytes), "INVALID_RECORD");
    expect(error.issues.map((issue) => issue.path)).toEqual(["row 1: customerId", "row 2: customerId"]);
  });
});

describe("tables this library did not build", () => {
  const rows = [
    { customerId: "a", date: "2011-01-01", amount: 5 },
    { customerId: "b", date: "2011-02-01", amount: 3 },
    { customerId: "a", date: "2011-03-01", amount: 3 },
  ];

  it("a structured clone (as sent to a worker) is checked and gives the original's results", () => {
    const table = transactionTable(rows);
    expect(rfmSummary(structuredClone(table))).toEqual(rfmSummary(table));
    expect(periodActivity(structuredClone(table))).toEqual(periodActivity(rows));
  });

  it("a JSON round trip, a customer number out of range or a short column is INVALID_RECORD", () => {
    const table = transactionTable(rows);
    expectCode(() => rfmSummary(JSON.parse(JSON.stringify(table))), "INVALID_RECORD");
    const forged = (change: object) => ({ ...structuredClone(table), ...change });
    expectCode(
      () => periodActivity(forged({ customer: new Int32Array([0, 7, 0]) }) as never),
      "INVALID_RECORD",
    );
    expectCode(() => periodActivity(forged({ length: 5 }) as never), "INVALID_RECORD");
    expectCode(() => periodActivity(forged({ customerIds: ["a", "a"] }) as never), "INVALID_RECORD");
    expectCode(
      () => periodActivity(forged({ time: new Float64Array([0, Number.NaN, 0]) }) as never),
      "INVALID_RECORD",
    );
  });
});
