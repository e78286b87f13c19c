import { defineConfig } from "tsup";

// Installed and imported: zod, whose schemas are part of the API (applications compose the
// record schemas with their own zod), and the optional peers, each imported only by its own
// entry point.
const external = ["zod", "vega", "vega-lite", "@duckdb/node-api"];
// Bundled, tree-shaken to the few functions used: dependencies that are implementation
// details. A package imported from node_modules costs every one of its modules on each
// cold import (all of date-fns' helpers, simple-statistics' whole file, a CommonJS parse of
// papaparse), and the mathjs package would build all of mathjs; the formulas' instance is
// built from a few mathjs factories (src/internal/mathjs.ts), which only a bundle keeps
// apart. Their licences: dist/THIRD_PARTY_LICENSES.txt (scripts/third-party-licenses.mjs).
const bundled = [
  "mathjs",
  "date-fns",
  "@date-fns/tz",
  "@date-fns/utc",
  "simple-statistics",
  "papaparse",
  "@noble/hashes",
];

// One bundle per public entry point; the exports map in package.json mirrors this list.
const entries = {
  index: "src/index.ts",
  models: "src/models/index.ts",
  charts: "src/charts/index.ts",
  render: "src/charts/render.ts",
  duckdb: "src/duckdb/index.ts",
};

// `npm run build` empties dist/ first, so neither config below cleans (they run in parallel).
export default defineConfig([
  {
    // The library.
    entry: {
      ...entries,
      // Not public (absent from the exports map): as an entry, the bundled mathjs factories
      // get a chunk file of their own, which a bundler drops whole when formulas go unused.
      "internal-mathjs": "src/internal/mathjs.ts",
    },
    format: ["esm", "cjs"],
    // Types for the public entry points only.
    dts: { entry: entries },
    sourcemap: true,
    clean: false,
    // Shared code (CustomerValueError above all) goes to common chunks in both formats, so
    // `instanceof CustomerValueError` holds across entry points in CommonJS too.
    splitting: true,
    target: "es2022",
    platform: "neutral",
    treeshake: true,
    external,
    noExternal: bundled,
  },
  {
    // The `customer-value` command (package.json "bin"): Node only, so it sits apart in dist/bin
    // and the check that the library imports no Node built-ins (dist/*.js) does not see it.
    entry: { "customer-value": "src/cli/bin.ts" },
    outDir: "dist/bin",
    format: ["esm"],
    dts: false,
    sourcemap: true,
    clean: false,
    target: "node20",
    platform: "node",
    external,
    noExternal: bundled,
  },
]);
