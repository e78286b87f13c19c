// Checks the DOM of the HTML report as headless Chromium left it (`chromium --dump-dom`):
// the page's own check ran and found no script error, every expected chart is an inline
// SVG with marks in its <figure data-chart="...">, the opening summary holds 4 to 6
// sentences, and with --zh no Latin-script word is left outside the page's data values.
// Usage: node .ci/report-check.mjs DOM_FILE CHART[,CHART...] [CHROMIUM_LOG] [--zh]
import { readFileSync } from "node:fs";
import { latinWords } from "./report-language.mjs";

const args = process.argv.slice(2);
const zh = args.includes("--zh");
const [domFile, chartList, logFile] = args.filter((a) => a !== "--zh");
if (!domFile || !chartList) {
  console.error("usage: node .ci/report-check.mjs DOM_FILE CHART[,CHART...] [CHROMIUM_LOG] [--zh]");
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
const sentences = Number(attr("data-summary"));
if (!(sentences >= 4 && sentences <= 6)) {
  problems.push(`the opening summary has ${attr("data-summary") ?? "no"} sentences, not 4 to 6`);
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
  const after = dom.slice(end, end + 400);
  if (!/^<\/figure>\s*<p class="definition">[^<]+<\/p>/.test(after))
    problems.push(`chart ${name}: no definition line under it`);
}

if (zh) {
  if (!/<html[^>]*lang="zh-CN"/.test(dom)) problems.push('the page is not marked lang="zh-CN"');
  for (const { word, text } of latinWords(dom))
    problems.push(`Latin-script word "${word}" in: ${text.slice(0, 120)}`);
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
  console.error(`report check FAILED (${domFile}):\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(
  `report check: ok (${chartList.split(",").length} charts, ${sentences} summary sentences, no script errors${zh ? ", no Latin-script word outside data values" : ""})`,
);
