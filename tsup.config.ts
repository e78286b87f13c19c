import { defineConfig } from "tsup";

const dependencies = ["zod", "simple-statistics", "date-fns", "@date-fns/tz", "@date-fns/utc", "papaparse"];
// Optional peers: imported only by their own entry point, loaded only when that entry is used.
const peers = ["vega", "vega-lite", "@duckdb/node-api"];
// Bundled, not imported: the formulas' mathjs instance is built from a few of mathjs' factory
// functions (src/internal/mathjs.ts), and only a bundle keeps just those. Importing the mathjs
// package itself would build all of it and load hundreds of modules on every import.
const bundled = ["mathjs"];

// `npm run build` empties dist/ first, so neither config below cleans (they run in parallel).
export default defineConfig([
  {
    // The library: one bundle per public entry point; the exports map in package.json mirrors this list.
    entry: {
      index: "src/index.ts",
      models: "src/models/index.ts",
      charts: "src/charts/index.ts",
      render: "src/charts/render.ts",
      duckdb: "src/duckdb/index.ts",
      // Not public (absent from the exports map): as an entry, the bundled mathjs factories
      // get a chunk file of their own, which a bundler drops whole when formulas go unused.
      "internal-mathjs": "src/internal/mathjs.ts",
    },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: false,
    // Shared code (CustomerValueError above all) goes to common chunks in both formats, so
    // `instanceof CustomerValueError` holds across entry points in CommonJS too.
    splitting: true,
    target: "es2022",
    platform: "neutral",
    treeshake: true,
    external: [...dependencies, ...peers],
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
    external: [...dependencies, ...peers],
    noExternal: bundled,
  },
]);
