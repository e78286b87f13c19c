#!/usr/bin/env bash
# Deno smoke test: install the packed package (as a user would) into a scratch
# project and run examples/quickstart.ts with Deno from the npm `deno` package.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deno_bin="$root/node_modules/.bin/deno"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)
cd "$work"
printf '{ "name": "deno-smoke", "private": true, "type": "module" }\n' > package.json
npm install --silent --no-audit --no-fund "./$tarball" >/dev/null
cp "$root/examples/quickstart.ts" .
# The core must need no Node built-ins and no permissions at all.
"$deno_bin" run --no-prompt --node-modules-dir=manual quickstart.ts
echo "deno smoke test: ok"
