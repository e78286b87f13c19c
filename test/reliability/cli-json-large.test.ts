/**
 * The CLI's --json died with `RangeError: Invalid string length` at about 700k customers:
 * the whole result was one JSON string (about 780 bytes per customer), past V8's limit of
 * 2^29 characters. The results are now written in pieces. Here: a value whose JSON is
 * longer than any string can be is written; and the command writes --json for a generated
 * file of CLI_JSON_CUSTOMERS customers (default 50,000; by hand, 2,000,000).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { writeJson } from "../../src/cli/jsonStream.js";
import { main } from "../../src/cli/main.js";

const dir = mkdtempSync(join(tmpdir(), "cv-json-large-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CUSTOMERS = Number(process.env.CLI_JSON_CUSTOMERS ?? 50_000);
/** V8's longest string: 2^29 - 24 characters. */
const MAX_STRING = 2 ** 29 - 24;

/** A generated log: customer i buys 1 to 3 times in 2011 (deterministic), amounts in pence. */
async function writeLog(path: string, customers: number): Promise<number> {
  const out = createWriteStream(path);
  let rows = 0;
  let chunk = "customerId,date,amount\n";
  for (let i = 0; i < customers; i++) {
    const purchases = 1 + (i % 3);
    for (let p = 0; p < purchases; p++) {
      const month = 1 + ((i * 7 + p * 4) % 12);
      const day = 1 + ((i + p * 11) % 28);
      chunk += `C${i},2011-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")},${(((i * 37 + p * 101) % 9000) + 100) / 100}\n`;
      rows++;
    }
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((done) => out.once("drain", () => done()));
      chunk = "";
    }
  }
  await new Promise<void>((done, fail) =>
    out.end(chunk, (error?: Error | null) => (error ? fail(error) : done())),
  );
  return rows;
}

describe("--json of many customers", () => {
  it("writes a value whose JSON is longer than any string can be, in pieces", async () => {
    const big = { text: "x".repeat(1 << 20) };
    const value = { customers: Array.from({ length: 520 }, () => big) };
    let written = 0;
    let longest = 0;
    await writeJson(
      {
        write: async (piece) => {
          written += piece.length;
          longest = Math.max(longest, piece.length);
        },
      },
      value,
    );
    expect(written).toBeGreaterThan(MAX_STRING);
    expect(longest).toBeLessThan(4 << 20);
  }, 30_000);

  it(`writes --json for ${CUSTOMERS.toLocaleString("en-US")} customers of a generated file`, async () => {
    const log = join(dir, "log.csv");
    const rows = await writeLog(log, CUSTOMERS);
    const json = join(dir, "results.json");
    let err = "";
    const started = performance.now();
    const status = await main(["report", "--transactions", log, "--json", json, "--quiet"], {
      out: () => {},
      err: (t) => (err += t),
      errIsTty: false,
    });
    const seconds = (performance.now() - started) / 1000;
    expect(err).toBe("");
    expect(status).toBe(0);
    // Read back line by line (the file may be longer than a string): count the per-customer rows.
    let abcRows = 0;
    let lifecycleRows = 0;
    let section = "";
    for await (const line of createInterface({ input: createReadStream(json) })) {
      if (/^ {2}"(\w+)": /.test(line)) section = /^ {2}"(\w+)"/.exec(line)![1]!;
      if (section === "pareto" && line.startsWith('        "id": ')) abcRows++;
      if (section === "lifecycle" && line.startsWith('        "customerId": ')) lifecycleRows++;
    }
    expect(abcRows).toBe(CUSTOMERS);
    expect(lifecycleRows).toBe(CUSTOMERS);
    const size = statSync(json).size;
    process.stdout.write(
      `cli-json-large: ${CUSTOMERS} customers, ${rows} rows, JSON ${(size / 2 ** 20).toFixed(0)} MiB, ${seconds.toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`,
    );
  }, 900_000);
});
