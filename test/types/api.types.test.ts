/**
 * Type tests: the result types say what the runtime guarantees. Checked by `tsc`
 * (`npm run typecheck`, which includes test/): each `@ts-expect-error` must meet an
 * error, and each `expectTypeOf` must hold.
 */
import type { Duration as DateFnsDuration } from "date-fns";
import {
  abcClassify,
  type Duration,
  type ParsedTransaction,
  paretoSplit,
  parseCustomersCsv,
  parseTransactionsCsv,
  readSnapshot,
  writeSnapshot,
} from "customer-value";
import { paretoChart, type VegaLiteSpec } from "customer-value/charts";
import { describe, expectTypeOf, it } from "vitest";

describe("result types", () => {
  it("readers type their dates as Date", () => {
    const { transactions } = parseTransactionsCsv("customerId,date,amount\nC1,2011-03-04,1\n");
    expectTypeOf(transactions).toEqualTypeOf<ParsedTransaction[]>();
    expectTypeOf(transactions[0]!.date).toEqualTypeOf<Date>();
    expectTypeOf(transactions[0]!.date.getTime()).toBeNumber();

    const { customers } = parseCustomersCsv("id,firstContactAt\nC1,2011-01-01\n");
    expectTypeOf(customers[0]!.firstContactAt).toEqualTypeOf<Date | undefined>();

    const back = readSnapshot(
      writeSnapshot({
        customers: [{ id: "C1" }],
        transactions: [{ customerId: "C1", date: "2011-03-04", amount: 1 }],
      }),
    );
    expectTypeOf(back.transactions[0]!.date).toEqualTypeOf<Date>();
    expectTypeOf(back.customers[0]!.noticeWithdrawnAt).toEqualTypeOf<Date | undefined>();
  });

  it("paretoChart needs the value accessor for a paretoSplit result, not for an abcClassify one", () => {
    const items = [{ id: "a", revenue: 3 }];
    const split = paretoSplit(items, { value: "revenue" });
    expectTypeOf(paretoChart(split, { value: "revenue" })).toEqualTypeOf<VegaLiteSpec>();
    // @ts-expect-error value is required for a paretoSplit result
    expectTypeOf(() => paretoChart(split)).toBeFunction(); // (not called: it would throw)
    paretoChart(abcClassify(items, { value: "revenue" }));
  });

  it("Duration is date-fns' Duration, field for field", () => {
    expectTypeOf<Duration>().toEqualTypeOf<DateFnsDuration>();
  });
});
