#!/usr/bin/env node
/**
 * Writes dist/THIRD_PARTY_LICENSES.txt: the licence (and NOTICE) of every package whose
 * code the build bundles into dist/ (see `bundled` in tsup.config.ts, and what those
 * packages import), as their licences ask of a redistribution. Fails when dist/ holds code of a package not
 * listed here, so a newly bundled package cannot ship without its licence.
 * Run by `npm run build`, after tsup.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
const dist = new URL("dist/", root);

/** Bundled packages: `bundled` in tsup.config.ts and what they import. */
const BUNDLED = [
  "date-fns",
  "@date-fns/tz",
  "@date-fns/utc",
  "simple-statistics",
  "papaparse",
  "@noble/hashes",
  "mathjs",
  "typed-function",
  "decimal.js",
  "complex.js",
  "fraction.js",
  "escape-latex",
  "tiny-emitter",
  "@babel/runtime",
];

// esbuild marks each bundled module with a `// node_modules/<package>/<path>` comment.
const found = new Set();
for (const file of readdirSync(dist, { recursive: true })) {
  if (!/\.(c?js)$/.test(file)) continue;
  const text = readFileSync(new URL(file, dist), "utf8");
  for (const match of text.matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) found.add(match[1]);
}
const unlisted = [...found].filter((name) => !BUNDLED.includes(name));
if (unlisted.length > 0) {
  console.error(`third-party-licenses: dist bundles ${unlisted.join(", ")}; add to BUNDLED in this script`);
  process.exit(1);
}

const sections = [];
for (const name of BUNDLED.filter((n) => found.has(n))) {
  const dir = new URL(`node_modules/${name}/`, root);
  const meta = JSON.parse(readFileSync(new URL("package.json", dir), "utf8"));
  const files = readdirSync(dir).filter((f) => /^(licen[cs]e|notice)(\.md|\.txt)?$/i.test(f));
  if (files.length === 0) throw new Error(`third-party-licenses: ${name} has no licence file`);
  const texts = files.sort().map((f) => readFileSync(new URL(f, dir), "utf8").trim());
  sections.push(`${name} ${meta.version} (${meta.license})\n${"-".repeat(60)}\n${texts.join("\n\n")}`);
}
const header =
  "customer-value bundles the parts it uses of the following packages into dist/.\n" + "Their licences:\n";
const out = new URL("THIRD_PARTY_LICENSES.txt", dist);
writeFileSync(out, `${header}\n${sections.join("\n\n\n")}\n`);
console.log(`third-party-licenses: ${sections.length} packages in dist/THIRD_PARTY_LICENSES.txt`);
