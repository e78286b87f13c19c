#!/usr/bin/env bash
# CI: the HTML report of the sample data, opened in headless Chromium (Debian's
# `chromium`), shows every chart. Writes the sample as CSV with the CLI, runs
# `customer-value report`, loads the page headless, and checks (.ci/report-check.mjs) that
# the page's own check ran with no script error and that each chart's <figure> holds an
# SVG with marks; takes a screenshot. A deliberately broken page must fail the same check.
# Uses the built CLI (dist/bin/customer-value.js, after `npm run build`) when present.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=${REPORT_ARTIFACTS:-/tmp/customer-value-report}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

if [ -f dist/bin/customer-value.js ]; then
  cli=(node dist/bin/customer-value.js)
else
  cli=(npx --no-install tsx src/cli/bin.ts)
fi

as_of=$("${cli[@]}" sample --dir "$work/sample")
"${cli[@]}" report \
  --transactions "$work/sample/transactions.csv" \
  --customers "$work/sample/customers.csv" \
  --survey "$work/sample/survey.csv" \
  --as-of "$as_of" \
  --out "$out/report.html" \
  --json "$out/results.json"

chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-extensions \
    --user-data-dir="$(mktemp -d "$work/profile.XXXX")" "$@"
}
charts=pareto,lorenz,whale,activity,cohorts,portfolio,lifecycle,satisfaction

# The DOM after the page's scripts ran, with the browser console on stderr.
chrome --virtual-time-budget=10000 --enable-logging=stderr --v=0 \
  --dump-dom "file://$out/report.html" >"$work/dom.html" 2>"$work/chromium.log"
node .ci/report-check.mjs "$work/dom.html" "$charts" "$work/chromium.log"

chrome --hide-scrollbars --window-size=1200,5200 --virtual-time-budget=10000 \
  --screenshot="$out/report.png" "file://$out/report.html" 2>/dev/null
size=$(stat -c %s "$out/report.png")
if [ "$size" -lt 20000 ]; then
  echo "screenshot $out/report.png is only $size bytes: the page did not render" >&2
  exit 1
fi
echo "screenshot: $out/report.png ($size bytes)"

# The check must be able to fail: a page whose script throws and whose chart is missing.
sed -e 's#<main>#<main><script>undefinedFunction();</script>#' \
  -e 's#<figure data-chart="lorenz"#<figure data-chart="lorenz-gone"#' \
  "$out/report.html" >"$work/broken.html"
chrome --virtual-time-budget=10000 --enable-logging=stderr --v=0 \
  --dump-dom "file://$work/broken.html" >"$work/broken-dom.html" 2>"$work/broken.log"
if node .ci/report-check.mjs "$work/broken-dom.html" "$charts" "$work/broken.log" 2>/dev/null; then
  echo "the report check passed a broken page" >&2
  exit 1
fi
echo "report screenshot test: ok"
