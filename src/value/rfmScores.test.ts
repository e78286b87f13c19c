import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Transaction } from "../records/Transaction.js";
import { RFM_SEGMENTS, rfmScores } from "./rfmScores.js";
import { codeOf } from "../../test/support/errors.js";

const tx = (customerId: string, date: string, amount: number): Transaction =>
  Object.freeze({ customerId, date, amount });

/** Customer `id` buys `days` times, on consecutive days ending `last`, 10 each time. */
function buyer(id: string, days: number, last = "2024-01-31"): Transaction[] {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: days }, (_, k) => tx(id, new Date(end - k * 86_400_000).toISOString(), 10));
}

describe("rfmScores: quantile scores and ties", () => {
  // Frequencies 1,1,1,1,1,1,2,3,4,5 (customers C0..C9), all last bought on 01-31.
  const frequencies = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5];
  const log = Object.freeze(frequencies.flatMap((f, i) => buyer(`C${i}`, f)));
  const rows = rfmScores(log, { asOf: "2024-01-31" });

  it("gives equal values equal scores, leaving some scores empty", () => {
    // Type-7 quantiles of the sorted frequencies at 0.2, 0.4, 0.6, 0.8 (index (n-1)p = 1.8, 3.6, 5.4, 7.2):
    // 1, 1, 1 + 0.4 * (2 - 1) = 1.4, 3 + 0.2 * (4 - 3) = 3.2.
    // Score = 1 + number of edges strictly below: 1 -> 1; 2 -> 4; 3 -> 4; 4 -> 5; 5 -> 5.
    expect(rows.map((r) => [r.customerId, r.frequency, r.frequencyScore])).toEqual([
      ["C0", 1, 1],
      ["C1", 1, 1],
      ["C2", 1, 1],
      ["C3", 1, 1],
      ["C4", 1, 1],
      ["C5", 1, 1],
      ["C6", 2, 4],
      ["C7", 3, 4],
      ["C8", 4, 5],
      ["C9", 5, 5],
    ]);
    // Monetary = 10 x frequency: the same scores.
    expect(rows.map((r) => r.monetaryScore)).toEqual(rows.map((r) => r.frequencyScore));
    // Everyone bought on asOf: recency 0 for all, all edges 0, no edge strictly below 0 -> bin 1 -> score 5.
    expect(rows.every((r) => r.recency === 0 && r.recencyScore === 5)).toBe(true);
  });

  it("reverses recency: the most recent buyers score highest", () => {
    // Last purchases 0, 10, 20, 30, 40 days before asOf 2024-02-10; bins 5.
    // Edges (n = 5, index 4p = 0.8, 1.6, 2.4, 3.2): 8, 16, 24, 32 -> bins 1..5 -> scores 5..1.
    const recent = Object.freeze([
      tx("a", "2024-02-10", 1),
      tx("b", "2024-01-31", 1),
      tx("c", "2024-01-21", 1),
      tx("d", "2024-01-11", 1),
      tx("e", "2024-01-01", 1),
    ]);
    const out = rfmScores(recent, { asOf: "2024-02-10" });
    expect(out.map((r) => r.recency)).toEqual([0, 10, 20, 30, 40]);
    expect(out.map((r) => r.recencyScore)).toEqual([5, 4, 3, 2, 1]);
  });

  it("uses custom bin edges, right-closed", () => {
    // Edges 1,2,3,4: frequency 1 is in (-inf, 1] -> 1; 2 -> 2; 3 -> 3; 4 -> 4; 5 -> 5.
    const out = rfmScores(log, { asOf: "2024-01-31", edges: { frequency: [1, 2, 3, 4] } });
    expect(out.map((r) => r.frequencyScore)).toEqual([1, 1, 1, 1, 1, 1, 2, 3, 4, 5]);
  });

  it("names segments from replaceable rules", () => {
    // C9: R5 F5 -> champions; C0: R5 F1 -> "new".
    expect(rows.find((r) => r.customerId === "C9")!.segment).toBe("champions");
    expect(rows.find((r) => r.customerId === "C0")!.segment).toBe("new");
    expect(rows.find((r) => r.customerId === "C9")!.code).toBe("555");
    const mine = rfmScores(log, {
      asOf: "2024-01-31",
      segments: [{ name: "big", monetary: [5, 5] }, { name: "rest" }],
    });
    expect(mine.map((r) => r.segment)).toEqual([
      "rest",
      "rest",
      "rest",
      "rest",
      "rest",
      "rest",
      "rest",
      "rest",
      "big",
      "big",
    ]);
    // No default segments for bins other than 5.
    expect(rfmScores(log, { asOf: "2024-01-31", bins: 3 }).every((r) => r.segment === null)).toBe(true);
  });

  it("covers every (R, F) pair of 1..5 with exactly one default segment", () => {
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        const hits = RFM_SEGMENTS.filter(
          (s) => r >= s.recency![0] && r <= s.recency![1] && f >= s.frequency![0] && f <= s.frequency![1],
        );
        expect(hits, `R${r} F${f}`).toHaveLength(1);
      }
    }
  });
});

describe("rfmScores: what counts", () => {
  it("counts purchase days or rows, nets returns, and stops at the asOf day", () => {
    const log = Object.freeze([
      tx("A", "2024-01-01T09:00:00Z", 30),
      tx("A", "2024-01-01T15:00:00Z", 20), // same day
      tx("A", "2024-01-05", -10), // a return: lowers monetary only
      tx("A", "2024-01-10T23:00:00Z", 5), // on the asOf day: counts
      tx("A", "2024-01-11", 500), // after asOf: ignored
      tx("B", "2024-01-03", -7), // only a return: not a buyer
    ]);
    const [a, ...rest] = rfmScores(log, { asOf: "2024-01-10", bins: 2 });
    expect(rest).toEqual([]);
    // Purchase days 01-01, 01-10 -> frequency 2; recency 0; monetary 30 + 20 - 10 + 5 = 45.
    expect(a).toMatchObject({ customerId: "A", recency: 0, frequency: 2, monetary: 45 });
    const [byRows] = rfmScores(log, { asOf: "2024-01-10", bins: 2, count: "transactions" });
    expect(byRows!.frequency).toBe(3);
  });

  it("returns [] when nobody bought", () => {
    expect(rfmScores([], { asOf: "2024-01-01" })).toEqual([]);
  });

  it("rejects bad options", () => {
    const log = [tx("A", "2024-01-01", 1)];
    expect(codeOf(() => rfmScores(log, {} as { asOf: string }))).toBe("INVALID_OPTION");
    expect(codeOf(() => rfmScores(log, { asOf: "2024-01-01", bins: 1 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => rfmScores(log, { asOf: "2024-01-01", bins: 2.5 }))).toBe("INVALID_OPTION");
    expect(codeOf(() => rfmScores(log, { asOf: "2024-01-01", edges: { recency: [1, 2] } }))).toBe(
      "INVALID_OPTION",
    );
    expect(codeOf(() => rfmScores(log, { asOf: "2024-01-01", edges: { monetary: [4, 3, 2, 1] } }))).toBe(
      "INVALID_OPTION",
    );
    expect(codeOf(() => rfmScores(log, { asOf: "2024-01-01", segments: [{ name: "" }] }))).toBe(
      "INVALID_OPTION",
    );
    expect(
      codeOf(() => rfmScores(log, { asOf: "2024-01-01", segments: [{ name: "x", recency: [3, 1] }] })),
    ).toBe("INVALID_OPTION");
    expect(codeOf(() => rfmScores(log, { asOf: "2024-01-01", count: "rows" as "days" }))).toBe(
      "INVALID_OPTION",
    );
    expect(() => rfmScores(log, { asOf: "2024-01-01", bins: 1 })).toThrow(/rfmScores: bins/);
  });
});

describe("rfmScores against base R (test/reference/value/rfm_scores.R)", () => {
  const dir = fileURLToPath(new URL("../../test/reference/value/", import.meta.url));
  const log = readFileSync(`${dir}lifetimes_log.csv`, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => {
      const [customerId, date, amount] = line.split(",");
      return tx(customerId!, date!, Number(amount));
    });
  const expected = readFileSync(`${dir}rfm_scores_expected.csv`, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(",").map((cell) => cell.replace(/"/g, "")));

  it("matches R's values, type-7 quantile edges and findInterval scores", () => {
    const rows = rfmScores(Object.freeze(log), { asOf: "2023-10-15" });
    expect(rows.map((r) => r.customerId)).toEqual(expected.map((e) => e[0]));
    rows.forEach((r, i) => {
      const [, recency, frequency, monetary, rs, fs, ms] = expected[i]!.map(Number);
      expect(r.recency).toBe(recency);
      expect(r.frequency).toBe(frequency);
      expect(Math.abs(r.monetary - monetary!)).toBeLessThan(1e-9);
      expect([r.recencyScore, r.frequencyScore, r.monetaryScore]).toEqual([rs, fs, ms]);
    });
  });
});
