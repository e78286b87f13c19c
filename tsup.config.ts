import { defineConfig } from "tsup";

// One bundle per public entry point. `./models` and `./charts` join this list
// when their modules land; the exports map in package.json mirrors it.
export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  treeshake: true,
  external: ["zod", "simple-statistics", "mathjs", "date-fns", "@date-fns/tz", "@date-fns/utc", "papaparse"],
});
