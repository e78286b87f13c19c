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
 * {@link BATCH_ROWS} rows each). Each row starts with `begin(id)`, which hands back the
 * gathered log when it is full and `id` starts a new customer. Ids out of order are an
 * error: a customer split over two batches would be counted twice.
 */
export class CustomerBatches {
  private log = new LogBuilder();
  private rows = 0;
  private lastId: string | undefined;
  private current = -1;

  constructor(
    private readonly fn: string,
    private readonly size = BATCH_ROWS,
  ) {}

  /** Starts a row of customer `id`: the full batch to hand on first, if `id` closes it. */
  begin(id: string): TransactionColumns | undefined {
    let full: TransactionColumns | undefined;
    if (id !== this.lastId) {
      if (this.lastId !== undefined && !codePointBefore(this.lastId, id)) {
        throw new CustomerValueError(
          "INVALID_OPTION",
          `${this.fn}: rows came out of the query's order (by customer id): the executor must return them as the database sends them`,
        );
      }
      if (this.rows >= this.size) full = this.take();
      this.lastId = id;
    }
    this.current = this.log.code(id);
    return full;
  }

  /** Appends a row of the customer of the last {@link CustomerBatches.begin}. */
  push(time: number, amount: number): void {
    this.log.push(this.current, time, amount);
    this.rows++;
  }

  /** The rows gathered since the last batch, if any, as a batch. */
  take(): TransactionColumns | undefined {
    if (this.rows === 0) return undefined;
    const columns = this.log.columns();
    this.log = new LogBuilder();
    this.rows = 0;
    return columns;
  }
}
