/**
 * The command line of `customer-value report`: the help text and the parsing of the flags
 * into checked options. Every mistake is a `CliError` naming the flag (exit status 2).
 */
import { parseArgs } from "node:util";
import type { ChartLocale } from "../charts/types.js";
import { MS_PER_DAY, PERIODS, type Period, parseDateInput } from "../internal/dates.js";
import { REPORT_DEPENDENCIES } from "./dependencies.js";
import { CliError } from "./errors.js";
import { dateFormat } from "./textFormats.js";

export const USAGE = `Usage: customer-value report --transactions FILE (--out FILE | --json FILE) [options]
       customer-value sample --dir DIR [--customers N] [--months N] [--seed N]

Writes a self-contained HTML report (summary, tables and SVG charts) and/or the results as JSON.

Inputs (CSV with a header row, plain or gzip-compressed: .csv and .csv.gz are told apart by content):
  --transactions FILE   transaction log: customerId, date (ISO-8601), amount [, profit, quantity]
  --customers FILE      customer list: id [, name, region, segment, value, firstContactAt,
                        terminationNoticeAt, noticeWithdrawnAt, satisfaction]
  --survey FILE         survey: customerId, then one score column per indicator (empty = skipped)
  --map FIELD=COLUMN    read a transaction field from another column, e.g. --map customerId=CustomerID
                        (repeatable; fields: customerId, date, amount, profit, quantity; columns
                        named profit and quantity are read without --map)
  --amount FORMULA      compute the amount from the row's columns, e.g. --amount "Quantity * UnitPrice"
  --exclude FORMULA     leave out (and count) the rows where FORMULA is true; repeatable, e.g.
                        --exclude 'startsWith(InvoiceNo, "C")' --exclude "Quantity <= 0"
  --delimiter CHAR      field delimiter of every CSV (default ","); "whitespace": fields
                        separated by runs of spaces or tabs (quotes not special)
  --date-format PATTERN dates written otherwise than ISO-8601, read as UTC: yyyy, MM or M,
                        dd or d [, HH or H, mm, ss], e.g. yyyyMMdd or "d/M/yyyy H:mm"
  --decimal CHAR        decimal separator of the transaction numbers, "." or "," (default ".")
  --skip-invalid        leave out bad transaction rows (listed in the JSON) instead of stopping

  Formulas use the columns by name, numbers, "text", + - * / ^, == != < <= > >=, and or not,
  cond ? a : b, and abs min max sqrt log exp startsWith endsWith contains.

Analysis:
  --as-of DATE          the analysis date; later transactions are left out. A date alone
                        (2011-12-09) means the end of that day, inclusive; a date and time
                        (2011-12-09T12:00:00Z) is taken as it is. Default: the end of the last
                        day with a transaction.
  --period PERIOD       day, week, month, quarter or year for activity and cohorts (default month)
  --locale LANG         language of the report, en or zh (default en)
  --currency CODE       currency of the amounts, e.g. GBP, EUR, CNY (default: plain numbers)

Outputs:
  --out FILE            the HTML report (needs the optional packages ${REPORT_DEPENDENCIES.join(" and ")}:
                        npm install ${REPORT_DEPENDENCIES.join(" ")})
  --json FILE           the machine-readable results (needs nothing more)
  --title TEXT          the report's title
  --quiet               no progress output
  -h, --help            this help

The sample command writes the built-in sample data as transactions.csv, customers.csv and
survey.csv (the later survey wave) into DIR, and prints its as-of date.

Exit status: 0 done, 1 bad data (every bad row is listed with its row number), 2 bad usage or a
file that cannot be read or written.
`;

/** The transaction fields `--map` can name. */
export const MAPPABLE_FIELDS = ["customerId", "date", "amount", "profit", "quantity"] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** The checked options of `customer-value report`. */
export interface ReportArgs {
  readonly help: boolean;
  readonly transactions: string;
  readonly customers: string | undefined;
  readonly survey: string | undefined;
  /** The analysis instant (epoch ms), or `undefined`: the end of the last day in the data. */
  readonly asOf: number | undefined;
  readonly out: string | undefined;
  readonly json: string | undefined;
  readonly title: string | undefined;
  readonly period: Period;
  readonly locale: ChartLocale;
  readonly currency: string | undefined;
  readonly delimiter: string;
  readonly decimal: "." | ",";
  /** `--date-format`, checked; `undefined` for ISO-8601. */
  readonly dateFormat: string | undefined;
  readonly columns: Partial<Record<MappableField, string>>;
  readonly amount: string | undefined;
  readonly exclude: readonly string[];
  readonly skipInvalid: boolean;
  readonly quiet: boolean;
}

/**
 * `--as-of` as an instant: a date alone is the last millisecond of that day (UTC), so
 * the whole day is included; a date with a time is taken as it is.
 */
export function parseAsOf(text: string): number {
  const time = parseDateInput(text.trim());
  if (time === undefined) {
    throw new CliError(
      `--as-of must be a date (2011-12-09) or a date and time (2011-12-09T18:00:00Z), got ${JSON.stringify(text)}`,
    );
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? time + MS_PER_DAY - 1 : time;
}

function readMap(pairs: readonly string[]): Partial<Record<MappableField, string>> {
  const columns: Partial<Record<MappableField, string>> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    const field = pair.slice(0, at) as MappableField;
    const column = pair.slice(at + 1).trim();
    if (at < 0 || column === "" || !MAPPABLE_FIELDS.includes(field)) {
      throw new CliError(
        `--map must be FIELD=COLUMN with FIELD one of ${MAPPABLE_FIELDS.join(", ")}, got ${JSON.stringify(pair)}`,
      );
    }
    columns[field] = column;
  }
  return columns;
}

function readChoices(values: Record<string, unknown>) {
  const period = values["period"] as Period;
  if (!(PERIODS as readonly string[]).includes(period)) {
    throw new CliError(`--period must be one of ${PERIODS.join(", ")}, got ${JSON.stringify(period)}`);
  }
  const locale = values["locale"];
  if (locale !== "en" && locale !== "zh")
    throw new CliError(`--locale must be en or zh, got ${JSON.stringify(locale)}`);
  const decimal = values["decimal"];
  if (decimal !== "." && decimal !== ",")
    throw new CliError(`--decimal must be "." or ",", got ${JSON.stringify(decimal)}`);
  const delimiter = values["delimiter"] as string;
  if (delimiter.length === 0) throw new CliError("--delimiter must not be empty");
  const currency = values["currency"] as string | undefined;
  if (currency !== undefined && !/^[A-Za-z]{3}$/.test(currency)) {
    throw new CliError(
      `--currency must be a three-letter currency code such as GBP, EUR or CNY, got ${JSON.stringify(currency)}`,
    );
  }
  return { period, locale, decimal, delimiter, currency: currency?.toUpperCase() } as const;
}

/**
 * Parses the flags of `customer-value report`.
 *
 * @throws {CliError} for an unknown flag, a missing input or output, or a bad value
 */
export function parseReportArgs(args: readonly string[]): ReportArgs {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(args);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new CliError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const help = values.help === true;
  if (help) return { help } as ReportArgs;
  if (values.transactions === undefined) throw new CliError("--transactions FILE is required");
  if (values.out === undefined && values.json === undefined)
    throw new CliError("give --out FILE, --json FILE or both");
  const columns = readMap(values.map ?? []);
  if (values.amount !== undefined && columns.amount !== undefined) {
    throw new CliError("give either --amount FORMULA or --map amount=COLUMN, not both");
  }
  const pattern = values["date-format"];
  if (pattern !== undefined) dateFormat(pattern); // throws for a bad pattern, before any file is read
  return {
    help,
    transactions: values.transactions,
    customers: values.customers,
    survey: values.survey,
    asOf: values["as-of"] === undefined ? undefined : parseAsOf(values["as-of"]),
    out: values.out,
    json: values.json,
    title: values.title,
    ...readChoices(values),
    dateFormat: pattern,
    columns,
    amount: values.amount,
    exclude: values.exclude ?? [],
    skipInvalid: values["skip-invalid"] === true,
    quiet: values.quiet === true,
  };
}

function parseFlags(args: readonly string[]) {
  return parseArgs({
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
      currency: { type: "string" },
      delimiter: { type: "string", default: "," },
      decimal: { type: "string", default: "." },
      "date-format": { type: "string" },
      map: { type: "string", multiple: true },
      amount: { type: "string" },
      exclude: { type: "string", multiple: true },
      "skip-invalid": { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}
