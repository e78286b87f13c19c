#!/usr/bin/env node
/**
 * Completes package-lock.json with the platform-specific optional packages (biome,
 * rollup, deno, duckdb binaries for other operating systems) that this workplace's
 * npm mirror does not serve. Without their entries `npm ci` refuses the lock file as
 * out of sync. Each entry gets the version its parent asks for and the os/cpu/libc
 * read from its name, so npm skips it on other platforms and fetches it by version
 * where it applies. Run after every `npm install`: `node scripts/complete-lockfile.mjs`.
 */
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;
const OS = [
  "android",
  "darwin",
  "linux",
  "win32",
  "freebsd",
  "openbsd",
  "openharmony",
  "sunos",
  "aix",
  "netbsd",
];
const CPU = ["arm64", "x64", "arm", "ia32", "loong64", "ppc64", "riscv64", "s390x", "mips64el"];
let added = 0;
for (const [path, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const base = path === "" ? "" : `${path}/`;
    const key = `${base}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[key] || packages[hoisted]) continue;
    const parts = name.split("/").pop().split("-");
    const entry = { version, optional: true };
    const os = parts.find((p) => OS.includes(p));
    const cpu =
      parts.find((p) => CPU.includes(p)) ??
      (parts.includes("gnueabihf") || parts.includes("musleabihf") ? "arm" : undefined);
    if (os) entry.os = [os];
    if (cpu) entry.cpu = [cpu];
    if (parts.some((p) => p.startsWith("musl"))) entry.libc = ["musl"];
    else if (parts.includes("gnu") || parts.includes("glibc") || parts.includes("gnueabihf"))
      entry.libc = ["glibc"];
    packages[hoisted] = entry;
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
