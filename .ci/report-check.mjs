// Checks the DOM of the HTML report as headless Chromium left it (`chromium --dump-dom`):
// the page's own check ran and found no script error, and every expected chart is an
// inline SVG with marks in its <figure data-chart="...">.
// Usage: node .ci/report-check.mjs DOM_FILE CHART[,CHART...] [CHROMIUM_LOG]
import { readFileSync } from "node:fs";

const [domFile, chartList, logFile] = process.argv.slice(2);
if (!domFile || !chartList) {
  console.error("usage: node .ci/report-check.mjs DOM_FILE CHART[,CHART...] [CHROMIUM_LOG]");
  process.exit(2);
}
const dom = readFileSync(domFile, "utf8");
const problems = [];

const root = /<html[^>]*>/.exec(dom)?.[0] ?? "";
const attr = (name) => new RegExp(`${name}="([^"]*)"`).exec(root)?.[1];
if (attr("data-status") === undefined)
  problems.push("the page's check script did not run (no data-status on <html>)");
else if (attr("data-status") !== "ok") problems.push(`the page reports data-status="${attr("data-status")}"`);
if (attr("data-errors") !== undefined && attr("data-errors") !== "0") {
  problems.push(`the page caught ${attr("data-errors")} script error(s)`);
}

for (const name of chartList.split(",")) {
  const start = dom.indexOf(`<figure data-chart="${name}"`);
  if (start < 0) {
    problems.push(`chart ${name}: no <figure data-chart="${name}">`);
    continue;
  }
  const end = dom.indexOf("</figure>", start);
  const figure = dom.slice(start, end);
  if (!figure.includes("<svg")) problems.push(`chart ${name}: no <svg> in its figure`);
  else if (!/class="mark-\w+ role-mark/.test(figure)) problems.push(`chart ${name}: the SVG has no marks`);
}

if (logFile) {
  const log = readFileSync(logFile, "utf8");
  for (const line of log.split("\n")) {
    if (/Uncaught|SyntaxError|ReferenceError|TypeError/.test(line) && /CONSOLE|console/.test(line)) {
      problems.push(`console: ${line.trim()}`);
    }
  }
}

if (problems.length > 0) {
  console.error(`report check FAILED:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`report check: ok (${chartList.split(",").length} charts, no script errors)`);
