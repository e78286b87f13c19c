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
const peers = ["@duckdb/node-api"];

// `npm run build` empties dist/ first.
export default defineConfig([
  {
    // The library: one bundle per public entry point; the exports map in package.json mirrors this list.
    entry: {
      index: "src/index.ts",
      models: "src/models/index.ts",
      duckdb: "src/duckdb/index.ts",
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
]);
