import { describe, expect, it } from "vitest";
import { generateSampleData } from "../sample/generateSampleData.js";
import { transactionTable } from "../table/TransactionTable.js";
import { classifyLifecycle } from "./classifyLifecycle.js";
import { classifyLifecycles } from "./classifyLifecycles.js";
import { caught, codeOf } from "../../test/support/errors.js";

function frozen<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

describe("classifyLifecycles", () => {
  const asOf = "2011-12-01T00:00:00Z";

  it("classifies every listed customer, in list order; customers without purchases are prospects", () => {
    const customers = frozen([
      { id: "B" },
      { id: "A", terminationNoticeAt: "2011-11-01" },
      { id: "__proto__" },
    ]);
    const transactions = frozen([
      { customerId: "A", date: "2011-10-01", amount: 10 },
      { customerId: "__proto__", date: "2011-11-15", amount: 10 },
      { customerId: "B", date: "2011-11-10", amount: -5 }, // a return: not a purchase
    ]);
    const rows = classifyLifecycles(customers, transactions, { asOf });
    expect(rows.map((r) => [r.customerId, r.stage, r.phase])).toEqual([
      ["B", "prospecting", undefined],
      ["A", "decline", "termination"],
      ["__proto__", "socialization", undefined],
    ]);
  });

  it("gives exactly what classifyLifecycle gives per customer (sample data: notices, satisfaction, returns)", () => {
    const sample = generateSampleData({ customers: 150, months: 30, seed: 7 });
    // Shuffle the log so that grouping has to sort.
    const log = sample.transactions.map((t, i) => ({ t, k: (i * 7919) % sample.transactions.length }));
    log.sort((a, b) => a.k - b.k);
    const transactions = frozen(log.map((x) => x.t));
    const options = { asOf: "2024-06-30T12:00:00Z", dissatisfiedBelow: 6 };
    const rows = classifyLifecycles(frozen(sample.customers), transactions, options);
    expect(rows).toHaveLength(sample.customers.length);
    const stages = new Set(rows.map((r) => r.stage));
    expect(stages.size).toBeGreaterThanOrEqual(5); // the comparison covers many rules
    for (const [k, c] of sample.customers.entries()) {
      const own = transactions.filter((t) => t.customerId === c.id);
      const single = classifyLifecycle(
        {
          transactions: own,
          ...(c.terminationNoticeAt === undefined ? {} : { terminationNoticeAt: c.terminationNoticeAt }),
          ...(c.noticeWithdrawnAt === undefined ? {} : { noticeWithdrawnAt: c.noticeWithdrawnAt }),
          ...(c.satisfaction === undefined ? {} : { satisfaction: c.satisfaction }),
        },
        options,
      );
      expect(rows[k]).toEqual({ customerId: c.id, ...single });
    }
    // A TransactionTable gives the same rows.
    expect(classifyLifecycles(sample.customers, transactionTable(transactions), options)).toEqual(rows);
  });

  it("throws UNKNOWN_CUSTOMER for a transaction of an unlisted customer, or reports it", () => {
    const customers = [{ id: "A" }];
    const transactions = [
      { customerId: "A", date: "2011-10-01", amount: 10 },
      { customerId: "X", date: "2011-11-20", amount: 10 },
    ];
    expect(codeOf(() => classifyLifecycles(customers, transactions, { asOf }))).toBe("UNKNOWN_CUSTOMER");
    expect(() => classifyLifecycles(customers, transactions, { asOf })).toThrow(/"X"/);
    const rows = classifyLifecycles(customers, transactions, { asOf, unknownCustomers: "report" });
    expect(rows.map((r) => [r.customerId, r.stage, r.unknownCustomer])).toEqual([
      ["A", "socialization", undefined],
      ["X", "socialization", true],
    ]);
  });

  it("rejects duplicate ids, bad customers and bad options", () => {
    expect(codeOf(() => classifyLifecycles([{ id: "A" }, { id: "A" }], [], { asOf }))).toBe("DUPLICATE_ID");
    expect(codeOf(() => classifyLifecycles([{ id: "" }], [], { asOf }))).toBe("INVALID_RECORD");
    expect(
      codeOf(() => classifyLifecycles([{ id: "A", terminationNoticeAt: "2011-02-30" }], [], { asOf })),
    ).toBe("INVALID_RECORD");
    expect(
      codeOf(() =>
        classifyLifecycles([{ id: "A" }], [], { asOf, unknownCustomers: "ignore" as unknown as "report" }),
      ),
    ).toBe("INVALID_OPTION");
    expect(
      codeOf(() => classifyLifecycles([{ id: "A" }], [{ customerId: "A", date: "x", amount: 1 }], { asOf })),
    ).toBe("INVALID_RECORD");
  });

  it("names the customer and the field of every bad fact", () => {
    const bad = { id: "B", terminationNoticeAt: "2011-02-30", satisfaction: "high" as unknown as number };
    const err = caught(() => classifyLifecycles([{ id: "A" }, bad], [], { asOf }));
    expect(err.issues.map((i) => i.path)).toEqual(["[1].terminationNoticeAt", "[1].satisfaction"]);
    // the single-history form: no index in the path
    const one = caught(() => classifyLifecycle({ transactions: [], ...bad }, { asOf }));
    expect(one.issues.map((i) => i.path)).toEqual(["terminationNoticeAt", "satisfaction"]);
  });
});
