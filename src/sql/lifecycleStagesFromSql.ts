import type { TransactionColumns } from "../engine/columns.js";
import { LogBuilder } from "../engine/growing.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import { describeValue } from "../internal/dates.js";
import type { LifecycleRow } from "../lifecycle/classifyLifecycles.js";
import { readCustomers } from "../lifecycle/customerBase.js";
import {
  LIFECYCLE_PHASES,
  LIFECYCLE_STAGES,
  type LifecyclePhase,
  type LifecycleStage,
} from "../lifecycle/stages.js";
import type { Customer } from "../records/Customer.js";
import { tableOf } from "../table/tableOf.js";
import { BATCH_ROWS, CustomerBatches } from "./batches.js";
import type { SqlExecutor } from "./executor.js";
import {
  type ClassifyLifecyclesFromSqlOptions,
  classifyFacts,
  eachFact,
  pushFact,
} from "./lifecycleFromSql.js";
import type { SqlSource } from "./source.js";

/** What {@link lifecycleStageCountsFromSql} returns. */
export interface LifecycleStageCounts {
  /** Customers classified: every listed customer, plus the unknown ones when reported. */
  readonly customers: number;
  /** Customers in each stage (all seven keys, 0 for none). */
  readonly stages: Record<LifecycleStage, number>;
  /** Of the customers in `decline`: those in each phase. */
  readonly phases: Record<LifecyclePhase, number>;
  /** Of `customers`: those missing from the list (`unknownCustomers: "report"`), else 0. */
  readonly unknownCustomers: number;
}

/**
 * `classifyLifecycles` with the per-customer work pushed into a database, its rows handed to
 * `visit` a batch at a time (the customers of some 65,000 grouped rows), so that the Node
 * process never holds a row per customer: for logs whose customers are too many to keep
 * every row, or to write the rows out as they come. Every row equals the one
 * `classifyLifecyclesFromSql` gives. The batches follow customer ids (as bytes); within one,
 * the listed customers come in list order, then the unknown ones (`unknownCustomers:
 * "report"`) in id order. Last come the listed customers without transactions (prospects),
 * in list order.
 *
 * The facts of `lifecycleFactsFromSql` are read sorted by customer id, so each batch holds
 * whole customers and is classified by `classifyLifecycles` on its own. The customer list
 * stays in memory (it is the caller's) and is checked before the first batch. With
 * `unknownCustomers: "throw"` (the default) the error names the unknown ids of the batch
 * that met the first, after the batches before it went out.
 *
 * @param db - an executor: `duckdbExecutor(connection)`, `postgresExecutor(client)`, `clickhouseExecutor(client)` or your own that returns rows in the database's order
 * @param source - `{ table }` or `{ sql }` (with DuckDB also `{ csv }`, `{ parquet }`), with optional `columns`
 * @param customers - the customer list (ids unique)
 * @param options - those of `classifyLifecycles` (no `adaptiveInterruption`), `columns`, `validate`
 * @param visit - called with each batch of rows, in turn; when it returns a promise, the next
 *   batch waits for it
 * @throws {CustomerValueError} as `classifyLifecyclesFromSql`, and `INVALID_OPTION` for a
 *   `visit` that is not a function or rows the executor returned out of order
 * @example
 * await eachLifecycleBatchFromSql(db, { table: "transactions" }, customers, { asOf: "2024-06-30" }, (rows) => {
 *   for (const row of rows) out.write(`${row.customerId},${row.stage}\n`);
 * });
 */
export function eachLifecycleBatchFromSql(
  db: SqlExecutor,
  source: SqlSource,
  customers: readonly Customer[],
  options: ClassifyLifecyclesFromSqlOptions,
  visit: (rows: LifecycleRow[]) => unknown,
): Promise<void> {
  return eachBatchIn({ db, source, customers, options, fn: "eachLifecycleBatchFromSql" }, visit);
}

/** {@link eachLifecycleBatchFromSql} under the name of the public function that runs it. */
async function eachBatchIn(
  call: {
    readonly db: unknown;
    readonly source: SqlSource;
    readonly customers: readonly Customer[];
    readonly options: ClassifyLifecyclesFromSqlOptions;
    readonly fn: string;
  },
  visit: (rows: LifecycleRow[]) => unknown,
): Promise<void> {
  const { db, source, customers, options, fn } = call;
  if (typeof visit !== "function") {
    throw new CustomerValueError(
      "INVALID_OPTION",
      `${fn}: visit must be a function that takes each batch of rows, got ${describeValue(visit)}`,
    );
  }
  // Every customer record checked before any batch: a customer's position is its number.
  const listed = readCustomers(customers, fn).dictionary;
  const seen = new Uint8Array(customers.length);
  const classify = (columns: TransactionColumns, purchaseCounts: ReadonlyMap<string, number>) => {
    const positions: number[] = [];
    for (const id of columns.customerIds) {
      const i = listed.find(id);
      if (i >= 0) positions.push(i);
    }
    positions.sort((a, b) => a - b);
    for (const i of positions) seen[i] = 1;
    const batch = positions.map((i) => customers[i]!);
    return visit(classifyFacts({ fn, customers: batch, table: tableOf(columns), purchaseCounts, options }));
  };
  const batches = new CustomerBatches(fn);
  let purchaseCounts = new Map<string, number>();
  await eachFact(db, source, options, { fn, sorted: true }, (fact) => {
    const full = batches.begin(fact.id);
    let pending: unknown;
    if (full !== undefined) {
      pending = classify(full, purchaseCounts);
      purchaseCounts = new Map();
    }
    const count = pushFact((time, amount) => batches.push(time, amount), fact);
    if (count > 0) purchaseCounts.set(fact.id, (purchaseCounts.get(fact.id) ?? 0) + count);
    return pending;
  });
  const rest = batches.take();
  if (rest !== undefined) await classify(rest, purchaseCounts);
  const prospects = customers.filter((_, i) => seen[i] === 0);
  const none = tableOf(new LogBuilder().columns());
  for (let k = 0; k < prospects.length; k += BATCH_ROWS) {
    const batch = prospects.slice(k, k + BATCH_ROWS);
    await visit(classifyFacts({ fn, customers: batch, table: none, purchaseCounts: new Map(), options }));
  }
}

/**
 * How many customers stand in each stage of the lifecycle (and each phase of decline),
 * with the per-customer work pushed into a database: the counts of the rows
 * `classifyLifecyclesFromSql` would give, read a batch at a time by
 * {@link eachLifecycleBatchFromSql}, so the Node process holds no row per customer.
 *
 * @param db - an executor: `duckdbExecutor(connection)`, `postgresExecutor(client)`, `clickhouseExecutor(client)` or your own that returns rows in the database's order
 * @param source - `{ table }` or `{ sql }` (with DuckDB also `{ csv }`, `{ parquet }`), with optional `columns`
 * @param customers - the customer list (ids unique)
 * @param options - those of `classifyLifecycles` (no `adaptiveInterruption`), `columns`, `validate`
 * @returns `{ customers, stages, phases, unknownCustomers }`
 * @throws {CustomerValueError} as {@link eachLifecycleBatchFromSql}
 * @example
 * const counts = await lifecycleStageCountsFromSql(db, { table: "transactions" }, customers, { asOf: "2024-06-30" });
 * counts.stages.growth / counts.customers; // => 0.18 (for instance)
 */
export async function lifecycleStageCountsFromSql(
  db: SqlExecutor,
  source: SqlSource,
  customers: readonly Customer[],
  options: ClassifyLifecyclesFromSqlOptions,
): Promise<LifecycleStageCounts> {
  const stages = Object.fromEntries(LIFECYCLE_STAGES.map((s) => [s, 0])) as Record<LifecycleStage, number>;
  const phases = Object.fromEntries(LIFECYCLE_PHASES.map((p) => [p, 0])) as Record<LifecyclePhase, number>;
  let total = 0;
  let unknownCustomers = 0;
  const fn = "lifecycleStageCountsFromSql";
  await eachBatchIn({ db, source, customers, options, fn }, (rows) => {
    for (const row of rows) {
      total++;
      stages[row.stage]++;
      if (row.phase !== undefined) phases[row.phase]++;
      if (row.unknownCustomer) unknownCustomers++;
    }
  });
  return { customers: total, stages, phases, unknownCustomers };
}
