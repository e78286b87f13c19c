import { defineConfig } from "tsup";

// One bundle per public entry point; the exports map in package.json mirrors this list.
export default defineConfig({
  entry: { index: "src/index.ts", models: "src/models/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  // Shared code (CustomerValueError above all) goes to common chunks in both formats, so
  // `instanceof CustomerValueError` holds across entry points in CommonJS too.
  splitting: true,
  target: "es2022",
  platform: "neutral",
  treeshake: true,
  external: ["zod", "simple-statistics", "mathjs", "date-fns", "@date-fns/tz", "@date-fns/utc", "papaparse"],
});
