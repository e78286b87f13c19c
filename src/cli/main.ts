/**
 * The `customer-value` command for BI scripts. Node only (it reads and writes files);
 * every analysis it runs is the library's own, through `analyse.ts`.
 *
 *   customer-value report --transactions data.csv.gz [--customers customers.csv]
 *     [--survey survey.csv] [--as-of 2011-12-09] --out report.html [--json results.json]
 */
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import Papa from "papaparse";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { generateSampleData } from "../index.js";
import { analyse } from "./analyse.js";
import { parseReportArgs, type ReportArgs, USAGE } from "./args.js";
import { canResolve, checkReportDependencies } from "./dependencies.js";
import { CliError, dataError, EXIT_DATA, EXIT_USAGE, fileError, isFileError } from "./errors.js";
import { ensureFolder, readCsvText, writeFileInPieces, writeTextFile } from "./files.js";
import { fieldsOf } from "./textFormats.js";
import { writeJson } from "./jsonStream.js";
import { readCustomersCsv, readSurveyCsv } from "./readInputs.js";
import { buildReport } from "./report/build.js";
import { readTransactionFlags } from "./transactions.js";

export { USAGE } from "./args.js";

/** Where the command writes, and what it may look up: injectable for tests. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether `err` is a terminal (progress then updates one line). */
  readonly errIsTty: boolean;
  /** Files at least this large show how much has been read (default 8 MiB). */
  readonly progressBytes?: number;
  /** Whether an optional package can be found (default: Node's module resolution). */
  readonly resolvePackage?: (name: string) => boolean;
}

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTty: process.stderr.isTTY === true,
};

/** Files at least this large show how much has been read, by default. */
const PROGRESS_BYTES = 8 * 1024 * 1024;

/**
 * Runs the command with `argv` (without `node` and the script), returns the exit status:
 * 0 done, 1 bad data, 2 bad usage or a file that cannot be read or written.
 *
 * @param argv - the arguments, e.g. `["report", "--transactions", "t.csv", ...]`
 * @param io - where to print (default the process's stdout and stderr)
 */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    io.out(USAGE);
    return command === undefined ? EXIT_USAGE : 0;
  }
  const name = `customer-value ${command}`;
  try {
    if (command === "sample") return await sampleCommand(rest, io);
    if (command === "report") return await reportCommand(rest, io);
    throw new CliError(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
  } catch (error) {
    return report(error, name, io);
  }
}

/** Prints an error in CLI terms and returns its exit status; a bug is thrown on. */
function report(error: unknown, name: string, io: CliIo): number {
  if (error instanceof CliError) {
    // Flags the command does not know: point to the help.
    const usage = /^(unexpected argument|Unknown option|Option )/.test(error.message);
    io.err(`${name}: ${error.message}\n${usage ? `\nRun "${name} --help" for the options.\n` : ""}`);
    return error.exitCode;
  }
  if (error instanceof CustomerValueError) {
    io.err(`${name}: ${error.code}: ${error.message}\n`);
    return EXIT_DATA;
  }
  if (isFileError(error)) {
    io.err(
      `${name}: ${fileError("read", (error as NodeJS.ErrnoException).path ?? "a file", error).message}\n`,
    );
    return EXIT_USAGE;
  }
  throw error;
}

async function reportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseReportArgs(args);
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  // Before any data is read: the packages the HTML needs, and the output folders.
  if (values.out !== undefined) checkReportDependencies(io.resolvePackage ?? canResolve);
  for (const output of [values.out, values.json])
    if (output !== undefined) await ensureFolder(dirname(output));

  const progress = values.quiet ? () => {} : (text: string) => io.err(`${text}\n`);
  const started = Date.now();
  // Read and parsed in a function of its own: the file's text is freed once parsed.
  const parsed = await readTransactionsFile(values, io, progress);
  progress(describeRows(parsed));
  const customers =
    values.customers === undefined
      ? undefined
      : readWith(
          readCustomersCsv,
          await readCsvText(values.customers, "--customers"),
          values.customers,
          values,
        );
  const survey =
    values.survey === undefined
      ? undefined
      : readWith(readSurveyCsv, await readCsvText(values.survey, "--survey"), values.survey, values);
  if (parsed.transactions.length === 0) {
    throw new CliError(
      `--transactions ${values.transactions}: no transaction is left to analyse (${describeRows(parsed).trim()})`,
      EXIT_DATA,
    );
  }
  const analysis = analyse(
    {
      transactions: parsed.transactions,
      ...(values.asOf === undefined ? {} : { asOf: new Date(values.asOf) }),
      ...(customers === undefined ? {} : { customers }),
      ...(survey === undefined ? {} : { survey }),
    },
    { period: values.period, locale: values.locale, onStep: (step) => progress(`analysing: ${step}`) },
  );
  for (const [id, status] of Object.entries(analysis.sections)) {
    if (status.status === "empty") progress(`section ${id} is empty: ${status.reason}`);
  }
  const csv = {
    rowCount: parsed.rowCount,
    invalid: parsed.invalid,
    excludedCounts: parsed.excludedCounts,
    excludedBy: parsed.excludedBy,
    formulaProblems: parsed.formulaProblems,
  };
  if (values.json !== undefined) {
    const json = values.json;
    await writeFileInPieces(json, (sink) => writeJson(sink, { ...analysis.results, csv }));
    progress(`wrote ${json}`);
  }
  if (values.out !== undefined) {
    progress("rendering charts");
    const html = await buildReport(analysis, reportMeta(values, parsed));
    await writeTextFile(values.out, html);
    progress(`wrote ${values.out}`);
  }
  progress(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

async function readTransactionsFile(values: ReportArgs, io: CliIo, progress: (text: string) => void) {
  const readProgress = values.quiet
    ? undefined
    : { err: io.err, errIsTty: io.errIsTty, progressBytes: io.progressBytes ?? PROGRESS_BYTES };
  const read = await readCsvText(values.transactions, "--transactions", readProgress);
  progress(`parsing ${values.transactions}`);
  const { text, delimiter } = fieldsOf(read, values.delimiter);
  return readTransactionFlags(text, {
    path: values.transactions,
    columns: values.columns,
    amount: values.amount,
    exclude: values.exclude,
    delimiter,
    decimal: values.decimal,
    dateFormat: values.dateFormat,
    skipInvalid: values.skipInvalid,
  });
}

function describeRows(parsed: ReturnType<typeof readTransactionFlags>): string {
  const parts = [`  ${parsed.transactions.length} transactions kept of ${parsed.rowCount} rows`];
  for (const e of parsed.excludedBy)
    parts.push(`${e.rows} left out by --exclude ${JSON.stringify(e.formula)}`);
  if (parsed.invalid.length > 0) parts.push(`${parsed.invalid.length} invalid row(s) left out`);
  return parts.join(", ");
}

function reportMeta(values: ReportArgs, parsed: ReturnType<typeof readTransactionFlags>) {
  const sources = [values.transactions, values.customers, values.survey].filter((s) => s !== undefined);
  return {
    sources,
    period: values.period,
    ...(values.title === undefined ? {} : { title: values.title }),
    ...(values.currency === undefined ? {} : { currency: values.currency }),
    rows: {
      rowCount: parsed.rowCount,
      kept: parsed.transactions.length,
      excludedBy: parsed.excludedBy,
      invalid: parsed.invalid.length,
      notEvaluated: parsed.formulaProblems.rows,
    },
  };
}

/** Reads the customer list or the survey, with its problems named by the flag and file. */
function readWith<T>(
  reader: (text: string, what: string, delimiter: string) => T,
  text: string,
  path: string,
  values: ReportArgs,
): T {
  try {
    const fields = fieldsOf(text, values.delimiter);
    return reader(fields.text, path, fields.delimiter);
  } catch (error) {
    if (error instanceof CustomerValueError) throw dataError(error, "customer-value report");
    throw error;
  }
}

/** `customer-value sample --dir DIR`: the sample data as CSV files, for trying the report. */
async function sampleCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { dir, options } = parseSampleArgs(args);
  let sample: ReturnType<typeof generateSampleData>;
  try {
    sample = generateSampleData(options);
  } catch (error) {
    if (error instanceof CustomerValueError)
      throw new CliError(error.message.replace(/^generateSampleData: /, "--"));
    throw error;
  }
  const indicators = sample.survey.indicators;
  const files: [string, () => unknown[]][] = [
    [
      "transactions.csv",
      () =>
        sample.transactions.map((t) => ({
          customerId: t.customerId,
          date: t.date,
          amount: t.amount,
          profit: t.profit,
          quantity: t.quantity,
          productId: t.productId,
          invoiceId: t.invoiceId,
        })),
    ],
    [
      "customers.csv",
      () =>
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
    ],
    [
      "survey.csv",
      () =>
        sample.survey.after.map((r) => ({
          customerId: r.customerId,
          ...Object.fromEntries(indicators.map((k) => [k, r.scores[k] ?? ""])),
        })),
    ],
  ];
  await ensureFolder(dir);
  for (const [name, rows] of files) {
    await writeTextFile(join(dir, name), `${Papa.unparse(rows(), { newline: "\n" })}\n`);
  }
  io.out(`${sample.asOf}\n`);
  return 0;
}

function parseSampleArgs(args: readonly string[]) {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgsStrict(args));
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (values["dir"] === undefined) throw new CliError("--dir DIR is required");
  const whole = (name: string): number => {
    const v = values[name];
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new CliError(`--${name} must be a whole number >= 1, got ${v}`);
    return n;
  };
  return {
    dir: values["dir"],
    options: { customers: whole("customers"), months: whole("months"), seed: whole("seed") },
  };
}

function parseArgsStrict(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    options: {
      dir: { type: "string" },
      customers: { type: "string", default: "400" },
      months: { type: "string", default: "24" },
      seed: { type: "string", default: "42" },
    },
  });
}

function dateCell(value: Date | string | undefined): string {
  if (value === undefined) return "";
  return value instanceof Date ? value.toISOString() : value;
}
