/**
 * Columns that grow one row at a time, for results that arrive as a stream of unknown
 * length (database rows). Each column lives in one resizable `ArrayBuffer` (ES2024): it
 * reserves address space once and grows in place, so nothing is copied on growth or at the
 * end; what it holds is at most twice the rows pushed, trimmed to them by `take()`.
 */
import { CustomerValueError } from "../errors/CustomerValueError.js";
import type { TransactionColumns } from "./columns.js";
import { IdDictionary } from "./ids.js";

/** Rows a growing column can hold: 1 GiB of doubles (the address space each one reserves). */
export const MAX_GROWING_ROWS = 2 ** 27;

type NumberArray = Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>;
interface NumberArrayOf<A extends NumberArray> {
  readonly BYTES_PER_ELEMENT: number;
  new (buffer: ArrayBuffer, byteOffset?: number, length?: number): A;
}

/** A column of numbers appended one at a time; `take()` gives them as one typed array. */
export class GrowingColumn<A extends NumberArray> {
  private readonly buffer: ArrayBuffer;
  private values: A;
  private taken = false;
  /** Number of values appended. */
  length = 0;

  constructor(private readonly type: NumberArrayOf<A>) {
    this.buffer = new ArrayBuffer(0, { maxByteLength: MAX_GROWING_ROWS * type.BYTES_PER_ELEMENT });
    this.values = new type(this.buffer);
  }

  push(value: number): void {
    if (this.length >= this.values.length) this.grow();
    this.values[this.length++] = value;
  }

  /** The values in order, in one array that is the column's own memory: no push after it. */
  take(): A {
    this.buffer.resize(this.length * this.type.BYTES_PER_ELEMENT);
    this.values = new this.type(this.buffer, 0, 0);
    this.taken = true;
    return new this.type(this.buffer, 0, this.length);
  }

  private grow(): void {
    if (this.taken) throw new Error("GrowingColumn: push after take()");
    if (this.length >= MAX_GROWING_ROWS) {
      throw new CustomerValueError(
        "INVALID_OPTION",
        `a result of more than ${MAX_GROWING_ROWS} rows does not fit in one column; narrow the query`,
      );
    }
    const rows = Math.min(MAX_GROWING_ROWS, Math.max(1 << 12, 2 * this.length));
    this.buffer.resize(rows * this.type.BYTES_PER_ELEMENT);
    this.values = new this.type(this.buffer, 0, rows);
  }
}

export const growingFloat64 = () => new GrowingColumn(Float64Array<ArrayBuffer>);
export const growingInt32 = () => new GrowingColumn(Int32Array<ArrayBuffer>);

/**
 * A transaction log built row by row: ids encoded as they come (each distinct id kept
 * once), times and amounts in growing columns. `columns(order)` renumbers the customers
 * so that `customerIds` lists them in `order` (codes as given by `code`), e.g. by first
 * appearance in time rather than in the stream.
 */
export class LogBuilder {
  readonly dictionary = new IdDictionary();
  private readonly customer = growingInt32();
  private readonly time = growingFloat64();
  private readonly amount = growingFloat64();

  /** The code of `id` (added when new): what {@link LogBuilder.push} stores. */
  code(id: string): number {
    return this.dictionary.code(id);
  }

  /** Appends one row of customer `code`; `-0` is stored as `0`. */
  push(code: number, time: number, amount: number): void {
    this.customer.push(code);
    this.time.push(time);
    this.amount.push(amount + 0);
  }

  /**
   * The rows as columns (profit and quantity absent), once: the builder is spent after it.
   * `order`, when given, lists every customer code once.
   */
  columns(order?: Int32Array): TransactionColumns {
    const customer = this.customer.take();
    const { ids } = this.dictionary;
    let customerIds = ids;
    if (order !== undefined) {
      const renumber = new Int32Array(order.length);
      for (let k = 0; k < order.length; k++) renumber[order[k]!] = k;
      for (let i = 0; i < customer.length; i++) customer[i] = renumber[customer[i]!]!;
      customerIds = Array.from(order, (c) => ids[c]!);
    }
    return {
      length: customer.length,
      customerIds,
      customer,
      time: this.time.take(),
      amount: this.amount.take(),
      profit: undefined,
      quantity: undefined,
    };
  }
}
