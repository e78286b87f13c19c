/**
 * Where the real public datasets live (../shared/data beside the repository, never copied
 * into it), and whether they are there. Tests that read them skip locally when the folder
 * is missing; under CI (CI set) the run fails before any test instead: see
 * requireSharedData.ts, the suite's global setup.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** ../shared/data, from the repository root. */
export const SHARED_DATA = fileURLToPath(new URL("../../../shared/data/", import.meta.url));

/** The files the tests read. */
export const SHARED_FILES = [
  "cdnow_lifetimes/CDNOW_master.txt",
  "cdnow_lifetimes/CDNOW_sample.txt",
  "cdnow_lifetimes/cdnow_customers_summary.csv",
  "cdnow_lifetimes/cdnow_customers_summary_with_transactions.csv",
  "cdnow_lifetimes/donations.csv",
  "uci_online_retail/online_retail.csv.gz",
];

/** The shared files that are missing (none when the data is in place). */
export function missingSharedFiles(): string[] {
  return SHARED_FILES.filter((file) => !existsSync(`${SHARED_DATA}${file}`));
}

/** Whether every shared file is in place. */
export const HAS_SHARED_DATA = missingSharedFiles().length === 0;
