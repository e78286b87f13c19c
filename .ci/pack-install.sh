#!/usr/bin/env bash
# CI: the package as a user gets it. `npm pack`, then a plain `npm install` (no flags) of
# the tarball beside @duckdb/node-api, vega and vega-lite in a scratch project, then every
# entry point the package exports (.ci/pack-install/checks.cjs) in Node ESM, Node CommonJS
# and Deno (the local-tarball route: bare specifiers from node_modules, and one npm:
# specifier). Needs `npm run build` first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deno_bin="$root/node_modules/.bin/deno"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -f "$root/dist/index.js" ]; then
  echo "dist/ is missing: run npm run build first" >&2
  exit 1
fi
tarball=$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)
cp "$root"/.ci/pack-install/checks.cjs "$root"/.ci/pack-install/smoke.mjs "$root"/.ci/pack-install/smoke.cjs "$work/"
cd "$work"
printf '{ "name": "pack-install", "private": true }\n' > package.json
printf '{ "nodeModulesDir": "manual" }\n' > deno.json

# Plain npm install: the peer ranges must resolve with whatever versions npm picks today.
npm install "./$tarball" @duckdb/node-api vega vega-lite
node -e 'for (const p of ["customer-value", "@duckdb/node-api", "vega", "vega-lite"]) console.log(`installed ${p} ${require(`./node_modules/${p}/package.json`).version}`)'

node smoke.mjs
node smoke.cjs
# DuckDB is a native addon (ffi); vega reads nothing, but node:fs reads the package.json.
"$deno_bin" run --no-prompt --allow-read --allow-env --allow-ffi --allow-sys smoke.mjs
# The npm: specifier of the same installed package.
"$deno_bin" eval --no-prompt 'import { gini } from "npm:customer-value"; if (gini([10, 20, 30, 40]) !== 0.25) throw new Error("gini"); console.log("Deno npm:customer-value ok");'
echo "pack-install: ok"
