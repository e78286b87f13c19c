/**
 * The long fuzz run: the reliability suites of `test/reliability/` with many more
 * generated cases per property than `npm test` makes (1,000).
 *
 *   npm run fuzz                       # FUZZ_RUNS=100000 (the default here), a fresh seed
 *   FUZZ_RUNS=20000 npm run fuzz       # shorter
 *   FUZZ_SEED=1234 npm run fuzz        # replay a run with the seed it printed
 *
 * Below about 300 runs the check that every function gave real results in at least 5% of
 * its calls (expectFuzzReachedResults) has too few calls to go on and may fail.
 *
 * package.json: "fuzz": "vitest run --config test/fuzz/vitest.config.ts"
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import base from "../../vitest.config.js";

// One seed for every suite of the run: FUZZ_SEED to replay one, else a fresh one, printed.
const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(`fuzz: FUZZ_SEED=${seed} FUZZ_RUNS=${process.env.FUZZ_RUNS ?? "100000"}`);

// The main config's aliases and setup; its test list is replaced, not extended (mergeConfig
// would concatenate the two lists and run the whole suite at this length).
export default defineConfig({
  ...base,
  root: fileURLToPath(new URL("../../", import.meta.url)),
  test: {
    ...base.test,
    include: ["test/reliability/**/*.test.ts"],
    env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? "100000", FUZZ_SEED: seed },
    testTimeout: 60 * 60_000,
    hookTimeout: 60_000,
  },
});
