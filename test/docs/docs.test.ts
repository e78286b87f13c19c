/**
 * Doc-tests: every ```ts block of README.md and docs/*.md type-checks under the project's
 * compiler options and, unless it is a `ts sketch`, runs with every `// => value` holding.
 * New Markdown files in docs/ are picked up by themselves. Harness: ./docBlocks.ts.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { allBlocks, scratch, slug, toRunnable, typeCheck } from "./docBlocks.js";

const blocks = allBlocks();
const dir = scratch("doc-tests");
const checkModule = pathToFileURL(join(__dirname, "docCheck.ts")).href;

describe("doc examples (README.md, docs/*.md)", () => {
  it("there are examples to check", () => {
    expect(blocks.length).toBeGreaterThan(20);
  });

  it("every ts block type-checks as written (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes, …)", () => {
    expect(typeCheck(blocks, dir)).toEqual([]);
  });

  for (const block of blocks.filter((b) => !b.sketch)) {
    it(`${block.file}:${block.line} runs and every // => holds`, async () => {
      const { code } = toRunnable(block, checkModule);
      const file = join(dir, `${slug(block)}.run.ts`);
      writeFileSync(file, code);
      await import(pathToFileURL(file).href);
    });
  }
});
