#!/usr/bin/env bash
# CI: the HTML report in headless Chromium (Debian's `chromium`). Writes the sample data as
# CSV with the CLI, runs `customer-value report` in English and in Chinese, loads each page
# headless and checks (.ci/report-check.mjs) that the page's own check ran with no script
# error, that each chart's <figure> holds an SVG with marks and a definition line, that the
# opening summary holds 4 to 6 sentences, and, for zh, that no Latin-script word is left
# outside data values; takes screenshots. Deliberately broken pages must fail the checks.
# Then the CLI without vega must fail before reading any data, within a second of startup.
# Uses the built CLI (dist/bin/customer-value.js, after `npm run build`) when present.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=${REPORT_ARTIFACTS:-/tmp/customer-value-report}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  echo "installing chromium and a CJK font (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
fi

if [ -f dist/bin/customer-value.js ]; then
  cli=(node dist/bin/customer-value.js)
else
  cli=(npx --no-install tsx src/cli/bin.ts)
fi

chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-extensions \
    --user-data-dir="$(mktemp -d "$work/profile.XXXX")" "$@"
}
# check PAGE CHARTS [--zh]: the DOM after the page's scripts ran, with the console on stderr.
check() {
  local page=$1 charts=$2 name
  name=$(basename "$page" .html)
  chrome --virtual-time-budget=10000 --enable-logging=stderr --v=0 \
    --dump-dom "file://$page" >"$work/$name.dom.html" 2>"$work/$name.log"
  node .ci/report-check.mjs "$work/$name.dom.html" "$charts" "$work/$name.log" "${@:3}"
}
screenshot() {
  chrome --hide-scrollbars --window-size=1200,5200 --virtual-time-budget=10000 \
    --screenshot="$2" "file://$1" 2>/dev/null
  local size
  size=$(stat -c %s "$2")
  if [ "$size" -lt 20000 ]; then
    echo "screenshot $2 is only $size bytes: the page did not render" >&2
    exit 1
  fi
  echo "screenshot: $2 ($size bytes)"
}

as_of=$("${cli[@]}" sample --dir "$work/sample")
for locale in en zh; do
  "${cli[@]}" report \
    --transactions "$work/sample/transactions.csv" \
    --customers "$work/sample/customers.csv" \
    --survey "$work/sample/survey.csv" \
    --as-of "$as_of" --locale "$locale" --currency EUR --quiet \
    --out "$out/report.$locale.html" \
    --json "$out/results.$locale.json"
done
charts=pareto,lorenz,whale,activity,cohorts,portfolio,lifecycle,rfm,bgNbd,lifetimeValue,satisfaction
check "$out/report.en.html" "$charts"
check "$out/report.zh.html" "$charts" --zh
screenshot "$out/report.en.html" "$out/report.en.png"
screenshot "$out/report.zh.html" "$out/report.zh.png"

# The checks must be able to fail: a page whose script throws and whose chart is missing,
# and a Chinese page with an English sentence left in it.
sed -e 's#<main>#<main><script>undefinedFunction();</script>#' \
  -e 's#<figure data-chart="lorenz"#<figure data-chart="lorenz-gone"#' \
  "$out/report.en.html" >"$work/broken.html"
if check "$work/broken.html" "$charts" 2>/dev/null; then
  echo "the report check passed a broken page" >&2
  exit 1
fi
sed -e 's#<h2>摘要</h2>#<h2>Summary</h2>#' "$out/report.zh.html" >"$work/english-left.html"
if check "$work/english-left.html" "$charts" --zh 2>/dev/null; then
  echo "the language check passed a Chinese page with an English heading" >&2
  exit 1
fi

# Without vega the HTML report fails before reading any data (the transactions are a named
# pipe nobody writes to: reading it would block), naming the package, within a second of
# the time the same command needs to start and print its help. Times are CPU seconds
# (bash's `time`, user + system), which other jobs on the machine do not stretch.
mkfifo "$work/never.csv"
hide=(env HIDE_PACKAGES=vega,vega-lite node --require "$root/test/support/hide-packages.cjs")
if [ "${cli[0]}" = node ]; then hidden=("${hide[@]}" "${cli[@]:1}"); else hidden=("${hide[@]}" --import tsx src/cli/bin.ts); fi
cpu_ms() { # sets $cpu (CPU milliseconds of the command, output discarded) and $cpu_status
  local TIMEFORMAT="%3U %3S" t
  set +e
  t=$({ time timeout 20 "$@" >/dev/null 2>"$work/cpu.err"; } 2>&1)
  cpu_status=$?
  set -e
  cpu=$(awk '{ printf "%d", ($1 + $2) * 1000 }' <<<"$t")
}
cpu_ms "${hidden[@]}" --help
baseline=$cpu
cpu_ms "${hidden[@]}" report --transactions "$work/never.csv" --out "$work/never.html"
if [ "$cpu_status" -ne 2 ] || ! grep -q 'npm install vega vega-lite' "$work/cpu.err"; then
  echo "without vega the CLI did not stop with status 2 naming the package (status $cpu_status):" >&2
  cat "$work/cpu.err" >&2
  exit 1
fi
if [ $((cpu - baseline)) -ge 1000 ]; then
  echo "without vega the CLI took ${cpu} ms of CPU (${baseline} ms to start): not under a second" >&2
  exit 1
fi
echo "without vega: status 2 after ${cpu} ms of CPU (${baseline} ms to start and print the help), before reading any data"
echo "report screenshot test: ok"
