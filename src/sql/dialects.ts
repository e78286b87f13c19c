/**
 * The pieces of SQL that differ between DuckDB, PostgreSQL and ClickHouse. Every query of
 * the module is one skeleton of nested `SELECT ... GROUP BY` (no window functions, no
 * joins, no CTEs: ClickHouse 18.16 has none of them for subqueries) filled in from here.
 */
import { CustomerValueError, type CustomerValueErrorCode } from "../errors/CustomerValueError.js";
import type { Period } from "../internal/dates.js";
import type { SqlDialect } from "./executor.js";

/** A source column's type as the engine names it (`undefined`: not probed; DuckDB casts any type). */
export type ColumnType = string | undefined;

/** The checked log's three columns as SQL expressions over the source. */
export interface LogExpressions {
  /** The customer id as text. */
  readonly id: string;
  /** The date as epoch milliseconds (a double), NULL when unreadable. */
  readonly t: string;
  /** The amount as a double, NULL when unreadable. */
  readonly amount: string;
}

/** What the module writes differently per engine. */
export interface Dialect {
  readonly name: SqlDialect;
  /** The engine's name, for messages. */
  readonly engine: string;
  /** The double-precision type, for `CAST`. */
  readonly double: string;
  /** An identifier, quoted (the caller has checked it holds no quote character). */
  quote(identifier: string): string;
  /** The placeholder of the `n`-th bound value (1-based), a number read as a double. */
  number(n: number): string;
  /** The placeholder of the `n`-th bound value (1-based), a string. */
  text(n: number): string;
  /** The sum of a double column; compensated (Kahan) where the engine offers it. */
  sum(x: string): string;
  /** The `value` of the row with the smallest `key` in a group (keys distinct). */
  firstBy(value: string, key: string): string;
  /** True where a double is neither infinite nor NaN. */
  isFinite(x: string): string;
  /** A text column as an `ORDER BY` key that sorts by its UTF-8 bytes, whatever the collation. */
  bytewise(x: string): string;
  /** A query giving the type names of `columns` (quoted) in one row, or `undefined` when not needed. */
  probeSql(columns: readonly string[], from: string): string | undefined;
  /**
   * The checked log's columns, given the source's quoted column names and their probed
   * types; a date column of a type the engine cannot read as a date is `INVALID_OPTION`.
   */
  log(columns: LogExpressions, types: readonly ColumnType[], fn: string): LogExpressions;
  /** A key that groups epoch milliseconds `t` by UTC calendar period. */
  periodKey(t: string, period: Period): string;
  /** The library's error code for an error of the engine about the caller's source or SQL. */
  errorCode(error: unknown): CustomerValueErrorCode | undefined;
}

/** ISO-8601 dates as the library reads them (the pattern of `parseDateInput`), for engines without TRY_CAST. */
export const ISO_DATE =
  "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$";
/** The end of an ISO date-time that carries its own zone (a time, then Z or an offset). */
const WITH_ZONE = "[0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$";

const day = (t: string) => `floor(${t} / 86400000)`;

/** Day and ISO week keys are plain arithmetic (1970-01-01 was a Thursday: +3 puts Monday first). */
function arithmeticKey(t: string, period: Period): string | undefined {
  if (period === "day") return day(t);
  if (period === "week") return `floor((${day(t)} + 3) / 7)`;
  return undefined;
}

/** Month, quarter and year keys from the UTC calendar fields `year`, `month`, `quarter` of an expression. */
function calendarKey(period: Period, field: (name: "year" | "month" | "quarter") => string): string {
  if (period === "month") return `(${field("year")} * 12 + ${field("month")})`;
  if (period === "quarter") return `(${field("year")} * 4 + ${field("quarter")})`;
  return field("year");
}

/** `INVALID_OPTION` for a date column of a type that holds no dates. */
function dateTypeError(fn: string, engine: string, type: ColumnType): CustomerValueError {
  return new CustomerValueError(
    "INVALID_OPTION",
    `${fn}: the date column has the ${engine} type ${type}; use a timestamp, a date or ISO-8601 text (or convert it in a { sql } source)`,
  );
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The type name inside `Nullable(...)` / `LowCardinality(...)` wrappers. */
const bareType = (type: string) =>
  type.replace(/^(?:Nullable|LowCardinality)\((.*)\)$/, "$1").replace(/^Nullable\((.*)\)$/, "$1");

const duckdb: Dialect = {
  name: "duckdb",
  engine: "DuckDB",
  double: "DOUBLE",
  quote: (name) => `"${name}"`,
  number: (n) => `CAST($${n} AS DOUBLE)`,
  text: (n) => `$${n}`,
  sum: (x) => `fsum(${x})`,
  firstBy: (value, key) => `arg_min(${value}, ${key})`,
  isFinite: (x) => `isfinite(${x})`,
  bytewise: (x) => `encode(${x})`,
  probeSql: () => undefined,
  // TRY_CAST reads any column type and turns unreadable cells into NULL; the executor runs
  // the connection in UTC, so dates without a zone are UTC, as in the library.
  log: (c) => ({
    id: `TRY_CAST(${c.id} AS VARCHAR)`,
    t: `CAST(epoch_ms(TRY_CAST(${c.t} AS TIMESTAMPTZ)) AS DOUBLE)`,
    amount: `TRY_CAST(${c.amount} AS DOUBLE)`,
  }),
  periodKey: (t, period) =>
    arithmeticKey(t, period) ?? calendarKey(period, (f) => `${f}(epoch_ms(CAST(${t} AS BIGINT)))`),
  errorCode(error) {
    // The client may put its own words first ("Failed to extract statements: Parser Error").
    const kind = /(?:^|: )(\w+) Error:/.exec(messageOf(error))?.[1];
    if (kind === "Binder" || kind === "Catalog") return "UNKNOWN_NAME";
    if (kind === "Parser") return "INVALID_OPTION";
    if (kind === "Conversion") return "INVALID_RECORD";
    return undefined;
  },
};

/**
 * Whole epoch milliseconds of a PostgreSQL timestamp or date: `date_part` gives seconds as a
 * double (exact to well under a microsecond until year 2200), rounded to microseconds first.
 */
const epochMs = (x: string) => `floor(round(date_part('epoch', ${x}) * 1000000) / 1000)`;

const POSTGRES_TIMESTAMPS = ["timestamp with time zone", "timestamp without time zone", "date"];
const POSTGRES_TEXT = ["text", "character varying", "character", "name", "unknown"];

const postgres: Dialect = {
  name: "postgres",
  engine: "PostgreSQL",
  double: "double precision",
  quote: (name) => `"${name}"`,
  number: (n) => `CAST($${n} AS double precision)`,
  text: (n) => `CAST($${n} AS text)`,
  sum: (x) => `sum(${x})`,
  // Arrays compare element by element: the smallest [key, value] holds the first key's value.
  firstBy: (value, key) => `(min(ARRAY[${key}, ${value}]))[2]`,
  isFinite: (x) => `(${x} > '-Infinity'::double precision AND ${x} < 'Infinity'::double precision)`,
  // Its UTF-8 bytes as bytea, whatever the database's encoding and collation.
  bytewise: (x) => `convert_to(${x}, 'UTF8')`,
  probeSql: (columns, from) =>
    `SELECT ${columns.map((c, i) => `pg_typeof(${c})::text AS type${i}`).join(", ")} FROM ${from} AS source_rows LIMIT 1`,
  // Timestamps and dates give their epoch without regard to the session's zone (a timestamp
  // or date without zone reads as UTC); text is parsed here so that the session's zone never
  // applies: with a zone as timestamptz, without as timestamp.
  log(c, [, dateType], fn) {
    let t: string;
    if (POSTGRES_TIMESTAMPS.includes(dateType ?? "")) {
      t = epochMs(c.t);
    } else if (POSTGRES_TEXT.includes(dateType ?? "")) {
      t = `CASE WHEN ${c.t} !~ '${ISO_DATE}' THEN NULL
        WHEN ${c.t} ~ '${WITH_ZONE}' THEN ${epochMs(`CAST(${c.t} AS timestamptz)`)}
        ELSE ${epochMs(`CAST(${c.t} AS timestamp)`)} END`;
    } else {
      throw dateTypeError(fn, "PostgreSQL", dateType);
    }
    return { id: `CAST(${c.id} AS text)`, t, amount: `CAST(${c.amount} AS double precision)` };
  },
  periodKey: (t, period) =>
    arithmeticKey(t, period) ??
    calendarKey(period, (f) => `extract(${f} FROM to_timestamp(${t} / 1000) AT TIME ZONE 'UTC')`),
  errorCode(error) {
    const sqlState = (error as { code?: unknown } | null)?.code;
    if (typeof sqlState !== "string") return undefined;
    if (["42703", "42P01", "3F000", "3D000"].includes(sqlState)) return "UNKNOWN_NAME";
    if (sqlState === "42601") return "INVALID_OPTION";
    if (sqlState.startsWith("22")) return "INVALID_RECORD";
    return undefined;
  },
};

/** A column of NULLs only has the type Nothing: its cells read as missing. */
const NO_NUMBER = "CAST(NULL AS Nullable(Float64))";
const CLICKHOUSE_NUMBERS = /^(U?Int(8|16|32|64)|Float(32|64)|Decimal)/;

const clickhouse: Dialect = {
  name: "clickhouse",
  engine: "ClickHouse",
  double: "Nullable(Float64)",
  quote: (name) => `\`${name}\``,
  number: (n) => `{p${n}:Float64}`,
  text: (n) => `{p${n}:String}`,
  sum: (x) => `sumKahan(${x})`,
  firstBy: (value, key) => `argMin(${value}, ${key})`,
  isFinite: (x) => `isFinite(${x})`,
  bytewise: (x) => x,
  probeSql: (columns, from) =>
    `SELECT ${columns.map((c, i) => `toTypeName(${c}) AS type${i}`).join(", ")} FROM ${from} AS source_rows LIMIT 1`,
  // DateTime counts seconds since 1970 whatever its zone; Date counts days; strings are read
  // by ClickHouse's parser as UTC unless they carry a zone (only those the library reads).
  log(c, [idType = "", dateType = "", amountType = ""], fn) {
    const date = bareType(dateType);
    let t: string;
    if (date === "Nothing") t = NO_NUMBER;
    else if (date.startsWith("DateTime")) t = `toFloat64(toUInt32(${c.t})) * 1000`;
    else if (date === "Date") t = `toFloat64(toUInt16(${c.t})) * 86400000`;
    else if (/^(Fixed)?String/.test(date)) {
      // DateTime holds 1970 to 2105: other years would be clamped, so they read as unreadable.
      const text = `toString(assumeNotNull(${c.t}))`;
      const readable = `match(${text}, '${ISO_DATE}') AND substring(${text}, 1, 4) BETWEEN '1970' AND '2105'`;
      // (The text is replaced by "x", which does not parse, rather than the result by NULL:
      // ClickHouse 18.16 fails on if(…, Nullable, NULL) over constants.)
      t = `toFloat64(toUInt32(parseDateTimeBestEffortOrNull(if(${readable}, ${text}, 'x'), 'UTC'))) * 1000`;
    } else {
      throw dateTypeError(fn, "ClickHouse", dateType);
    }
    const amount = bareType(amountType);
    return {
      id: bareType(idType) === "Nothing" ? "CAST(NULL AS Nullable(String))" : `toString(${c.id})`,
      t,
      amount:
        amount === "Nothing"
          ? NO_NUMBER
          : CLICKHOUSE_NUMBERS.test(amount)
            ? `toFloat64(${c.amount})`
            : `toFloat64OrNull(toString(assumeNotNull(${c.amount})))`,
    };
  },
  periodKey: (t, period) =>
    arithmeticKey(t, period) ??
    calendarKey(period, (f) => {
      const name = { year: "toYear", month: "toMonth", quarter: "toQuarter" }[f];
      return `${name}(toDateTime(toUInt32(floor(${t} / 1000)), 'UTC'))`;
    }),
  errorCode(error) {
    const code = Number(/Code: (\d+)/.exec(messageOf(error))?.[1] ?? (error as { code?: unknown })?.code);
    if ([16, 47, 60, 81].includes(code)) return "UNKNOWN_NAME";
    if (code === 62) return "INVALID_OPTION";
    if ([6, 27, 38, 41, 69, 72].includes(code)) return "INVALID_RECORD";
    return undefined;
  },
};

/** The dialect of each engine. */
export const DIALECTS: Readonly<Record<SqlDialect, Dialect>> = { duckdb, postgres, clickhouse };
