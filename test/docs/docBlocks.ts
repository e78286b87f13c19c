/**
 * The doc-test harness: every ```ts block of README.md and docs/*.md is type-checked as
 * written, with the project's compiler options (strict, noUncheckedIndexedAccess,
 * exactOptionalPropertyTypes, …), and — unless its info string says `ts sketch` — run,
 * with each `expression; // => value` asserted (see docValue.ts for what a value may be).
 *
 * The `// =>` comment sits at the end of an expression statement's last line (at any
 * depth: in a block, a loop, a catch), or on the line right after it; a value that does not fit on one line continues on the next
 * comment lines. A `// =>` anywhere else is an error, so nothing is silently unchecked.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import { parseValue } from "./docValue.js";

export interface DocBlock {
  /** The Markdown file, relative to the repository root. */
  readonly file: string;
  /** The Markdown line of the block's first code line (1-based). */
  readonly line: number;
  /** `ts sketch` blocks are type-checked only. */
  readonly sketch: boolean;
  readonly code: string;
}

export const ROOT = join(dirname(new URL(import.meta.url).pathname), "..", "..");

/** README.md and every .md file of docs/ (new files are picked up by themselves). */
export function docFiles(root = ROOT): string[] {
  const docs = readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`);
  return ["README.md", ...docs];
}

/** The ```ts (or ```typescript) blocks of one Markdown text. */
export function extractBlocks(markdown: string, file: string): DocBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/.exec(lines[i] as string);
    if (open === null) continue;
    const fence = open[1] as string;
    const lang = (open[2] ?? "").toLowerCase();
    const words = (open[3] ?? "").split(/\s+/);
    let end = i + 1;
    while (
      end < lines.length &&
      !new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(lines[end] as string)
    ) {
      end++;
    }
    if (lang === "ts" || lang === "typescript") {
      blocks.push({
        file,
        line: i + 2,
        sketch: words.includes("sketch"),
        code: lines.slice(i + 1, end).join("\n"),
      });
    }
    i = end;
  }
  return blocks;
}

/** A name for the block's generated files: `docs-pareto-md-L9`. */
export function slug(block: DocBlock): string {
  return `${block.file.replace(/[^\w]+/g, "-")}-L${block.line}`;
}

const ASSERT = /\/\/\s*=>/;

/**
 * The block with each asserted statement `expr; // => value` replaced, on the same lines,
 * by `__docCheck((expr), "value", "file:line");`. Throws when a `// =>` is not attached
 * to an expression statement or its value cannot be read.
 */
export function toRunnable(block: DocBlock, checkModule: string): { code: string; assertions: number } {
  const source = ts.createSourceFile("block.ts", block.code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const lines = block.code.split("\n");
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
  const used = new Set<number>();
  const edits: { start: number; end: number; text: string }[] = [];
  const statements: ts.ExpressionStatement[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node)) statements.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const statement of statements) {
    const last = lineOf(statement.end);
    const lineEnd = block.code.indexOf("\n", statement.end);
    const rest = block.code.slice(statement.end, lineEnd === -1 ? undefined : lineEnd);
    let at: number;
    let text: string;
    const sameLine = /^\s*\/\/\s*=>(.*)$/.exec(rest);
    if (sameLine !== null) {
      at = last;
      text = sameLine[1] as string;
    } else {
      const next = /^\s*\/\/\s*=>(.*)$/.exec(lines[last + 1] ?? "");
      if (next === null) continue;
      at = last + 1;
      text = next[1] as string;
    }
    used.add(at);
    let parsed = parseValue(text);
    while ("incomplete" in parsed) {
      const more = /^\s*\/\/(.*)$/.exec(lines[at + 1] ?? "");
      if (more === null) throw new Error(`${block.file}:${block.line + at}: the // => value does not end`);
      at++;
      used.add(at);
      text += `\n${more[1]}`;
      parsed = parseValue(text);
    }
    const where = `${block.file}:${block.line + last}`;
    const expr = statement.expression.getText(source);
    const valueText = parsed.value;
    edits.push({
      start: statement.getStart(source),
      end: statement.end,
      text: `__docCheck((${expr}), ${JSON.stringify(valueText)}, ${JSON.stringify(where)});`,
    });
  }
  lines.forEach((l, i) => {
    if (ASSERT.test(l) && !used.has(i)) {
      throw new Error(
        `${block.file}:${block.line + i}: this // => follows no expression statement, so nothing would check it`,
      );
    }
  });
  let code = block.code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    code = code.slice(0, edit.start) + edit.text + code.slice(edit.end);
  }
  // The import shares the first line, so the block's line numbers stay as they are.
  return {
    code: `import { __docCheck } from ${JSON.stringify(checkModule)}; ${code}\nexport {};\n`,
    assertions: edits.length,
  };
}

/** The project's compiler options (tsconfig.json), for type-checking the blocks. */
function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = join(root, "tsconfig.json");
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, { noEmit: true }, configPath);
  return parsed.options;
}

/**
 * Type-checks every block as written (each one a module of its own, in `dir`) and
 * returns each problem as `file:line: message`.
 */
export function typeCheck(blocks: readonly DocBlock[], dir: string, root = ROOT): string[] {
  const files = new Map<string, DocBlock>();
  for (const block of blocks) {
    const path = join(dir, `${slug(block)}.ts`);
    writeFileSync(path, `${block.code}\nexport {};\n`);
    files.set(path, block);
  }
  const program = ts.createProgram([...files.keys()], compilerOptions(root));
  const problems: string[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    const file = diagnostic.file;
    const block = file === undefined ? undefined : files.get(file.fileName);
    if (file === undefined || diagnostic.start === undefined) {
      problems.push(`(no file): ${message}`);
    } else if (block === undefined) {
      const { line } = file.getLineAndCharacterOfPosition(diagnostic.start);
      problems.push(`${relative(root, file.fileName)}:${line + 1}: ${message}`);
    } else {
      const { line } = file.getLineAndCharacterOfPosition(diagnostic.start);
      problems.push(`${block.file}:${block.line + line}: ${message}`);
    }
  }
  return problems;
}

/** An empty scratch folder for generated files (ignored by git and the linter). */
export function scratch(name: string, root = ROOT): string {
  const dir = join(root, ".tmp", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Every block of every doc file. */
export function allBlocks(root = ROOT): DocBlock[] {
  return docFiles(root).flatMap((file) => extractBlocks(readFileSync(join(root, file), "utf8"), file));
}
