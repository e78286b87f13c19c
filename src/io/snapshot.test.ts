import { describe, expect, it } from "vitest";
import { caught } from "../../test/support/errors.js";
import { readSnapshot } from "./readSnapshot.js";
import { writeSnapshot } from "./writeSnapshot.js";

const records = Object.freeze({
  customers: [{ id: "C1", region: "North", firstContactAt: "2011-01-02T09:00:00+02:00", tier: { level: 2 } }],
  transactions: [
    { customerId: "C1", date: "2011-03-04", amount: 12.5, invoice: "536365" },
    { customerId: "C1", date: new Date(Date.UTC(2011, 2, 5, 10)), amount: -0, profit: 5e-324 },
  ],
  surveyResponses: [{ customerId: "C1", scores: { quality: 8, delivery: null } }],
});

describe("writeSnapshot and readSnapshot", () => {
  it("round-trip the records: values as they were, dates as Dates of the same instant", () => {
    const text = writeSnapshot(records);
    const back = readSnapshot(text);
    expect(back.customers).toEqual([
      { id: "C1", region: "North", firstContactAt: new Date("2011-01-02T07:00:00Z"), tier: { level: 2 } },
    ]);
    expect(back.transactions).toEqual([
      { customerId: "C1", date: new Date("2011-03-04T00:00:00Z"), amount: 12.5, invoice: "536365" },
      { customerId: "C1", date: new Date("2011-03-05T10:00:00Z"), amount: -0, profit: 5e-324 },
    ]);
    expect(Object.is(back.transactions[1]!.amount, -0)).toBe(true);
    expect(back.surveyResponses).toEqual(records.surveyResponses);
    expect(writeSnapshot(back)).toBe(text); // the same records give the same text
  });

  it("write a format name, version, SHA-256 checksum and counts", () => {
    const head = JSON.parse(writeSnapshot(records));
    expect(head.format).toBe("customer-value-snapshot");
    expect(head.version).toBe(1);
    expect(head.checksum.algorithm).toBe("SHA-256");
    expect(head.checksum.value).toMatch(/^[0-9a-f]{64}$/);
    expect(head.counts).toEqual({ customers: 1, transactions: 2, surveyResponses: 1 });
    // The empty data section's SHA-256, from coreutils:
    // printf '{"customers":[],\n"transactions":[],\n"surveyResponses":[]}' | sha256sum
    const empty = JSON.parse(writeSnapshot({ customers: [], transactions: [] }));
    expect(empty.checksum.value).toBe("2abd6ac3dc86219467e07d5ed7024c6e5523e128be8c733de2a8b18782daa742");
  });

  it("refuse a changed value (checksum) with INVALID_RECORD, and accept re-indenting", () => {
    const text = writeSnapshot(records);
    const changed = text.replace('"amount":12.5', '"amount":125');
    const error = caught(() => readSnapshot(changed));
    expect(error.code).toBe("INVALID_RECORD");
    expect(error.issues.map((i) => i.path)).toEqual(["checksum"]);
    // JSON.stringify writes -0 as 0, a change the checksum sees; without -0 re-indenting is no change.
    expect(caught(() => readSnapshot(JSON.stringify(JSON.parse(text), null, 2))).issues[0]!.path).toBe(
      "checksum",
    );
    const plain = writeSnapshot({
      customers: records.customers,
      transactions: records.transactions.slice(0, 1),
    });
    expect(readSnapshot(JSON.stringify(JSON.parse(plain), null, 2)).transactions).toHaveLength(1);
  });

  it("list every problem at once", () => {
    const bad = JSON.parse(writeSnapshot(records));
    bad.version = 7;
    bad.data.transactions[0].amount = "12,5";
    bad.data.customers.push({ id: "C1" });
    const error = caught(() => readSnapshot(JSON.stringify(bad)));
    expect(error.issues.map((i) => i.path)).toEqual([
      "version",
      "checksum",
      "data.customers[1].id",
      "data.transactions[0].amount",
    ]);
    expect(caught(() => readSnapshot("{")).code).toBe("INVALID_RECORD");
    expect(caught(() => readSnapshot(42 as never)).code).toBe("INVALID_OPTION");
  });

  it("refuse records JSON cannot hold exactly, and bad records, listing each", () => {
    const error = caught(() =>
      writeSnapshot({
        customers: [{ id: "" }],
        transactions: [
          { customerId: "C1", date: "2011-01-01", amount: 1, extra: Number.NaN, when: new Date(0) },
        ],
      }),
    );
    expect(error.code).toBe("INVALID_RECORD");
    expect(error.issues.map((i) => i.path)).toEqual(["customers[0].id"]);
    const extras = caught(() =>
      writeSnapshot({
        customers: [],
        transactions: [
          { customerId: "C1", date: "2011-01-01", amount: 1, extra: Number.NaN, when: new Date(0) },
        ],
      }),
    );
    expect(extras.issues.map((i) => i.path)).toEqual(["transactions[0].extra", "transactions[0].when"]);
  });
});
