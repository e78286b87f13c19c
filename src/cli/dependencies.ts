/**
 * The optional packages the HTML report needs, checked before any data is read, so that
 * a missing one stops the command at once instead of after the analysis.
 */
import { createRequire } from "node:module";
import { CliError, EXIT_USAGE } from "./errors.js";

/** Packages the HTML report (`--out`) renders its charts with; `--json` alone needs none. */
export const REPORT_DEPENDENCIES: readonly string[] = ["vega", "vega-lite"];

/** Whether `name` can be found from here, without loading it. */
export function canResolve(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch (error) {
    // A package that exists but has no CommonJS entry still counts as installed.
    const code = (error as NodeJS.ErrnoException).code;
    return code !== "MODULE_NOT_FOUND";
  }
}

/**
 * Throws a `CliError` naming every missing report dependency and the command to install it.
 *
 * @param resolve - whether a package can be found (injectable for tests)
 */
export function checkReportDependencies(resolve: (name: string) => boolean = canResolve): void {
  const missing = REPORT_DEPENDENCIES.filter((name) => !resolve(name));
  if (missing.length === 0) return;
  const names = missing.join(" and ");
  throw new CliError(
    `the HTML report (--out) needs the optional package${missing.length === 1 ? "" : "s"} ${names}, not installed: run "npm install ${REPORT_DEPENDENCIES.join(" ")}" (or write only --json)`,
    EXIT_USAGE,
  );
}
