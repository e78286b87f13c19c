/**
 * The two CSV readers once disagreed: parseTransactionsCsv trimmed ids and
 * transactionTableFromCsv kept the spaces (one customer or two); padded headers the other
 * way round; a duplicated header was silently read as its first column. Both now follow
 * one cell policy: unquoted cells trimmed, quoted cells verbatim, header names trimmed, a
 * header naming a column twice refused.
 */
import { describe, expect, it } from "vitest";
import { parseTransactionsCsv, transactionTableFromCsv } from "../../src/index.js";
import { caught } from "../support/errors.js";

const idsOfBoth = (csv: string) => [
  [...new Set(parseTransactionsCsv(csv).transactions.map((t) => t.customerId))],
  transactionTableFromCsv(csv).customerIds,
];

describe("one CSV cell policy for both readers", () => {
  it("trims unquoted ids and keeps quoted ones verbatim, in both", () => {
    const csv = 'customerId,date,amount\nC1,2011-01-01,1\n C1 ,2011-01-02,2\n" C1 ",2011-01-03,3\n';
    const [records, table] = idsOfBoth(csv);
    expect(records).toEqual(["C1", " C1 "]);
    expect(table).toEqual(["C1", " C1 "]);
  });

  it("trims padded header names, in both", () => {
    const csv = " customerId , date ,amount \nC1,2011-01-01,1\n";
    expect(idsOfBoth(csv)).toEqual([["C1"], ["C1"]]);
  });

  it("refuses a header that names a column twice, in both", () => {
    const csv = "customerId,date,amount,amount\nC1,2011-01-01,1,2\n";
    for (const read of [() => parseTransactionsCsv(csv), () => transactionTableFromCsv(csv)]) {
      const error = caught(read);
      expect(error.code).toBe("INVALID_OPTION");
      expect(error.message).toMatch(/"amount" more than once/);
    }
  });
});
