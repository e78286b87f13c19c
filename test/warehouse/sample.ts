/**
 * The sample log every engine of the warehouse tests holds: `generateSampleData()` plus a
 * few rows that test ids beyond ASCII, dates with offsets, returns and ties. Also the
 * command that writes it as CSV for `.ci/warehouse.sh`:
 *
 *   npx tsx test/warehouse/sample.ts <file.csv>
 */
import { writeFileSync } from "node:fs";
import { type Customer, generateSampleData, type Transaction } from "customer-value";

/** The sample log: `generateSampleData()` plus rows that test ids, zones, returns and ties. */
export function sampleLog(): Transaction[] {
  const sample = generateSampleData();
  const edges: Transaction[] = [
    // Ids beyond ASCII (SQL engines sort UTF-8 bytes; the library sorts UTF-16 units).
    { customerId: "Ölçü", date: "2023-03-01T10:00:00Z", amount: 12.5 },
    { customerId: "Ölçü", date: "2023-03-01T23:30:00Z", amount: 7.25 },
    { customerId: "客户7", date: "2023-05-02", amount: 40 },
    { customerId: "😀", date: "2024-06-30T23:59:00Z", amount: 9.99 },
    { customerId: "ｚ", date: "2023-01-02T00:00:00Z", amount: 3 },
    // Offsets: 2023-07-01T02:00+05:30 is June 30 in UTC; 2023-09-30T22:00-04:00 is October 1.
    { customerId: "offset", date: "2023-07-01T02:00:00+05:30", amount: 15 },
    { customerId: "offset", date: "2023-09-30T22:00:00-04:00", amount: 25 },
    { customerId: "offset", date: "2024-01-01 08:15", amount: 5 },
    // A return before the first purchase, zero amounts, a customer with returns only.
    { customerId: "returns", date: "2023-02-03T09:00:00Z", amount: -20 },
    { customerId: "returns", date: "2023-02-10T09:00:00Z", amount: 0 },
    { customerId: "returns", date: "2023-02-10T09:00:00Z", amount: 60 },
    { customerId: "returns", date: "2024-02-10T09:00:00Z", amount: 30 },
    { customerId: "refunds-only", date: "2023-06-01T12:00:00Z", amount: -5 },
  ];
  return [
    ...sample.transactions.map(({ customerId, date, amount }) => ({ customerId, date, amount })),
    ...edges,
  ];
}

/** The customers of the sample (with their notices and satisfaction), and the edge rows' ids. */
export function sampleCustomers(): Customer[] {
  const ids = ["Ölçü", "客户7", "😀", "ｚ", "offset", "returns", "refunds-only"];
  return [...generateSampleData().customers, ...ids.map((id) => ({ id }))];
}

/** The sample as CSV (`customerId,date,amount`), as `.ci/warehouse.sh` loads it. */
export function sampleCsv(): string {
  return `customerId,date,amount\n${sampleLog()
    .map((t) => `${t.customerId},${t.date},${t.amount}`)
    .join("\n")}\n`;
}

if (process.argv[1]?.endsWith("sample.ts") && process.argv[2]) writeFileSync(process.argv[2], sampleCsv());
