#!/usr/bin/env node
/**
 * Holds src/ (tests and generated code excluded) to the project's code rules, using the
 * TypeScript parser: at most 6 parameters per function, cyclomatic complexity at most 20
 * (1 + each if, for, while, do, case, catch, ?:, &&, ||, ??; a nested function counts on
 * its own), at most 400 lines per file, and no comment that names an issue number or a
 * document outside the repository (API.md, DOMAIN.md). Exits 1 listing every breach.
 *
 *   node scripts/check-code.mjs [--report]   (--report: also list the most complex functions)
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

const MAX_PARAMETERS = 6;
const MAX_COMPLEXITY = 20;
const MAX_LINES = 400;
const FORBIDDEN_COMMENT = /\bissues? #?\d+|\bAPI\.md\b|\bDOMAIN\.md\b/i;

const root = new URL("..", import.meta.url).pathname;
const isSource = (name) =>
  /\.ts$/.test(name) && !/\.(test|prop\.test|test-d)\.ts$/.test(name) && !/\.d\.ts$/.test(name);

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (isSource(entry.name)) yield path;
  }
}

const isFunction = (node) =>
  ts.isFunctionDeclaration(node) ||
  ts.isFunctionExpression(node) ||
  ts.isArrowFunction(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isConstructorDeclaration(node) ||
  ts.isGetAccessorDeclaration(node) ||
  ts.isSetAccessorDeclaration(node);

/** 1 + the decision points in `fn`'s own body (nested functions are measured apart). */
function complexity(fn) {
  let count = 1;
  const visit = (node) => {
    if (node !== fn && isFunction(node)) return;
    switch (node.kind) {
      case ts.SyntaxKind.IfStatement:
      case ts.SyntaxKind.ForStatement:
      case ts.SyntaxKind.ForInStatement:
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.WhileStatement:
      case ts.SyntaxKind.DoStatement:
      case ts.SyntaxKind.CaseClause:
      case ts.SyntaxKind.CatchClause:
      case ts.SyntaxKind.ConditionalExpression:
        count++;
        break;
      case ts.SyntaxKind.BinaryExpression: {
        const op = node.operatorToken.kind;
        if (
          op === ts.SyntaxKind.AmpersandAmpersandToken ||
          op === ts.SyntaxKind.BarBarToken ||
          op === ts.SyntaxKind.QuestionQuestionToken ||
          op === ts.SyntaxKind.AmpersandAmpersandEqualsToken ||
          op === ts.SyntaxKind.BarBarEqualsToken ||
          op === ts.SyntaxKind.QuestionQuestionEqualsToken
        )
          count++;
        break;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return count;
}

function nameOf(node, source) {
  if (node.name) return node.name.getText(source);
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (
    parent &&
    (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
  )
    return parent.name.getText(source);
  return "(anonymous)";
}

const breaches = [];
const measured = [];
for (const path of sourceFiles(join(root, "src"))) {
  const file = relative(root, path);
  const text = readFileSync(path, "utf8");
  const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  if (lines > MAX_LINES) breaches.push(`${file}: ${lines} lines (at most ${MAX_LINES})`);
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const seenComments = new Set();
  const visit = (node) => {
    for (const range of ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []) {
      if (seenComments.has(range.pos)) continue;
      seenComments.add(range.pos);
      const comment = text.slice(range.pos, range.end);
      const match = FORBIDDEN_COMMENT.exec(comment);
      if (match) {
        const line = source.getLineAndCharacterOfPosition(range.pos + match.index).line + 1;
        breaches.push(`${file}:${line}: comment names "${match[0]}"`);
      }
    }
    if (isFunction(node)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const where = `${file}:${line} ${nameOf(node, source)}`;
      const parameters = node.parameters.filter((p) => p.name.getText(source) !== "this").length;
      if (parameters > MAX_PARAMETERS)
        breaches.push(`${where}: ${parameters} parameters (at most ${MAX_PARAMETERS})`);
      const cc = complexity(node);
      measured.push([cc, where]);
      if (cc > MAX_COMPLEXITY)
        breaches.push(`${where}: cyclomatic complexity ${cc} (at most ${MAX_COMPLEXITY})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  // Trailing comments at the end of the file
  for (const range of ts.getTrailingCommentRanges(text, source.end) ?? []) {
    const comment = text.slice(range.pos, range.end);
    if (FORBIDDEN_COMMENT.test(comment))
      breaches.push(`${file}: a trailing comment names an issue or an outside document`);
  }
}

if (process.argv.includes("--report")) {
  for (const [cc, where] of measured.sort((a, b) => b[0] - a[0]).slice(0, 25))
    console.log(`${String(cc).padStart(3)}  ${where}`);
}
if (breaches.length > 0) {
  console.error(
    `check-code: ${breaches.length} breach${breaches.length === 1 ? "" : "es"} of the code rules in src/:`,
  );
  for (const breach of breaches) console.error(`  ${breach}`);
  process.exit(1);
}
console.log(`check-code: src/ holds to the code rules (${measured.length} functions measured)`);
