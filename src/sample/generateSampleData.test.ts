import { describe, expect, it } from "vitest";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { validateCustomers, validateSurveyResponses, validateTransactions } from "../records/validate.js";
import { generateSampleData } from "./generateSampleData.js";

describe("generateSampleData", () => {
  const sample = generateSampleData();

  it("is deterministic for a seed and differs between seeds", () => {
    expect(JSON.stringify(generateSampleData())).toBe(JSON.stringify(sample));
    expect(generateSampleData({ seed: 7 }).transactions[0]).not.toEqual(sample.transactions[0]);
  });

  it("produces records that pass validation", () => {
    expect(() => validateTransactions(sample.transactions)).not.toThrow();
    expect(() => validateCustomers(sample.customers)).not.toThrow();
    expect(() => validateSurveyResponses(sample.survey.before)).not.toThrow();
    expect(() => validateSurveyResponses(sample.survey.after)).not.toThrow();
  });

  it("spans the requested months and keeps transactions sorted and inside the history", () => {
    const s = generateSampleData({ customers: 60, months: 6, start: "2020-03-17" });
    expect(s.start).toBe("2020-03-01T00:00:00Z");
    expect(s.asOf).toBe("2020-08-31T23:59:59Z");
    const dates = s.transactions.map((t) => t.date);
    expect([...dates].sort()).toEqual(dates);
    expect(dates.every((d) => d >= s.start && d <= s.asOf)).toBe(true);
    expect(s.customers).toHaveLength(60);
  });

  it("has the patterns the analyses look for", () => {
    const revenue = new Map<string, number>();
    for (const t of sample.transactions)
      revenue.set(t.customerId, (revenue.get(t.customerId) ?? 0) + t.amount);
    const values = [...revenue.values()].sort((a, b) => b - a);
    const total = values.reduce((a, b) => a + b, 0);
    const top20 = values.slice(0, Math.ceil(values.length * 0.2)).reduce((a, b) => a + b, 0);
    expect(top20 / total).toBeGreaterThan(0.5); // heavy-tailed: the top fifth carries most revenue
    expect(sample.transactions.some((t) => t.amount < 0)).toBe(true); // returns
    const profit = new Map<string, number>();
    for (const t of sample.transactions) profit.set(t.customerId, (profit.get(t.customerId) ?? 0) + t.profit);
    expect([...profit.values()].some((p) => p < 0)).toBe(true); // loss-making customers
    const buyers = new Set(sample.transactions.map((t) => t.customerId));
    expect(sample.customers.some((c) => !buyers.has(c.id))).toBe(true); // prospects
    expect(sample.customers.some((c) => c.terminationNoticeAt !== undefined)).toBe(true);
    expect(sample.customers.some((c) => c.noticeWithdrawnAt !== undefined)).toBe(true);
    const firstMonth = new Map<string, string>();
    for (const t of sample.transactions)
      if (!firstMonth.has(t.customerId)) firstMonth.set(t.customerId, t.date.slice(0, 7));
    expect(new Set(firstMonth.values()).size).toBeGreaterThan(20); // new customers nearly every month
  });

  it("rejects bad sizes", () => {
    expect(() => generateSampleData({ customers: 0 })).toThrow(CustomerValueError);
    expect(() => generateSampleData({ months: 1.5 })).toThrow(/whole number/);
    expect(() => generateSampleData({ start: "someday" })).toThrow(/start/);
  });
});
