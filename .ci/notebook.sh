#!/usr/bin/env bash
# CI: examples/notebook.ipynb runs end to end under Deno's Jupyter kernel, headless,
# against the packed package (as a user would install it) plus the optional renderers
# vega and vega-lite. Any failing cell fails this script (nbconvert exits non-zero); a
# deliberately failing notebook must fail the same way. Needs `npm run build` first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
deno_bin="$root/node_modules/.bin/deno"
out=${NOTEBOOK_ARTIFACTS:-/tmp/customer-value-notebook}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -f dist/charts.js ]; then
  echo "dist/charts.js is missing: run npm run build first" >&2
  exit 1
fi
if ! command -v jupyter-nbconvert >/dev/null 2>&1; then
  echo "installing jupyter-nbconvert and jupyter-client (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends jupyter-nbconvert python3-nbconvert jupyter-client >/dev/null
fi
# Registers the "deno" kernelspec (in ~/.local/share/jupyter/kernels/deno).
"$deno_bin" jupyter --install --force >/dev/null 2>&1
jupyter kernelspec list 2>/dev/null | grep -q '^ *deno ' || { echo "the deno kernel is not registered" >&2; exit 1; }

# A scratch project with the packed package and the renderers, as a user would have it.
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
vega=$(node -p 'require("./package.json").devDependencies.vega')
vega_lite=$(node -p 'require("./package.json").devDependencies["vega-lite"]')
cd "$work"
printf '{ "name": "notebook-run", "private": true, "type": "module" }\n' > package.json
printf '{ "nodeModulesDir": "manual" }\n' > deno.json
npm install --silent --no-audit --no-fund "./$tarball" "vega@$vega" "vega-lite@$vega_lite" >/dev/null
cp "$root/examples/notebook.ipynb" .

run() {
  jupyter nbconvert --to notebook --execute \
    --ExecutePreprocessor.kernel_name=deno --ExecutePreprocessor.timeout=600 "$@"
}
run notebook.ipynb --output "$out/notebook.executed.ipynb"

# Count what the cells displayed (the kernel can drop an output now and then, so this
# only requires that charts and tables did show; cell failures are what fail the run).
python3 - "$out/notebook.executed.ipynb" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
kinds = {}
for cell in nb["cells"]:
    for o in cell.get("outputs", []):
        for mime in o.get("data", {}):
            kinds[mime] = kinds.get(mime, 0) + 1
        if o["output_type"] == "error":
            sys.exit(f"cell {cell.get('id')} failed: {o.get('ename')}: {o.get('evalue')}")
print("notebook outputs:", ", ".join(f"{k} x{v}" for k, v in sorted(kinds.items())))
if kinds.get("application/vnd.vegalite.v5+json", 0) == 0 or kinds.get("text/html", 0) == 0:
    sys.exit("the notebook displayed no chart or no table")
PY

# The check must be able to fail: a notebook whose second cell throws.
python3 - <<'PY'
import json
nb = json.load(open("notebook.ipynb"))
cells = [c for c in nb["cells"] if c["cell_type"] == "code"][:1]
cells.append({"cell_type": "code", "id": "fails", "metadata": {}, "execution_count": None, "outputs": [],
              "source": ["throw new Error('this cell fails on purpose');"]})
nb["cells"] = cells
json.dump(nb, open("broken.ipynb", "w"))
PY
if run broken.ipynb --output broken.executed.ipynb >/dev/null 2>&1; then
  echo "a failing notebook cell did not fail the run" >&2
  exit 1
fi
echo "notebook test: ok ($out/notebook.executed.ipynb)"
