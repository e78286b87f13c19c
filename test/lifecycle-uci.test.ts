/**
 * The lifecycle stages on UCI Online Retail at
 * asOf = 2011-12-09T23:59:59Z with the defaults, checked against an independent pandas
 * implementation of the rules (test/reference/lifecycle/uci_lifecycle.py) whose output is
 * committed beside it. A small hand-made log in the same format, run through the same
 * pandas script, checks the cleaning and the boundaries on every run.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { classifyLifecycles, LIFECYCLE_STAGES, lifecycleSummary } from "customer-value";
import { describe, expect, it } from "vitest";
import { loadOnlineRetail, ONLINE_RETAIL_AS_OF, ONLINE_RETAIL_PATH } from "../examples/lifecycle.js";

const reference = (name: string) => fileURLToPath(new URL(`./reference/lifecycle/${name}`, import.meta.url));

/** The reference's per-customer stages: customerId -> "stage" or "stage/phase". */
function readStages(name: string): Map<string, string> {
  const lines = readFileSync(reference(name), "utf8").trim().split("\n").slice(1);
  return new Map(
    lines.map((line) => {
      const [id, stage, phase] = line.split(",");
      return [id!, phase ? `${stage}/${phase}` : stage!];
    }),
  );
}

function check(path: string, prefix: string) {
  const expectedCounts = JSON.parse(readFileSync(reference(`${prefix}_counts.json`), "utf8"));
  const expectedStages = readStages(`${prefix}_stages.csv`);
  const { customers, transactions } = loadOnlineRetail(path);
  expect(transactions.length).toBe(expectedCounts.rows);
  expect(customers.length).toBe(expectedCounts.customers);
  const rows = classifyLifecycles(customers, transactions, { asOf: ONLINE_RETAIL_AS_OF });
  const summary = lifecycleSummary(rows);
  const counts = Object.fromEntries(summary.stages.map((s) => [s.stage, s.count]));
  expect(counts).toEqual(expectedCounts.counts);
  const mismatches = rows.filter(
    (r) => expectedStages.get(r.customerId) !== (r.phase ? `${r.stage}/${r.phase}` : r.stage),
  );
  expect(mismatches.map((r) => [r.customerId, r.stage, expectedStages.get(r.customerId)])).toEqual([]);
  expect(rows.length).toBe(expectedStages.size);
  return counts;
}

describe("lifecycle on a small log in the UCI format (always runs)", () => {
  it("matches the pandas reference customer by customer", () => {
    const counts = check(reference("small_log.csv"), "small_lifecycle");
    // Each of the seven stages is hit by the hand-made log.
    expect(LIFECYCLE_STAGES.filter((s) => counts[s] === 0)).toEqual([]);
  });
});

describe.skipIf(!existsSync(ONLINE_RETAIL_PATH))(
  "lifecycle on UCI Online Retail (needs ../shared/data)",
  () => {
    it("stage counts and every customer's stage match the pandas reference", () => {
      check(ONLINE_RETAIL_PATH, "uci_lifecycle");
    });
  },
);
