import { describe, expect, it } from "vitest";
import { readTransactions } from "../engine/columns.js";
import { validateCustomers, validateSurveyResponses, validateTransactions } from "./validate.js";
import { caught } from "../../test/support/errors.js";

describe("validateTransactions", () => {
  it("returns valid transactions as new objects and keeps extra fields", () => {
    const input = Object.freeze([
      Object.freeze({ customerId: "C1", date: "2011-03-04", amount: 12.5, invoice: "536365" }),
      Object.freeze({
        customerId: "C2",
        date: new Date(Date.UTC(2011, 2, 5)),
        amount: -3,
        profit: -1,
        quantity: 2,
      }),
    ]);
    const out = validateTransactions(input);
    expect(out).toEqual(input);
    expect(out[0]).not.toBe(input[0]);
  });

  it("lists all three bad rows at once, each with its path", () => {
    const input = [
      { customerId: "C1", date: "2011-03-04", amount: 1 },
      { customerId: "C2", date: "2011-03-04", amount: "12,5" },
      { customerId: "C3", date: "2011-02-30", amount: 2 },
      { customerId: "C4", date: "2011-03-04", amount: 3 },
      { customerId: "", date: "2011-03-04", amount: Number.NaN },
    ];
    const error = caught(() => validateTransactions(input));
    expect(error.code).toBe("INVALID_RECORD");
    expect(error.issues).toEqual([
      { path: "[1].amount", message: 'expected a finite number, got "12,5"' },
      {
        path: "[2].date",
        message: 'expected a valid Date or ISO-8601 date string (e.g. "2011-03-04"), got "2011-02-30"',
      },
      { path: "[4].customerId", message: "expected a non-empty string id, got an empty string" },
      { path: "[4].amount", message: "expected a finite number, got NaN" },
    ]);
    expect(error.message).toContain('[1].amount: expected a finite number, got "12,5"');
    expect(error.message).toMatch(/^validateTransactions: 4 problems in 5 transactions/);
  });

  it("rejects Infinity, numeric ids, missing fields and non-arrays; never coerces", () => {
    const error = caught(() =>
      validateTransactions([
        { customerId: 17850, date: "2011-03-04", amount: 1 },
        { customerId: "C1", date: "2011-03-04", amount: Number.POSITIVE_INFINITY },
        { customerId: "C1", amount: 1 },
        { customerId: "C1", date: "2011-03-04", amount: 1, profit: "2" },
        null,
      ]),
    );
    expect(error.issues.map((i) => i.path)).toEqual([
      "[0].customerId",
      "[1].amount",
      "[2].date",
      "[3].profit",
      "[4]",
    ]);
    expect(error.issues[0]!.message).toBe("expected a non-empty string id, got 17850");
    expect(caught(() => validateTransactions({ customerId: "C1" })).code).toBe("INVALID_RECORD");
  });

  it("caps the message but keeps every issue", () => {
    const input = Array.from({ length: 50 }, (_, i) => ({
      customerId: `C${i}`,
      date: "2011-03-04",
      amount: "x",
    }));
    const error = caught(() => validateTransactions(input));
    expect(error.issues).toHaveLength(50);
    expect(error.message).toContain("… and 30 more");
  });

  it("the fast columnar reader reports the same issues as the schema", () => {
    const input = [
      { customerId: "C1", date: "2011-03-04", amount: 1 },
      { customerId: "C2", date: "2011-03-04", amount: "12,5" },
    ];
    const a = caught(() => readTransactions(input, "periodActivity"));
    const b = caught(() => validateTransactions(input));
    expect(a.issues).toEqual(b.issues);
    expect(a.message).toMatch(/^periodActivity: /);
  });

  it("the columnar reader encodes customers in first-appearance order", () => {
    const cols = readTransactions(
      [
        { customerId: "B", date: "2011-03-04", amount: 1, profit: 0.5 },
        { customerId: "A", date: "2011-03-05T12:00:00+02:00", amount: 2 },
        { customerId: "B", date: "2011-03-06", amount: 3, quantity: 4 },
      ],
      "f",
      { profit: true, quantity: true },
    );
    expect(cols.customerIds).toEqual(["B", "A"]);
    expect([...cols.customer]).toEqual([0, 1, 0]);
    expect(cols.time[1]).toBe(Date.UTC(2011, 2, 5, 10));
    expect([...cols.profit!]).toEqual([0.5, Number.NaN, Number.NaN]);
    expect([...cols.quantity!]).toEqual([Number.NaN, Number.NaN, 4]);
  });
});

describe("validateCustomers", () => {
  it("reports duplicate ids at every repeat", () => {
    const error = caught(() =>
      validateCustomers([
        { id: "C1" },
        { id: "C2" },
        { id: "C1" },
        { id: "C1", terminationNoticeAt: "2011-01-01" },
      ]),
    );
    expect(error.code).toBe("INVALID_RECORD");
    expect(error.issues).toEqual([
      { path: "[2].id", message: 'duplicate customer id "C1" (first at [0])' },
      { path: "[3].id", message: 'duplicate customer id "C1" (first at [0])' },
    ]);
  });
  it("checks dates and numbers of customer fields", () => {
    const error = caught(() => validateCustomers([{ id: "C1", value: "100", terminationNoticeAt: "soon" }]));
    expect(error.issues.map((i) => i.path)).toEqual(["[0].value", "[0].terminationNoticeAt"]);
  });
  it("treats hostile ids as data", () => {
    const out = validateCustomers([{ id: "__proto__" }, { id: "constructor" }, { id: "toString" }]);
    expect(out.map((c) => c.id)).toEqual(["__proto__", "constructor", "toString"]);
  });
});

describe("validateSurveyResponses", () => {
  it("accepts null for a skipped indicator and rejects non-numbers with their path", () => {
    expect(
      validateSurveyResponses([{ customerId: "C1", scores: { quality: 8, delivery: null } }]),
    ).toHaveLength(1);
    const error = caught(() =>
      validateSurveyResponses([{ customerId: "C1", scores: { quality: "8", "net promoter": Number.NaN } }]),
    );
    expect(error.issues.map((i) => i.path)).toEqual(["[0].scores.quality", '[0].scores["net promoter"]']);
  });
});
