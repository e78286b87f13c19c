/**
 * The `customer-value` command for BI scripts. Node only (it reads and writes files);
 * every analysis it runs is the library's own, through `analyse.ts`.
 *
 *   customer-value report --transactions data.csv [--customers customers.csv]
 *     [--survey survey.csv] --as-of 2011-12-09 --out report.html [--json results.json]
 */
import { createReadStream } from "node:fs";
import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import type { ChartLocale } from "../charts/types.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import Papa from "papaparse";
import { type CsvColumns, generateSampleData, parseTransactionsCsv, PERIODS, type Period } from "../index.js";
import { analyse } from "./analyse.js";
import { readCustomersCsv, readSurveyCsv } from "./readInputs.js";
import { buildReport } from "./report.js";

/** Where the command writes: injectable for tests. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether `err` is a terminal (progress then updates one line). */
  readonly errIsTty: boolean;
  /** Files at least this large show how much has been read (default 8 MiB). */
  readonly progressBytes?: number;
}

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTty: process.stderr.isTTY === true,
};

export const USAGE = `Usage: customer-value report --transactions FILE --as-of DATE (--out FILE | --json FILE) [options]
       customer-value sample --dir DIR [--customers N] [--months N] [--seed N]

Writes a self-contained HTML report (tables and SVG charts) and/or the results as JSON.

Inputs (CSV with a header row):
  --transactions FILE   transaction log: customerId, date (ISO-8601), amount [, profit, quantity]
  --customers FILE      customer list: id [, name, region, segment, value, firstContactAt,
                        terminationNoticeAt, noticeWithdrawnAt, satisfaction]
  --survey FILE         survey: customerId, then one score column per indicator (empty = skipped)
  --map FIELD=COLUMN    read a transaction field from another column, e.g. --map customerId=CustomerID
                        (repeatable; fields: customerId, date, amount, profit, quantity; columns
                        named profit and quantity are read without --map)
  --delimiter CHAR      field delimiter of every CSV (default ",")
  --decimal CHAR        decimal separator of the transaction amounts, "." or "," (default ".")
  --skip-invalid        leave out bad transaction rows (listed in the JSON) instead of stopping

Analysis:
  --as-of DATE          the analysis date (required); later transactions are left out
  --period PERIOD       day, week, month, quarter or year for activity and cohorts (default month)
  --locale LANG         chart language, en or zh (default en)

Outputs:
  --out FILE            the HTML report
  --json FILE           the machine-readable results
  --title TEXT          the report's title
  --quiet               no progress output
  -h, --help            this help

The sample command writes the built-in sample data as transactions.csv, customers.csv and
survey.csv (the later survey wave) into DIR, and prints its as-of date.

Exit status: 0 done, 1 bad data (every bad row is listed with its row number), 2 bad usage.
`;

/**
 * Runs the command with `argv` (without `node` and the script), returns the exit status.
 *
 * @param argv - the arguments, e.g. `["report", "--transactions", "t.csv", ...]`
 * @param io - where to print (default the process's stdout and stderr)
 */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === "sample") return sampleCommand(rest, io);
  if (command !== "report") {
    io.err(`customer-value: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    return 2;
  }
  let values: ReturnType<typeof parseReportArgs>;
  try {
    values = parseReportArgs(rest);
  } catch (error) {
    io.err(
      `customer-value report: ${(error as Error).message}\n\nRun "customer-value report --help" for the options.\n`,
    );
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const progress = values.quiet ? () => {} : (text: string) => io.err(`${text}\n`);
  try {
    const started = Date.now();
    const text = await readText(values.transactions, values.quiet ? undefined : io);
    progress(`parsing ${values.transactions}`);
    // Optional columns named as the fields are read without a --map.
    const header = Papa.parse<string[]>(text, { preview: 1, delimiter: values.delimiter }).data[0] ?? [];
    const columns: Record<string, string> = { ...(values.columns as Record<string, string>) };
    for (const field of ["profit", "quantity"]) {
      if (columns[field] === undefined && header.map((h) => h.trim()).includes(field)) columns[field] = field;
    }
    const parsed = parseTransactionsCsv(text, {
      columns: columns as CsvColumns,
      delimiter: values.delimiter,
      decimal: values.decimal,
      onInvalid: values.skipInvalid ? "skip" : "throw",
    });
    progress(
      `  ${parsed.transactions.length} transactions` +
        (parsed.invalid.length > 0 ? `, ${parsed.invalid.length} invalid row(s) left out` : ""),
    );
    const customers =
      values.customers === undefined
        ? undefined
        : readCustomersCsv(await readText(values.customers, undefined), values.customers, values.delimiter);
    const survey =
      values.survey === undefined
        ? undefined
        : readSurveyCsv(await readText(values.survey, undefined), values.survey, values.delimiter);
    const analysis = analyse(
      {
        transactions: parsed.transactions,
        asOf: values.asOf,
        ...(customers === undefined ? {} : { customers }),
        ...(survey === undefined ? {} : { survey }),
      },
      { period: values.period, locale: values.locale, onStep: (step) => progress(`analysing: ${step}`) },
    );
    const results = {
      ...analysis.results,
      csv: {
        rowCount: parsed.rowCount,
        invalid: parsed.invalid,
        excludedCounts: parsed.excludedCounts,
      },
    };
    if (values.json !== undefined) {
      await writeOut(values.json, `${JSON.stringify(results, null, 2)}\n`);
      progress(`wrote ${values.json}`);
    }
    if (values.out !== undefined) {
      progress("rendering charts");
      const sources = [values.transactions, values.customers, values.survey].filter((s) => s !== undefined);
      const html = await buildReport(
        { ...analysis, results },
        { sources, ...(values.title === undefined ? {} : { title: values.title }) },
      );
      await writeOut(values.out, html);
      progress(`wrote ${values.out}`);
    }
    progress(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    if (error instanceof CustomerValueError) {
      io.err(`customer-value report: ${error.code}: ${error.message}\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR" || code === "EACCES") {
      io.err(`customer-value report: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}

/** `customer-value sample --dir DIR`: the sample data as CSV files, for trying the report. */
async function sampleCommand(args: readonly string[], io: CliIo): Promise<number> {
  let dir: string;
  let options: { customers: number; months: number; seed: number };
  try {
    const { values } = parseArgs({
      args: [...args],
      strict: true,
      options: {
        dir: { type: "string" },
        customers: { type: "string", default: "400" },
        months: { type: "string", default: "24" },
        seed: { type: "string", default: "42" },
      },
    });
    if (values.dir === undefined) throw new Error("--dir DIR is required");
    dir = values.dir;
    const whole = (name: string, v: string | undefined): number => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number >= 1, got ${v}`);
      return n;
    };
    options = {
      customers: whole("customers", values.customers),
      months: whole("months", values.months),
      seed: whole("seed", values.seed),
    };
  } catch (error) {
    io.err(`customer-value sample: ${(error as Error).message}\n`);
    return 2;
  }
  const sample = generateSampleData(options);
  const indicators = sample.survey.indicators;
  const files: [string, string][] = [
    [
      "transactions.csv",
      Papa.unparse(
        sample.transactions.map((t) => ({
          customerId: t.customerId,
          date: t.date,
          amount: t.amount,
          profit: t.profit,
          quantity: t.quantity,
          productId: t.productId,
          invoiceId: t.invoiceId,
        })),
        { newline: "\n" },
      ),
    ],
    [
      "customers.csv",
      Papa.unparse(
        sample.customers.map((c) => ({
          id: c.id,
          name: c.name ?? "",
          region: c.region ?? "",
          segment: c.segment ?? "",
          value: c.value ?? "",
          firstContactAt: dateCell(c.firstContactAt),
          terminationNoticeAt: dateCell(c.terminationNoticeAt),
          noticeWithdrawnAt: dateCell(c.noticeWithdrawnAt),
          satisfaction: c.satisfaction ?? "",
        })),
        { newline: "\n" },
      ),
    ],
    [
      "survey.csv",
      Papa.unparse(
        sample.survey.after.map((r) => ({
          customerId: r.customerId,
          ...Object.fromEntries(indicators.map((k) => [k, r.scores[k] ?? ""])),
        })),
        { newline: "\n" },
      ),
    ],
  ];
  await mkdir(dir, { recursive: true });
  for (const [name, text] of files) await writeFile(join(dir, name), `${text}\n`);
  io.out(`${sample.asOf}\n`);
  return 0;
}

function dateCell(value: Date | string | undefined): string {
  if (value === undefined) return "";
  return value instanceof Date ? value.toISOString() : value;
}

interface ReportArgs {
  transactions: string;
  customers: string | undefined;
  survey: string | undefined;
  asOf: string;
  out: string | undefined;
  json: string | undefined;
  title: string | undefined;
  period: Period;
  locale: ChartLocale;
  delimiter: string;
  decimal: "." | ",";
  columns: CsvColumns;
  skipInvalid: boolean;
  quiet: boolean;
  help: boolean;
}

function parseReportArgs(args: readonly string[]): ReportArgs {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      transactions: { type: "string" },
      customers: { type: "string" },
      survey: { type: "string" },
      "as-of": { type: "string" },
      out: { type: "string" },
      json: { type: "string" },
      title: { type: "string" },
      period: { type: "string", default: "month" },
      locale: { type: "string", default: "en" },
      delimiter: { type: "string", default: "," },
      decimal: { type: "string", default: "." },
      map: { type: "string", multiple: true },
      "skip-invalid": { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (positionals.length > 0) throw new Error(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const help = values.help === true;
  if (help) return { help } as ReportArgs;
  if (values.transactions === undefined) throw new Error("--transactions FILE is required");
  if (values["as-of"] === undefined) throw new Error("--as-of DATE is required");
  if (values.out === undefined && values.json === undefined)
    throw new Error("give --out FILE, --json FILE or both");
  const period = values.period as Period;
  if (!(PERIODS as readonly string[]).includes(period)) {
    throw new Error(`--period must be one of ${PERIODS.join(", ")}, got ${JSON.stringify(values.period)}`);
  }
  if (values.locale !== "en" && values.locale !== "zh")
    throw new Error(`--locale must be en or zh, got ${values.locale}`);
  if (values.decimal !== "." && values.decimal !== ",")
    throw new Error(`--decimal must be "." or ",", got ${values.decimal}`);
  const columns: Record<string, string> = {};
  for (const pair of values.map ?? []) {
    const [field, column] = pair.split("=", 2);
    if (
      field === undefined ||
      column === undefined ||
      column === "" ||
      !["customerId", "date", "amount", "profit", "quantity"].includes(field)
    ) {
      throw new Error(
        `--map must be FIELD=COLUMN with FIELD one of customerId, date, amount, profit, quantity, got ${pair}`,
      );
    }
    columns[field] = column;
  }
  return {
    transactions: values.transactions,
    customers: values.customers,
    survey: values.survey,
    asOf: values["as-of"],
    out: values.out,
    json: values.json,
    title: values.title,
    period,
    locale: values.locale,
    delimiter: values.delimiter ?? ",",
    decimal: values.decimal,
    columns: columns as CsvColumns,
    skipInvalid: values["skip-invalid"] === true,
    quiet: values.quiet === true,
    help,
  };
}

/** Files at least this large show how much has been read, by default. */
const PROGRESS_BYTES = 8 * 1024 * 1024;

/** Reads a UTF-8 text file, reporting progress for large files (a BOM is dropped). */
async function readText(path: string, io: CliIo | undefined): Promise<string> {
  const { size } = await stat(path);
  const showProgress = io !== undefined && size >= (io.progressBytes ?? PROGRESS_BYTES);
  if (showProgress) io.err(`reading ${path} (${(size / 1024 / 1024).toFixed(1)} MB)\n`);
  const chunks: Buffer[] = [];
  let read = 0;
  let nextReport = 0.1;
  for await (const chunk of createReadStream(path)) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    read += buffer.length;
    if (showProgress && read / size >= nextReport) {
      const percent = Math.floor((read / size) * 100);
      io.err(io.errIsTty ? `\r  read ${percent}%` : `  read ${percent}%\n`);
      while (nextReport <= read / size) nextReport += 0.1;
    }
  }
  if (showProgress && io.errIsTty) io.err("\n");
  const text = Buffer.concat(chunks).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

async function writeOut(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}
