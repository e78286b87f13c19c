/**
 * Hash flooding: customer ids built so that FNV-1a from its standard offset basis gives
 * them all one hash (a chain of colliding 6-character blocks, 2^k ids from k pairs). Each
 * id table seeds its hash at random, so these ids spread like any others: reading them
 * costs about what as many ordinary ids cost, not time quadratic in their number.
 */
import { describe, expect, it } from "vitest";
import { hashOfId } from "../../src/engine/ids.js";
import { customerTotals, transactionTableFromCsv } from "../../src/index.js";

const FNV_BASIS = 0x811c9dc5;
const step = (h: number, s: string) => {
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h >>> 0;
};

/** 2^k distinct ids that all reach one FNV-1a state from the standard basis. */
function collidingIds(k: number): string[] {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  let seed = 12345;
  const block = () => {
    let s = "";
    for (let i = 0; i < 6; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      s += alphabet[Math.floor((seed / 2 ** 32) * alphabet.length)];
    }
    return s;
  };
  let state = FNV_BASIS;
  const pairs: [string, string][] = [];
  while (pairs.length < k) {
    const seen = new Map<number, string>();
    for (;;) {
      const b = block();
      const h = step(state, b);
      const other = seen.get(h);
      if (other !== undefined && other !== b) {
        pairs.push([other, b]);
        state = h;
        break;
      }
      seen.set(h, b);
    }
  }
  return Array.from({ length: 2 ** k }, (_, i) => pairs.map((pair, j) => pair[(i >> j) & 1]).join(""));
}

/** The median of 3 timings of `f`, in ms. */
function time(f: () => unknown): number {
  const times = [0, 1, 2].map(() => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  });
  return times.sort((a, b) => a - b)[1]!;
}

describe("id tables against crafted colliding ids", () => {
  const ids = collidingIds(13);
  const ordinary = ids.map((id, i) => `${i}${id}`);

  it("the ids do collide under the standard basis, and spread under another seed", () => {
    expect(new Set(ids).size).toBe(8192);
    expect(new Set(ids.map((id) => step(FNV_BASIS, id))).size).toBe(1);
    expect(new Set(ids.map((id) => hashOfId(id, 0x12345678))).size).toBeGreaterThan(8000);
  });

  it("customerTotals and transactionTableFromCsv read them about as fast as ordinary ids", () => {
    const records = (list: string[]) =>
      list.map((customerId) => ({ customerId, date: "2011-01-01", amount: 1 }));
    const csv = (list: string[]) =>
      `customerId,date,amount\n${list.map((id) => `${id},2011-01-01,1`).join("\n")}`;
    const [crafted, plain] = [records(ids), records(ordinary)];
    expect(customerTotals(crafted)).toHaveLength(8192);
    // One table for all 8,192 ids in one slot costs about 8192^2 / 2 = 33M probes: 100s of
    // times the ordinary ids' cost. Seeded, the ratio stays near 1; 10 leaves room for noise.
    expect(time(() => customerTotals(crafted)) / time(() => customerTotals(plain))).toBeLessThan(10);
    const [craftedCsv, plainCsv] = [csv(ids), csv(ordinary)];
    expect(transactionTableFromCsv(craftedCsv).customerIds).toHaveLength(8192);
    expect(
      time(() => transactionTableFromCsv(craftedCsv)) / time(() => transactionTableFromCsv(plainCsv)),
    ).toBeLessThan(10);
  });
});
