import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^customer-value$/, replacement: src("index.ts") },
      { find: /^customer-value\/models$/, replacement: src("models/index.ts") },
      { find: /^customer-value\/charts$/, replacement: src("charts/index.ts") },
      { find: /^customer-value\/render$/, replacement: src("charts/render.ts") },
      { find: /^customer-value\/duckdb$/, replacement: src("duckdb/index.ts") },
      { find: /^customer-value\/sql$/, replacement: src("sql/index.ts") },
    ],
  },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Under CI a missing ../shared/data fails the run instead of skipping its tests.
    globalSetup: ["test/support/requireSharedData.ts"],
    // Under CI one fixed fast-check seed (FC_SEED replays any).
    setupFiles: ["test/support/fastCheckSeed.ts"],
    testTimeout: 60_000,
  },
});
