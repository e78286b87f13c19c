import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { Transaction } from "../records/Transaction.js";
import { type RfmSummaryRow, rfmSummary } from "./rfmSummary.js";
import { codeOf } from "../../test/support/errors.js";

const close = (actual: number, expected: number, rel = 1e-12) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));

const tx = (customerId: string, date: string, amount: number): Transaction =>
  Object.freeze({ customerId, date, amount });
const freeze = (rows: Transaction[]) => Object.freeze(rows) as readonly Transaction[];

describe("rfmSummary: lifetimes conventions on hand-built logs", () => {
  it("leaves the first purchase out of the monetary value whatever the input order", () => {
    // First purchase 2024-03-01 (100) is left out; repeats 03-10 (10) and 03-20 (30):
    // frequency 2, monetary (10 + 30) / 2 = 20, recency 03-01 -> 03-20 = 19 days,
    // T 03-01 -> 03-31 = 30 days.
    const log = [tx("A", "2024-03-20", 30), tx("A", "2024-03-10", 10), tx("A", "2024-03-01", 100)];
    for (const rows of [log, [...log].reverse(), [log[1]!, log[2]!, log[0]!]]) {
      expect(rfmSummary(freeze(rows), { observationEnd: "2024-03-31" })).toEqual([
        { customerId: "A", frequency: 2, recency: 19, T: 30, monetaryValue: 20 },
      ]);
    }
  });

  it("merges same-day purchases into one, summing their values", () => {
    // 03-01: 5; 03-02: 7 + 3 = 10 (one purchase); 03-04: 20 -> frequency 2, monetary (10 + 20) / 2 = 15.
    const log = freeze([
      tx("A", "2024-03-02T09:00:00Z", 7),
      tx("A", "2024-03-01", 5),
      tx("A", "2024-03-04", 20),
      tx("A", "2024-03-02T17:30:00Z", 3),
    ]);
    expect(rfmSummary(log, { observationEnd: "2024-03-05" })).toEqual([
      { customerId: "A", frequency: 2, recency: 3, T: 4, monetaryValue: 15 },
    ]);
  });

  it("counts two purchases in one ISO week once with aggregate: 'week'", () => {
    // 2024-01-01 is a Monday (2024-W01): Mon 01-01 (10) and Sun 01-07 (20) share W01;
    // Mon 01-08 (5) is W02. observationEnd Wed 01-31 is in W05.
    // Weeks: frequency 1, recency W02 - W01 = 1, T W05 - W01 = 4, monetary 5.
    const log = freeze([tx("A", "2024-01-01", 10), tx("A", "2024-01-07", 20), tx("A", "2024-01-08", 5)]);
    expect(rfmSummary(log, { observationEnd: "2024-01-31", aggregate: "week" })).toEqual([
      { customerId: "A", frequency: 1, recency: 1, T: 4, monetaryValue: 5 },
    ]);
    // The same in days: three purchase days, recency 7, T 30.
    expect(rfmSummary(log, { observationEnd: "2024-01-31" })).toEqual([
      { customerId: "A", frequency: 2, recency: 7, T: 30, monetaryValue: 12.5 },
    ]);
    // Weekly periods measured in days: 1 week = 7 days, 4 weeks = 28 days.
    expect(rfmSummary(log, { observationEnd: "2024-01-31", aggregate: "week", unit: "day" })).toEqual([
      { customerId: "A", frequency: 1, recency: 7, T: 28, monetaryValue: 5 },
    ]);
  });

  it("uses ISO weeks across a year end (2024-12-30 and 2025-01-05 are both 2025-W01)", () => {
    const log = freeze([tx("A", "2024-12-30", 1), tx("A", "2025-01-05", 2), tx("A", "2024-12-29", 4)]);
    // 2024-12-29 is Sunday of 2024-W52; the other two share 2025-W01 -> one repeat week worth 1 + 2 = 3.
    expect(rfmSummary(log, { aggregate: "week" })).toEqual([
      { customerId: "A", frequency: 1, recency: 1, T: 1, monetaryValue: 3 },
    ]);
  });

  it("measures time in days / 7 with unit: 'week', as the CDNOW summary files do", () => {
    // 2024-01-01 -> 2024-01-11 = 10 days = 10/7 weeks; T to 2024-01-31 = 30/7 weeks.
    const log = freeze([tx("A", "2024-01-01", 1), tx("A", "2024-01-11", 2)]);
    const [row] = rfmSummary(log, { observationEnd: "2024-01-31", unit: "week" });
    expect(row!.frequency).toBe(1);
    close(row!.recency, 10 / 7);
    close(row!.T, 30 / 7);
  });

  it("counts the observation-end day in full and nothing after it", () => {
    const log = freeze([
      tx("A", "2024-01-01", 1),
      tx("A", "2024-01-31T23:59:59Z", 2), // on the end day: counts
      tx("A", "2024-02-01T00:00:00Z", 4), // the next day: ignored
      tx("B", "2024-02-02", 8), // only after the end: B is left out
    ]);
    const expected = [{ customerId: "A", frequency: 1, recency: 30, T: 30, monetaryValue: 2 }];
    expect(rfmSummary(log, { observationEnd: "2024-01-31" })).toEqual(expected);
    expect(rfmSummary(log, { observationEnd: "2024-01-31T00:00:00Z" })).toEqual(expected);
    expect(rfmSummary(log, { observationEnd: new Date(Date.UTC(2024, 0, 31, 12)) })).toEqual(expected);
  });

  it("measures whole calendar days, whatever the time of day", () => {
    // 23:59 and 00:01 the next day are one day apart, not 2 minutes.
    const log = freeze([tx("A", "2024-01-01T23:59:00Z", 1), tx("A", "2024-01-02T00:01:00Z", 1)]);
    expect(rfmSummary(log)).toEqual([{ customerId: "A", frequency: 1, recency: 1, T: 1, monetaryValue: 1 }]);
  });

  it("cuts days in the given time zone", () => {
    // 2024-01-01T20:00Z is 2024-01-02 04:00 in Shanghai (UTC+8): the same day as 2024-01-02T10:00Z there.
    const log = freeze([tx("A", "2024-01-01T20:00:00Z", 1), tx("A", "2024-01-02T10:00:00Z", 2)]);
    expect(rfmSummary(log)[0]!.frequency).toBe(1);
    expect(rfmSummary(log, { timeZone: "Asia/Shanghai" })).toEqual([
      { customerId: "A", frequency: 0, recency: 0, T: 0, monetaryValue: 0 },
    ]);
  });

  it("defaults the observation end to the last day of the log, for every customer", () => {
    // Last transaction 2024-01-21 (B); A's first purchase 01-01 -> T = 20 days.
    const log = freeze([tx("A", "2024-01-01", 1), tx("B", "2024-01-11", 1), tx("B", "2024-01-21", 3)]);
    expect(rfmSummary(log)).toEqual([
      { customerId: "A", frequency: 0, recency: 0, T: 20, monetaryValue: 0 },
      { customerId: "B", frequency: 1, recency: 10, T: 10, monetaryValue: 3 },
    ]);
  });

  it("counts every transaction whatever its amount, and sorts rows by customer id", () => {
    // A $0 row is a purchase (lifetimes has no notion of amount); a -5 return lowers its day.
    const log = freeze([
      tx("b", "2024-01-01", 10),
      tx("b", "2024-01-02", 0),
      tx("__proto__", "2024-01-01", 10),
      tx("__proto__", "2024-01-03", 15),
      tx("__proto__", "2024-01-03", -5),
      tx("A", "2024-01-01", 1),
    ]);
    expect(rfmSummary(log, { observationEnd: "2024-01-03" })).toEqual([
      { customerId: "A", frequency: 0, recency: 0, T: 2, monetaryValue: 0 },
      { customerId: "__proto__", frequency: 1, recency: 2, T: 2, monetaryValue: 10 },
      { customerId: "b", frequency: 1, recency: 1, T: 2, monetaryValue: 0 },
    ]);
  });

  it("returns [] for an empty log or one entirely after the observation end", () => {
    expect(rfmSummary([])).toEqual([]);
    expect(rfmSummary([], { observationEnd: "2024-01-01" })).toEqual([]);
    expect(rfmSummary([tx("A", "2024-02-01", 1)], { observationEnd: "2024-01-01" })).toEqual([]);
  });

  it("rejects bad options and records with CustomerValueError", () => {
    const log = [tx("A", "2024-01-01", 1)];
    expect(codeOf(() => rfmSummary(log, { observationEnd: "2024-02-30" }))).toBe("INVALID_OPTION");
    expect(codeOf(() => rfmSummary(log, { aggregate: "month" as "day" }))).toBe("INVALID_OPTION");
    expect(codeOf(() => rfmSummary(log, { unit: "year" as "day" }))).toBe("INVALID_OPTION");
    expect(codeOf(() => rfmSummary(log, { timeZone: "Mars/Olympus" }))).toBe("INVALID_OPTION");
    expect(codeOf(() => rfmSummary([{ customerId: "A", date: "x", amount: 1 }]))).toBe("INVALID_RECORD");
    expect(codeOf(() => rfmSummary(log, null as never))).toBe("INVALID_OPTION");
    expect(() => rfmSummary(log, { aggregate: "month" as "day" })).toThrow(/rfmSummary: aggregate/);
  });
});

describe("rfmSummary: CDNOW customers derived by hand", () => {
  // Rows of CDNOW_sample.txt (sample ids 1, 2, 19, 26), observation end 1997-09-30, weeks.
  // Expected values: day counts worked out by hand; the last column of
  // cdnow_customers_summary(_with_transactions).csv (rounded to 2 dp) agrees.
  const log = freeze([
    tx("1", "1997-01-01", 29.33),
    tx("1", "1997-01-18", 29.73),
    tx("1", "1997-08-02", 14.96),
    tx("1", "1997-12-12", 26.48), // after the observation end
    tx("2", "1997-01-01", 63.34),
    tx("2", "1997-01-13", 11.77),
    tx("19", "1997-01-02", 35.93),
    tx("19", "1997-02-23", 26.73),
    tx("19", "1997-04-20", 23.76),
    tx("19", "1997-07-19", 24.74),
    tx("19", "1998-02-15", 15.49),
    tx("19", "1998-05-05", 43.47),
    tx("26", "1997-01-02", 3.99),
    tx("26", "1997-01-13", 166.89), // two rows on one day: one purchase of 227.14
    tx("26", "1997-01-13", 60.25),
  ]);
  const rows = new Map(
    rfmSummary(log, { observationEnd: "1997-09-30", unit: "week" }).map((r) => [r.customerId, r]),
  );

  it("customer 1: recency 213 days (01-01 -> 08-02), T 272 days (-> 09-30)", () => {
    // Jan..Jul = 31+28+31+30+31+30+31 = 212 days, so 08-02 is day 213; + Aug 31 + 29 = 272.
    const r = rows.get("1")!;
    expect(r.frequency).toBe(2); // csv: 2
    close(r.recency, 213 / 7); // 30.43
    close(r.T, 272 / 7); // 38.86
    close(r.monetaryValue, (29.73 + 14.96) / 2); // 22.345 (csv zbar 22.35)
  });

  it("customer 2: one repeat 12 days later", () => {
    const r = rows.get("2")!;
    expect(r.frequency).toBe(1);
    close(r.recency, 12 / 7); // 1.71
    close(r.T, 272 / 7); // 38.86
    close(r.monetaryValue, 11.77);
  });

  it("customer 19: 1998 purchases ignored, T from 01-02", () => {
    // 07-19 is day 181 + 18 = 199 after 01-01, so 198 after 01-02; T = 272 - 1 = 271 days.
    const r = rows.get("19")!;
    expect(r.frequency).toBe(3);
    close(r.recency, 198 / 7); // 28.29
    close(r.T, 271 / 7); // 38.71
    close(r.monetaryValue, (26.73 + 23.76 + 24.74) / 3); // 25.0767 (csv 25.08)
  });

  it("customer 26: a same-day pair is one purchase with the summed value", () => {
    const r = rows.get("26")!;
    expect(r.frequency).toBe(1);
    close(r.recency, 11 / 7); // 1.57
    close(r.T, 271 / 7); // 38.71
    close(r.monetaryValue, 166.89 + 60.25); // 227.14
  });
});

const dataDir = fileURLToPath(new URL("../../../shared/data/cdnow_lifetimes/", import.meta.url));

describe.skipIf(!existsSync(dataDir))(
  "rfmSummary: the CDNOW sample reproduces lifetimes' summary files",
  () => {
    // Read lazily: vitest runs this body even when the suite is skipped (no data folder).
    const log: Transaction[] = [];
    let summary: RfmSummaryRow[] = [];
    let byId = new Map<string, RfmSummaryRow>();
    beforeAll(() => {
      const lines = readFileSync(`${dataDir}CDNOW_sample.txt`, "utf8").split(/\r?\n/);
      for (const line of lines) {
        if (line.trim() === "") continue;
        // master id, sample id, YYYYMMDD, number of CDs, dollars
        const [, sampleId, ymd, , dollars] = line.trim().split(/\s+/);
        log.push({
          customerId: String(Number(sampleId)),
          date: `${ymd!.slice(0, 4)}-${ymd!.slice(4, 6)}-${ymd!.slice(6, 8)}`,
          amount: Number(dollars),
        });
      }
      summary = rfmSummary(Object.freeze(log), { observationEnd: "1997-09-30", unit: "week" });
      byId = new Map(summary.map((r) => [r.customerId, r]));
    });
    const round2 = (x: number) => Math.round(x * 100) / 100;

    it("reads all 6,919 rows", () => {
      expect(log).toHaveLength(6919);
    });

    it("matches cdnow_customers_summary.csv exactly for all 2,357 customers", () => {
      const expected = readFileSync(`${dataDir}cdnow_customers_summary.csv`, "utf8")
        .trim()
        .split(/\r?\n/)
        .slice(1);
      expect(expected).toHaveLength(2357);
      expect(summary).toHaveLength(2357);
      const mismatches: string[] = [];
      for (const line of expected) {
        const [id, frequency, recency, T] = line.split(",");
        const r = byId.get(id!);
        if (
          r === undefined ||
          r.frequency !== Number(frequency) ||
          round2(r.recency) !== Number(recency) ||
          round2(r.T) !== Number(T)
        ) {
          mismatches.push(`${line} vs ${JSON.stringify(r)}`);
        }
      }
      expect(mismatches).toEqual([]);
    });

    it("matches x and zbar of cdnow_customers_summary_with_transactions.csv (zbar to its 2 dp)", () => {
      const expected = readFileSync(`${dataDir}cdnow_customers_summary_with_transactions.csv`, "utf8")
        .trim()
        .split(/\r?\n/)
        .slice(1);
      expect(expected).toHaveLength(2357);
      let repeatCustomers = 0;
      let repeatPurchases = 0;
      for (const line of expected) {
        const [id, x, , , zbar] = line.split(",");
        const r = byId.get(id!)!;
        expect(r.frequency).toBe(Number(x));
        // zbar is printed with 2 decimals: a difference of at most half a cent plus float noise.
        expect(Math.abs(r.monetaryValue - Number(zbar))).toBeLessThanOrEqual(0.006);
        if (r.frequency > 0) repeatCustomers++;
        repeatPurchases += r.frequency;
      }
      // data/README.md: 2,457 repeat transactions in calibration, 946 customers with a repeat.
      expect(repeatPurchases).toBe(2457);
      expect(repeatCustomers).toBe(946);
    });
  },
);
