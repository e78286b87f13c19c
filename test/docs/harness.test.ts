/** The doc-test harness itself: it must fail where a doc is wrong. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { type DocBlock, extractBlocks, scratch, toRunnable, typeCheck } from "./docBlocks.js";
import { mismatch, parseValue } from "./docValue.js";

const check = (actual: unknown, value: string) => {
  const parsed = parseValue(value);
  if ("incomplete" in parsed) throw new Error("incomplete");
  return mismatch(actual, parsed.matcher);
};
const checkModule = pathToFileURL(join(__dirname, "docCheck.ts")).href;
const dir = scratch("doc-tests-harness");
const block = (code: string, sketch = false): DocBlock => ({ file: "docs/x.md", line: 10, sketch, code });
const run = async (b: DocBlock, name: string) => {
  const file = join(dir, `${name}.run.ts`);
  writeFileSync(file, toRunnable(b, checkModule).code);
  await import(pathToFileURL(file).href);
};

describe("// => values", () => {
  it("a number written with d decimals matches what rounds to it, and nothing else", () => {
    expect(check(0.46402, "0.464")).toBeUndefined();
    expect(check(0.4645, "0.464")).toBeUndefined(); // exactly half a unit still rounds to it
    expect(check(0.4651, "0.464")).toMatch(/expected 0.464 \(to 3 decimals\)/);
    expect(check(2.6, "3")).toBeUndefined();
    expect(check(2.4, "3")).toBeDefined();
    expect(check(1.5e-4, "1.5e-4")).toBeUndefined();
    expect(check(1.6e-4, "1.5e-4")).toBeDefined();
    expect(check("0.5", "0.5")).toMatch(/expected the number/);
  });

  it("deep equality: arrays, objects (… for other keys), dates, text, NaN", () => {
    expect(check([1, "a", null], '[1, "a", null]')).toBeUndefined();
    expect(check([1, 2], "[1]")).toMatch(/expected 1 items/);
    expect(check({ a: 1, b: 2 }, "{ a: 1 }")).toMatch(/unexpected key/);
    expect(check({ a: 1, b: 2 }, "{ a: 1, … }")).toBeUndefined();
    expect(check({ a: { b: [0.123] } }, "{ a: { b: [0.12] } }")).toBeUndefined();
    expect(check(new Date("2011-03-04T00:00:00Z"), 'new Date("2011-03-04")')).toBeUndefined();
    expect(check(Number.NaN, "NaN")).toBeUndefined();
    expect(check("x", '"y"')).toBeDefined();
  });

  it("text after the value is a note; a value may continue on the next comment lines", () => {
    const parsed = parseValue("0.5 (top 20% = 1 customer)");
    expect("incomplete" in parsed ? undefined : parsed.value).toBe("0.5");
    expect(parseValue("[1,")).toEqual({ incomplete: true });
    expect(() => parseValue("foo")).toThrow(/not a value/);
  });
});

describe("blocks", () => {
  it("extracts ts blocks (sketch flagged) and skips other languages", () => {
    const md = "# T\n\n```ts\nconst a = 1;\n```\n\n```sh\nls\n```\n\n```ts sketch\nconst b = 2;\n```\n";
    const blocks = extractBlocks(md, "docs/t.md");
    expect(blocks.map((b) => [b.line, b.sketch, b.code])).toEqual([
      [4, false, "const a = 1;"],
      [12, true, "const b = 2;"],
    ]);
  });

  it("a wrong // => fails the run, naming the Markdown line", async () => {
    await expect(run(block("1 + 1; // => 3"), "wrong")).rejects.toThrow(
      /docs\/x\.md:10: \/\/ => 3: expected 3/,
    );
    await expect(run(block("const x = [1, 2];\nx.length;\n// => 2"), "right")).resolves.toBeUndefined();
  });

  it("a // => that follows no expression statement is an error", () => {
    expect(() => toRunnable(block("const x = 1; // => 1"), checkModule)).toThrow(
      /follows no expression statement/,
    );
  });

  it("type errors are reported with the Markdown line, sketches included", () => {
    const problems = typeCheck([block("const n: number = 1;\nn.toUpperCase();", true)], dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^docs\/x\.md:11: Property 'toUpperCase' does not exist/);
  });
});
