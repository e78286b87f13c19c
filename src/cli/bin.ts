#!/usr/bin/env node
/** The `customer-value` executable (package `bin`): runs {@link main} and sets the exit status. */
import { main } from "./main.js";

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`customer-value: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
