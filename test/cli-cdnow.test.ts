/**
 * `customer-value report` on CDNOW as shipped: whitespace-separated with a padded header,
 * CRLF, dates as YYYYMMDD. Read with `--delimiter whitespace --date-format yyyyMMdd`, the
 * totals match the data's own README; without those flags, the messages name them.
 * Under CI a missing data folder fails instead of skipping.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";

const file = new URL("../../shared/data/cdnow_lifetimes/CDNOW_master.txt", import.meta.url).pathname;
const HAS_DATA = existsSync(file);
const dir = mkdtempSync(join(tmpdir(), "cv-cli-cdnow-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MAP = ["--map", "customerId=customer_id", "--map", "amount=dollar_value", "--quiet"];

async function run(...argv: string[]) {
  let err = "";
  const status = await main(argv, { out: () => {}, err: (t) => (err += t), errIsTty: false });
  return { status, err };
}

describe.skipIf(!HAS_DATA && !process.env.CI)("customer-value report on CDNOW_master.txt as shipped", () => {
  it("reads it with --delimiter whitespace and --date-format yyyyMMdd: the README's totals", async () => {
    const json = join(dir, "cdnow.json");
    const html = join(dir, "cdnow.html");
    const flags = ["--delimiter", "whitespace", "--date-format", "yyyyMMdd"];
    const { status, err } = await run(
      "report",
      "--transactions",
      file,
      ...flags,
      ...MAP,
      "--json",
      json,
      "--out",
      html,
    );
    expect(err).toBe("");
    expect(status).toBe(0);
    const results = JSON.parse(readFileSync(json, "utf8"));
    // The data README: 69,659 rows, 23,570 customers, 1997-01-01 to 1998-06-30, $2,500,315.63.
    expect(results.csv.rowCount).toBe(69_659);
    expect(results.csv.invalid).toEqual([]);
    expect(results.input.transactions).toBe(69_659);
    expect(results.input.customersWithTransactions).toBe(23_570);
    expect(results.input.netRevenue).toBeCloseTo(2_500_315.63, 6);
    expect(results.input.firstTransaction).toBe("1997-01-01T00:00:00.000Z");
    expect(results.asOf).toBe("1998-06-30T23:59:59.999Z");
    // Customers whose every row is $0.00, counted with awk over the file:
    //   awk 'NR>1 { seen[$1]=1; if ($4+0 > 0) buy[$1]=1 } END { for (i in seen) if (!(i in buy)) n++; print n }'
    // They are outside RFM and the portfolio (which read purchases), and the page says so.
    expect(results.input.customersWithoutPurchase).toBe(68);
    expect(results.portfolio.counts.customers).toBe(23_570 - 68);
    expect(readFileSync(html, "utf8")).toContain(
      "68 customers without a purchase (no amount above 0) are left out of RFM, the portfolio and the models",
    );
  }, 120_000);

  it("says which flag is missing: --delimiter whitespace, then --date-format", async () => {
    const json = join(dir, "x.json");
    const plain = await run("report", "--transactions", file, ...MAP, "--json", json);
    expect(plain.status).toBe(2);
    expect(plain.err).toContain(
      "the header reads as one column: for fields separated by spaces or tabs give --delimiter whitespace",
    );

    const space = await run("report", "--transactions", file, "--delimiter", " ", ...MAP, "--json", json);
    expect(space.status).toBe(1);
    expect(space.err).toContain("give --delimiter whitespace");
    expect(space.err).not.toContain("--skip-invalid");

    const dates = await run(
      "report",
      "--transactions",
      file,
      "--delimiter",
      "whitespace",
      ...MAP,
      "--json",
      json,
    );
    expect(dates.status).toBe(1);
    expect(dates.err).toContain("69659 invalid rows of 69659");
    expect(dates.err).toContain(
      '  row 1.date: expected a valid Date or ISO-8601 date string (e.g. "2011-03-04"), got "19970101"',
    );
    expect(dates.err).toContain("give --date-format, e.g. --date-format yyyyMMdd");
    expect(dates.err).toContain("No row could be read");
    expect(dates.err).not.toContain("--skip-invalid");
    expect(dates.err).not.toContain("error.issues");
  }, 120_000);
});
