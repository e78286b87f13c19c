/**
 * File errors of the CLI: "unexpected error" with a stack for `--json /dev/full`, a path
 * under a file and `sample --months 1e5`; 100% CPU forever for `--json
 * /proc/self/nope/x.json` and `sample --dir /proc/foo` (Node's recursive mkdir loops where
 * the system refuses a folder). Every one must exit 2 with one line in CLI terms, quickly.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

const dir = mkdtempSync(join(tmpdir(), "cv-file-errors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const log = join(dir, "t.csv");
writeFileSync(log, "customerId,date,amount\nC1,2011-03-04,12.5\nC2,2011-03-05,3\n");

async function run(...argv: string[]) {
  let err = "";
  let out = "";
  const started = performance.now();
  const status = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false });
  return { status, err, out, seconds: (performance.now() - started) / 1000 };
}

/** Exit 2, one line naming the path and the reason, no stack, in under 5 s. */
function expectOneLine(r: Awaited<ReturnType<typeof run>>, line: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.err.endsWith("\n")).toBe(true);
  expect(r.err.trimEnd().split("\n")).toHaveLength(1);
  expect(r.err).toMatch(line);
  expect(r.err).not.toMatch(/unexpected error|\n\s+at /);
  expect(r.seconds).toBeLessThan(5);
}

const report = (...out: string[]) => run("report", "--transactions", log, "--quiet", ...out);

describe("CLI file errors: exit 2, one line", () => {
  it("--json /dev/full: no space left", async () => {
    expectOneLine(
      await report("--json", "/dev/full"),
      /^customer-value report: cannot write \/dev\/full: no space left on the device \(ENOSPC\)$/m,
    );
  });

  it("an output path under a file", async () => {
    expectOneLine(
      await report("--json", join(log, "x.json")),
      /^customer-value report: cannot create the folder .*t\.csv: .*t\.csv is a file, not a folder$/m,
    );
  });

  it("--json /proc/self/nope/x.json ends at once instead of spinning", async () => {
    expectOneLine(
      await report("--json", "/proc/self/nope/x.json"),
      /^customer-value report: cannot create the folder \/proc\/self\/nope: /m,
    );
  }, 10_000);

  it("sample --dir /proc/foo ends at once instead of spinning", async () => {
    expectOneLine(
      await run("sample", "--dir", "/proc/foo", "--customers", "5", "--months", "2"),
      /^customer-value sample: cannot create the folder \/proc\/foo: /m,
    );
  }, 10_000);

  it("sample --months 1e5: out of range, said in flags", async () => {
    expectOneLine(
      await run("sample", "--dir", join(dir, "s"), "--months", "1e5"),
      /^customer-value sample: --months must be in \[1, 12000\], got 100000$/m,
    );
  });

  it("an input that is missing, a folder, or unreadable", async () => {
    expectOneLine(
      await run("report", "--transactions", join(dir, "nope.csv"), "--json", join(dir, "o.json"), "--quiet"),
      /^customer-value report: cannot read .*nope\.csv: no such file or folder \(ENOENT\)$/m,
    );
    expectOneLine(
      await run("report", "--transactions", dir, "--json", join(dir, "o.json"), "--quiet"),
      /^customer-value report: cannot read .*: it is a folder, not a file \(EISDIR\)$/m,
    );
    expectOneLine(
      await run(
        "report",
        "--transactions",
        log,
        "--survey",
        join(dir, "none.csv"),
        "--json",
        join(dir, "o.json"),
        "--quiet",
      ),
      /^customer-value report: cannot read .*none\.csv: no such file or folder/m,
    );
  });

  it("an output that is a folder", async () => {
    expectOneLine(
      await report("--json", dir),
      /^customer-value report: cannot write .*: it is a folder, not a file \(EISDIR\)$/m,
    );
  });
});
