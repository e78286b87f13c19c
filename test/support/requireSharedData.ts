/**
 * The suite's global setup: under CI (the CI variable set) a missing ../shared/data fails
 * the whole run, so that a renamed folder cannot turn CI green by skipping the tests that
 * check the published CDNOW fits and the UCI Online Retail figures.
 */
import { missingSharedFiles, SHARED_DATA } from "./sharedData.js";

export default function requireSharedData(): void {
  const missing = missingSharedFiles();
  if (process.env.CI && missing.length > 0) {
    throw new Error(
      `CI needs the shared datasets beside the repository (${SHARED_DATA}); missing: ${missing.join(", ")}`,
    );
  }
}
