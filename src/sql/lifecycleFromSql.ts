import { CustomerValueError } from "../errors/CustomerValueError.js";
import { assertOptions } from "../internal/assert.js";
import { LogBuilder } from "../engine/growing.js";
import { rankDescending } from "../engine/rank.js";
import {
  type ClassifyLifecyclesOptions,
  classifyLifecycles,
  type LifecycleRow,
} from "../lifecycle/classifyLifecycles.js";
import {
  type ClassifyLifecycleOptions,
  type LifecycleWindows,
  lifecycleWindows,
  resolveLifecycleOptions,
} from "../lifecycle/options.js";
import type { Customer } from "../records/Customer.js";
import type { TransactionTable } from "../table/TransactionTable.js";
import { tableOf } from "../table/tableOf.js";
import type { Dialect } from "./dialects.js";
import { byCustomer } from "./batches.js";
import { cell, numberOf, type SqlExecutor } from "./executor.js";
import {
  type Binder,
  eachRow,
  openLog,
  ResultCheck,
  type SqlSource,
  type SqlSourceOptions,
} from "./source.js";

/** Options of {@link lifecycleFactsFromSql}: those of `classifyLifecycle` (fixed `interruptionAfter` only) plus the source's. */
export interface LifecycleFactsFromSqlOptions
  extends Omit<ClassifyLifecycleOptions, "adaptiveInterruption">,
    SqlSourceOptions {
  /** Not pushed down: an adaptive threshold needs every purchase day of every customer. */
  readonly adaptiveInterruption?: false;
}

/** Options of {@link classifyLifecyclesFromSql}: those of `classifyLifecycles` (fixed `interruptionAfter`) plus the source's. */
export interface ClassifyLifecyclesFromSqlOptions
  extends Omit<ClassifyLifecyclesOptions, "adaptiveInterruption">,
    SqlSourceOptions {
  /** Not pushed down: an adaptive threshold needs every purchase day of every customer. */
  readonly adaptiveInterruption?: false;
}

/** What {@link lifecycleFactsFromSql} returns. */
export interface LifecycleFacts {
  /**
   * The purchases the lifecycle rules tell apart, as a log: each customer's purchases after
   * the recovery cut as they are (those at one instant summed), the others summed per trend
   * window and dated at their first and last instant, and one row of amount 0 for customers
   * without such a purchase.
   */
  readonly table: TransactionTable;
  /** Per customer of the source: its number of purchases (`amount > 0`, on or before `asOf`). */
  readonly purchaseCounts: ReadonlyMap<string, number>;
}

/** Kinds of log row: not a purchase up to `asOf`, or a purchase in one of four spans. */
const NOT_PURCHASE = 0;
const RECENT = 4;

/**
 * The SQL of {@link lifecycleFactsFromSql} over the checked log `log`: per customer, kind of
 * row (0: not a purchase up to `asOf`; 1: a purchase at or before the previous trend window;
 * 2: in it; 3: in the recent trend window, at or before the recovery cut; 4: after the
 * recovery cut) and, for kind 4, instant: first and last instant, sum and count. The
 * four cut-offs are bound through `binder`.
 */
export function lifecycleFactsSqlFor(
  dialect: Dialect,
  log: string,
  binder: Binder,
  cuts: LifecycleWindows,
): string {
  const { double, sum } = dialect;
  return `SELECT customer_id,
       CAST(kind AS ${double}) AS kind,
       CAST(min(t) AS ${double}) AS first_time,
       CAST(max(t) AS ${double}) AS last_time,
       CAST(${sum("amount")} AS ${double}) AS total,
       CAST(count(*) AS ${double}) AS row_count
FROM (
  SELECT customer_id, t, amount, kind, CASE WHEN kind = ${RECENT} THEN t ELSE 0 END AS instant
  FROM (
    SELECT customer_id, t, amount,
           CASE WHEN amount > 0 AND t <= ${binder.number(cuts.asOf)} THEN
             CASE WHEN t > ${binder.number(cuts.recoveryCut)} THEN ${RECENT}
                  WHEN t <= ${binder.number(cuts.previousStart)} THEN 1
                  WHEN t <= ${binder.number(cuts.trendStart)} THEN 2
                  ELSE 3 END
           ELSE ${NOT_PURCHASE} END AS kind
    FROM (${log}) AS log_rows
  ) AS kind_rows
) AS instant_rows
GROUP BY customer_id, kind, instant`;
}

/** One row of {@link lifecycleFactsSqlFor}, checked. */
export interface FactRow {
  readonly id: string;
  readonly kind: number;
  readonly first: number;
  readonly last: number;
  readonly total: number;
  readonly count: number;
}

/**
 * The log rows a fact becomes, handed to `push` (time, amount); its number of purchases
 * (0 for a row that is not a purchase).
 */
export function pushFact(push: (time: number, amount: number) => void, fact: FactRow): number {
  const { kind, first, last, total, count } = fact;
  if (kind === NOT_PURCHASE) {
    push(first, 0);
    return 0;
  }
  if (kind === RECENT || first === last) {
    push(first, total);
  } else {
    // The span's total split over its first and last instant: halving is exact, and both
    // halves stay purchases, so every window sum, the first purchase and the purchase
    // before the recovery cut are those of the full log.
    push(first, total / 2);
    push(last, total / 2);
  }
  return count;
}

/** The reduced log and each customer's number of purchases, gathered as the rows arrive. */
class FactRows {
  private readonly log = new LogBuilder();
  /** Per customer code: the number of purchases, and the instant of the first row. */
  private readonly counts: number[] = [];
  private readonly firstTime: number[] = [];

  add(fact: FactRow): void {
    const c = this.log.code(fact.id);
    if (c === this.counts.length) {
      this.counts.push(0);
      this.firstTime.push(fact.first);
    } else if (fact.first < this.firstTime[c]!) this.firstTime[c] = fact.first;
    this.counts[c]! += pushFact((time, amount) => this.log.push(c, time, amount), fact);
  }

  /**
   * The facts, customers numbered by their first row's instant, then id: the order in which
   * a log read in time order meets them, so unknown customers are reported in that order.
   */
  facts(): LifecycleFacts {
    const ids = this.log.dictionary.ids;
    const purchaseCounts = new Map<string, number>();
    this.counts.forEach((count, c) => {
      if (count > 0) purchaseCounts.set(ids[c]!, count);
    });
    const byFirstTime = rankDescending(
      Float64Array.from(this.firstTime, (t) => -t),
      ids,
    );
    return { table: tableOf(this.log.columns(byFirstTime)), purchaseCounts };
  }
}

/**
 * Checks the options, opens the source and runs the facts query (sorted by customer id when
 * `sorted`), handing each checked row to `visit` and waiting for the promise it may return.
 */
export async function eachFact(
  db: unknown,
  source: SqlSource,
  options: LifecycleFactsFromSqlOptions,
  how: { readonly fn: string; readonly sorted: boolean },
  visit: (fact: FactRow) => unknown,
): Promise<void> {
  const { fn } = how;
  assertOptions(options, fn);
  if ((options as { adaptiveInterruption?: unknown }).adaptiveInterruption) {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: adaptiveInterruption is not pushed down (it needs every purchase day); use classifyLifecycles on the full log`,
    );
  }
  const cuts = lifecycleWindows(options.asOf, resolveLifecycleOptions(options, fn), `${fn}: asOf`);
  const log = await openLog(db, source, options, fn);
  if (log.empty) return;
  const binder = log.binder.fork();
  const check = new ResultCheck();
  const facts = lifecycleFactsSqlFor(log.dialect, log.sql, binder, cuts);
  const sql = how.sorted ? byCustomer(log.dialect, facts) : facts;
  await eachRow(log, sql, binder.values, fn, (row) => {
    const id = cell(row, 0, "customer_id");
    const [kind, first, last, total, count] = ["kind", "first_time", "last_time", "total", "row_count"].map(
      (name, i) => numberOf(cell(row, i + 1, name)),
    ) as [number, number, number, number, number];
    return check.group(id, first, last, total) ? visit({ id, kind, first, last, total, count }) : undefined;
  });
  check.throwIfAny(fn);
}

/** {@link lifecycleFactsFromSql} under the name of the public function that runs it. */
async function lifecycleFactsIn(
  db: unknown,
  source: SqlSource,
  options: LifecycleFactsFromSqlOptions,
  fn: string,
): Promise<LifecycleFacts> {
  const facts = new FactRows();
  await eachFact(db, source, options, { fn, sorted: false }, (fact) => facts.add(fact));
  return facts.facts();
}

/**
 * The per-customer facts `classifyLifecycles` needs, computed inside a database (DuckDB,
 * PostgreSQL or ClickHouse) for one `asOf` and set of windows: a small log holding, per
 * customer, only the purchases the seven rules tell apart, and each customer's number of
 * purchases. `classifyLifecycles(customers, facts.table, options)` then gives every stage,
 * phase, strategy and piece of evidence that it gives on the full log, but for
 * `evidence.purchases`, which counts the table's rows: {@link classifyLifecyclesFromSql}
 * restores it from `purchaseCounts`.
 *
 * What the rules read of a customer's purchases (`amount > 0`, on or before `asOf`): the
 * first and the last, the gaps between consecutive purchases that end after the recovery
 * cut `sub(asOf, recoveryWindow)`, and the sums in the two trend windows. So the purchases
 * after the recovery cut are kept (one row per instant), and the others are summed per span
 * (before the previous trend window, in it, in the recent one) into two rows at the span's
 * first and last instant. The windows are computed in JavaScript (date-fns, in `timeZone` if
 * given) and bound as parameters. `adaptiveInterruption` is not supported.
 *
 * @param db - an executor: `duckdbExecutor(connection)`, `postgresExecutor(client)`, `clickhouseExecutor(client)` or your own
 * @param source - `{ table }` or `{ sql }` (with DuckDB also `{ csv }`, `{ parquet }`), with optional `columns`
 * @param options - `asOf` (required), the windows and thresholds, `timeZone`, `columns`, `validate`
 * @returns `{ table, purchaseCounts }`
 * @throws {CustomerValueError} `INVALID_RECORD` for bad rows; `INVALID_OPTION` for a bad db,
 *   source, column name or option (`adaptiveInterruption` included); `UNKNOWN_NAME` for a
 *   table or column the database lacks
 * @example
 * const facts = await lifecycleFactsFromSql(db, { table: "transactions" }, { asOf: "2024-06-30" });
 * facts.table.length < 1_000_000; // => true (a few rows per customer)
 */
export function lifecycleFactsFromSql(
  db: SqlExecutor,
  source: SqlSource,
  options: LifecycleFactsFromSqlOptions,
): Promise<LifecycleFacts> {
  return lifecycleFactsIn(db, source, options, "lifecycleFactsFromSql");
}

/**
 * `classifyLifecycles` with the per-customer work pushed into a database: the facts of
 * {@link lifecycleFactsFromSql}, classified by `classifyLifecycles` itself. The rows equal
 * those `classifyLifecycles(customers, fullLog, options)` returns (same order, stages,
 * phases, strategies and evidence), except that unknown customers (`unknownCustomers:
 * "report"`) come ordered by their first transaction, then id, since a table has no row
 * order. Customers come from JavaScript, with their notice dates and satisfaction.
 *
 * @param db - an executor: `duckdbExecutor(connection)`, `postgresExecutor(client)`, `clickhouseExecutor(client)` or your own
 * @param source - `{ table }` or `{ sql }` (with DuckDB also `{ csv }`, `{ parquet }`), with optional `columns`
 * @param customers - the customer list (ids unique)
 * @param options - those of `classifyLifecycles` (no `adaptiveInterruption`), `columns`, `validate`
 * @returns one row `{ customerId, stage, phase?, strategy, evidence }` per customer
 * @throws {CustomerValueError} as {@link lifecycleFactsFromSql}, and as `classifyLifecycles`
 *   (`DUPLICATE_ID`, `UNKNOWN_CUSTOMER`, `INVALID_RECORD` for bad customers)
 * @example
 * const rows = await classifyLifecyclesFromSql(db, { table: "transactions" }, customers, { asOf: "2024-06-30" });
 * rows[0]!.stage; // => "growth" (for instance)
 */
export async function classifyLifecyclesFromSql(
  db: SqlExecutor,
  source: SqlSource,
  customers: readonly Customer[],
  options: ClassifyLifecyclesFromSqlOptions,
): Promise<LifecycleRow[]> {
  const fn = "classifyLifecyclesFromSql";
  const { table, purchaseCounts } = await lifecycleFactsIn(db, source, options, fn);
  return classifyFacts({ fn, customers, table, purchaseCounts, options });
}

/**
 * `classifyLifecycles` on facts, as `fn`: its errors carry `fn`'s name, and each row's
 * `evidence.purchases` is the customer's count in `purchaseCounts` (0 when absent).
 */
export function classifyFacts(input: {
  readonly fn: string;
  readonly customers: readonly Customer[];
  readonly table: TransactionTable;
  readonly purchaseCounts: ReadonlyMap<string, number>;
  readonly options: ClassifyLifecyclesFromSqlOptions;
}): LifecycleRow[] {
  const { fn, customers, table, purchaseCounts, options } = input;
  const { columns: _columns, validate: _validate, ...lifecycleOptions } = options;
  let rows: LifecycleRow[];
  try {
    rows = classifyLifecycles(customers, table, lifecycleOptions);
  } catch (error) {
    if (!(error instanceof CustomerValueError)) throw error;
    throw new CustomerValueError(error.code, `${fn}: ${error.message}`, {
      issues: error.issues,
      cause: error,
    });
  }
  // The rows are this call's own fresh objects: set in place rather than copied (a million
  // customers' rows are most of the memory here).
  for (const row of rows) {
    (row.evidence as { purchases: number }).purchases = purchaseCounts.get(row.customerId) ?? 0;
  }
  return rows;
}
