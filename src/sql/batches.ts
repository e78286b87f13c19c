/**
 * Query results read a customer at a time: rows sorted by customer id are gathered into
 * small logs of whole customers, each handed on and dropped before the next is read, so
 * that memory follows the batch, not the result.
 */
import type { TransactionColumns } from "../engine/columns.js";
import { LogBuilder } from "../engine/growing.js";
import { CustomerValueError } from "../errors/CustomerValueError.js";
import type { Dialect } from "./dialects.js";

/** Rows per batch, give or take a customer's rows. */
export const BATCH_ROWS = 1 << 16;

/** `sql` with its rows sorted by `customer_id`, as bytes (code points): the order {@link CustomerBatches} checks. */
export function byCustomer(dialect: Dialect, sql: string): string {
  return `${sql}\nORDER BY ${dialect.bytewise("customer_id")}`;
}

/**
 * `a` before `b` in code point order, the order of their UTF-8 bytes. JavaScript's `<`
 * compares UTF-16 units, which puts a surrogate pair (U+10000 and up) before U+E000-U+FFFF.
 */
export function codePointBefore(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const surrogate = (u: number) => u >= 0xd800 && u < 0xe000;
    return surrogate(x) !== surrogate(y) && Math.max(x, y) >= 0xe000 ? x > y : x < y;
  }
  return a.length < b.length;
}

/**
 * Rows sorted by customer id, gathered into logs of whole customers (about
 * {@link BATCH_ROWS} rows each): `code(id)` first hands the gathered log to `flush` when it
 * is full and `id` starts a new customer. Ids out of order are an error: a customer split
 * over two batches would be counted twice.
 */
export class CustomerBatches {
  private log = new LogBuilder();
  private rows = 0;
  private lastId: string | undefined;

  constructor(
    private readonly flush: (columns: TransactionColumns) => void,
    private readonly fn: string,
    private readonly size = BATCH_ROWS,
  ) {}

  /** The code of customer `id` in the batch being gathered. */
  code(id: string): number {
    if (id !== this.lastId) {
      if (this.lastId !== undefined && !codePointBefore(this.lastId, id)) {
        throw new CustomerValueError(
          "INVALID_OPTION",
          `${this.fn}: the executor returned rows out of the query's order (by customer id); return them as the database sends them`,
        );
      }
      if (this.rows >= this.size) this.end();
      this.lastId = id;
    }
    return this.log.code(id);
  }

  /** Appends a row of customer `code` (from {@link CustomerBatches.code}). */
  push(code: number, time: number, amount: number): void {
    this.log.push(code, time, amount);
    this.rows++;
  }

  /** Hands on the rows gathered since the last batch, if any. */
  end(): void {
    if (this.rows === 0) return;
    const columns = this.log.columns();
    this.log = new LogBuilder();
    this.rows = 0;
    this.flush(columns);
  }
}
