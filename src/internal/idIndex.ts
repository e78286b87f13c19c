/**
 * A hash index of distinct ids: each id added gets the next number (0, 1, …), found again
 * by {@link IdIndex.get}. Not public.
 *
 * Why not a `Map` (issue 11): `classifyLifecycles` joins a customer list with the log's
 * ids, 939,850 of each at the bench's 10M transactions, and the `Map` took 1.1 s of that
 * (15-22x the time at a tenth of the size): it grows by rehashing into fresh tables, each
 * entry a few scattered words. Here the size is known in advance: one table of 32-bit
 * cells (hash and number, twice as many slots as ids, linear probing) allocated once, the
 * ids in an array beside it, and a string compared only when its 32-bit hash (FNV-1a over
 * the UTF-16 units) matches.
 */
export class IdIndex {
  /** The ids added, by number. */
  readonly ids: string[] = [];
  /** Slot s: `cells[2s]` the hash, `cells[2s + 1]` the number + 1 (0: empty). */
  private readonly cells: Int32Array;
  private readonly mask: number;

  /** An index for up to `capacity` ids. */
  constructor(capacity: number) {
    let slots = 16;
    while (slots < 2 * capacity) slots *= 2;
    this.cells = new Int32Array(2 * slots);
    this.mask = slots - 1;
  }

  /**
   * Adds `id` with the next number and returns -1; or, when an equal id is in already,
   * returns its number and adds nothing. At most `capacity` ids may be added.
   */
  add(id: string): number {
    const h = hashOfId(id);
    const s = this.slotOf(id, h);
    const { cells, ids } = this;
    if (cells[2 * s + 1] !== 0) return cells[2 * s + 1]! - 1;
    if (ids.length > this.mask >>> 1) throw new RangeError("IdIndex: more ids than its capacity");
    cells[2 * s] = h;
    cells[2 * s + 1] = ids.length + 1;
    ids.push(id);
    return -1;
  }

  /** The number of `id`, or -1 when it was not added. */
  get(id: string): number {
    return this.cells[2 * this.slotOf(id, hashOfId(id)) + 1]! - 1;
  }

  /** The slot that holds `id` (hash `h`), else the empty slot where it would go. */
  private slotOf(id: string, h: number): number {
    const { cells, mask, ids } = this;
    let s = h & mask;
    for (;;) {
      const number = cells[2 * s + 1]! - 1;
      if (number < 0 || (cells[2 * s] === h && ids[number] === id)) return s;
      s = (s + 1) & mask;
    }
  }
}

/**
 * FNV-1a over the UTF-16 code units of `id`, as a signed 32-bit integer, mixed so that
 * its low bits (slots) and high bits (`firstDuplicate`'s parts) both spread ids that
 * differ only in their last unit. Each mixing step is one-to-one, so ids whose FNV-1a
 * hashes are equal still hash alike.
 */
export function hashOfId(id: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}
