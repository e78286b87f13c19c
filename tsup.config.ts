import { defineConfig } from "tsup";

const dependencies = [
  "zod",
  "simple-statistics",
  "mathjs",
  "date-fns",
  "@date-fns/tz",
  "@date-fns/utc",
  "papaparse",
];
// Optional peers: imported only by their own entry point, loaded only when that entry is used.
const peers = ["vega", "vega-lite", "@duckdb/node-api", "pg", "@clickhouse/client"];

// `npm run build` empties dist/ first, so neither config below cleans (they run in parallel).
export default defineConfig([
  {
    // The library: one bundle per public entry point; the exports map in package.json mirrors this list.
    entry: {
      index: "src/index.ts",
      models: "src/models/index.ts",
      charts: "src/charts/index.ts",
      duckdb: "src/duckdb/index.ts",
      sql: "src/sql/index.ts",
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
  },
]);
