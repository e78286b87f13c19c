import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caught } from "../../test/support/errors.js";
import { csvBytes, readCsv } from "./csv.js";
import { ByteIdDictionary, IdDictionary } from "./ids.js";

/** Reads every cell's text, header first. */
function cellsOf(text: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  const header = readCsv(csvBytes(text), { fn: "test", delimiter }, (row) => {
    rows.push(Array.from({ length: row.count }, (_, k) => row.text(k)));
  });
  return [header, ...rows];
}

// Cells of every kind: plain, padded, holding delimiters, quotes, line breaks, non-ASCII.
const cell = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom(" a ", "\tb", "x,y", 'say "hi"', "line\nbreak", "crlf\r\nx", "€uro", "𝟘", "", " "),
);

describe("readCsv against the cells it was written from", () => {
  it("quoted cells come back verbatim, unquoted ones trimmed (the cell policy)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(cell, fc.boolean()), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom("\n", "\r\n"),
        (rows, newline) => {
          // The reference writer: a cell is quoted when asked or when it must be.
          const mustQuote = (c: string) => /[",\r\n]/.test(c) || c.trim() !== c || c === "";
          const header = rows[0]!.map((_, k) => `h${k}`);
          const lines = rows.map((row) =>
            row.map(([c, quote]) => (quote || mustQuote(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(","),
          );
          const text = `${header.join(",")}${newline}${lines.join(newline)}${newline}`;
          const expected = rows
            .map((row) => row.map(([c, quote]) => (quote || mustQuote(c) ? c : c.trim())))
            .filter((row) => !(row.length === 1 && row[0] === ""));
          expect(cellsOf(text)).toEqual([header, ...expected]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("trims header names, refuses one given twice, skips blank lines and a byte-order mark", () => {
    expect(cellsOf("\ufeff a ,b\n\n1,2\n\n")).toEqual([["a", "b"], ["1", "2"]]);
    const error = caught(() => cellsOf("id,amount, id\n1,2,3\n"));
    expect([error.code, error.message]).toEqual(["INVALID_OPTION", 'test: the header names the column "id" more than once; rename one of them']);
    expect(cellsOf("a;b\n1;2", ";")).toEqual([["a", "b"], ["1", "2"]]);
    expect(caught(() => cellsOf('a\n"open')).code).toBe("INVALID_RECORD");
    expect(caught(() => cellsOf('a\n"closed"x')).code).toBe("INVALID_RECORD");
    expect(caught(() => cellsOf("a\n1", "::")).code).toBe("INVALID_OPTION");
  });

  it("reads numbers strictly and ids through the byte dictionary as the string one numbers them", () => {
    const numbers: number[] = [];
    readCsv(csvBytes('n\n0.1\n-7\n"1e3"\n12,5\n.5\n 4 \n'), { fn: "t", delimiter: ";" }, (row) => numbers.push(row.number(0)));
    expect(numbers).toEqual([0.1, -7, 1000, Number.NaN, 0.5, 4]);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 5 }), fc.constantFrom("__proto__", "é", '"q"')), { maxLength: 40 }), (ids) => {
        const clean = ids.map((id) => id.replaceAll("\r", "").replaceAll("\n", "")).filter((id) => id.trim() === id && id !== "");
        const text = `id\n${clean.map((id) => `"${id.replaceAll('"', '""')}"`).join("\n")}\n`;
        const bytes = new ByteIdDictionary();
        const codes: number[] = [];
        readCsv(csvBytes(text), { fn: "t" }, (row) => codes.push(row.idCode(0, bytes)));
        const strings = new IdDictionary();
        expect(codes).toEqual(clean.map((id) => strings.code(id)));
        expect(bytes.ids).toEqual(strings.ids);
      }),
    );
  });
});
