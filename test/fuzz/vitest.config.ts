/**
 * The long fuzz run: the reliability suites of `test/reliability/` with many more
 * generated cases per property than `npm test` makes (1,000).
 *
 *   npm run fuzz                       # FUZZ_RUNS=20000 (the default here)
 *   FUZZ_RUNS=100000 npm run fuzz      # longer
 *   FUZZ_SEED=1234 npm run fuzz        # replay a failure with the seed fast-check printed
 *
 * package.json: "fuzz": "vitest run --config test/fuzz/vitest.config.ts"
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../../", import.meta.url));
const src = (p: string) => fileURLToPath(new URL(`../../src/${p}`, import.meta.url));

export default defineConfig({
  root,
  resolve: {
    alias: [
      { find: /^customer-value$/, replacement: src("index.ts") },
      { find: /^customer-value\/models$/, replacement: src("models/index.ts") },
      { find: /^customer-value\/charts$/, replacement: src("charts/index.ts") },
      { find: /^customer-value\/duckdb$/, replacement: src("duckdb/index.ts") },
    ],
  },
  test: {
    include: ["test/reliability/**/*.test.ts"],
    env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? "20000" },
    testTimeout: 60 * 60_000,
    hookTimeout: 60_000,
  },
});
