/** Ids per block of {@link IdIndex.ofList} and {@link IdIndex.getAll}. */
const BLOCK = 64;

/**
 * A hash index of a list of distinct ids, each numbered by its position in the list
 * ({@link IdIndex.ofList}) and found again by {@link IdIndex.getAll}. Not public.
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
  /** The ids, by number: the list the index was made of. */
  readonly ids: string[];
  /** Slot s: `cells[2s]` the hash, `cells[2s + 1]` the number + 1 (0: empty). */
  private readonly cells: Int32Array;
  private readonly mask: number;
  /** The hashes of one block of {@link IdIndex.ofList} or {@link IdIndex.getAll}. */
  private readonly hashes = new Int32Array(BLOCK);
  /** Where the blocks' early reads go, so that the engine keeps them. */
  private sink = 0;

  /** An empty table for the ids of `ids` (twice as many slots, at least 16). */
  private constructor(ids: string[]) {
    let slots = 16;
    while (slots < 2 * ids.length) slots *= 2;
    this.cells = new Int32Array(2 * slots);
    this.mask = slots - 1;
    this.ids = ids;
  }

  /**
   * An index of `list`'s ids, each numbered by its position (`ids` is `list` itself), and
   * the positions whose id repeats an earlier one. When there are any, the index is not
   * usable (the numbers of the repeats are missing from it): the callers throw.
   *
   * Performance (issue 11): the ids go in by blocks, the table cells of a whole block read
   * first (see {@link IdIndex.getAll}).
   */
  static ofList(list: string[]): { index: IdIndex; repeats: number[] } {
    const index = new IdIndex(list);
    const { cells, hashes } = index;
    const repeats: number[] = [];
    for (let start = 0; start < list.length; start += BLOCK) {
      const end = Math.min(list.length, start + BLOCK);
      index.readAhead(list, start, end);
      for (let i = start; i < end; i++) {
        const h = hashes[i - start]!;
        const s = index.slotOf(list[i]!, h);
        if (cells[2 * s + 1] !== 0) repeats.push(i);
        else {
          cells[2 * s] = h;
          cells[2 * s + 1] = i + 1;
        }
      }
    }
    return { index, repeats };
  }

  /**
   * The number of every id of `keys` (-1 for one not in the list), into `out`.
   *
   * Performance (issue 11): a table of a million ids does not fit the cache, and a `get`
   * waits for its cell, then for the id it names, before the next `get` starts. Here the
   * ids come in blocks of 64: first every cell of the block is read (loads independent of
   * one another, so the processor overlaps their cache misses), then the id each names,
   * then the block's `get`s run on memory now in the cache.
   */
  getAll(keys: readonly string[], out: Int32Array): void {
    const { cells, hashes } = this;
    for (let start = 0; start < keys.length; start += BLOCK) {
      const end = Math.min(keys.length, start + BLOCK);
      this.readAhead(keys, start, end);
      for (let k = start; k < end; k++) {
        out[k] = cells[2 * this.slotOf(keys[k]!, hashes[k - start]!) + 1]! - 1;
      }
    }
  }

  /**
   * Hashes `keys[start .. end)` (at most {@link BLOCK}) into `hashes`, and reads each one's
   * first cell and the id that cell names, for the probes that follow to find in the cache.
   */
  private readAhead(keys: readonly string[], start: number, end: number): void {
    const { cells, mask, hashes, ids } = this;
    let sink = this.sink;
    for (let k = start; k < end; k++) {
      const h = hashOfId(keys[k]!);
      hashes[k - start] = h;
      sink ^= cells[2 * (h & mask) + 1]!;
    }
    for (let k = start; k < end; k++) {
      const number = cells[2 * (hashes[k - start]! & mask) + 1]! - 1;
      if (number >= 0) sink ^= ids[number]!.length;
    }
    this.sink = sink;
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

  /** One instance kept alive (see `CompensatedSums.kept` in internal/sum.ts). */
  static readonly kept: IdIndex = IdIndex.ofList(["a"]).index;
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
