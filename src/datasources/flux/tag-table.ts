/**
 * The RPCs of a session by matchtag: a `Map<number, T>` for tags (1..2^32−1) that leaves no
 * copy of its entries behind.
 *
 * Why not a Map: a session's tags only grow, so a Map of the calls in flight fills with deleted
 * entries and V8 rehashes it into a new table about every `capacity` calls, leaving the old
 * table linked to the new one with the entries it held. Once a table is in the old generation,
 * every later one is allocated there too, and each dead table still points at the calls that were
 * in flight when it was replaced: until the next full GC, the scavenger keeps those calls and
 * everything they reach (a page's lookups, their callers' pending promises, the page's results)
 * alive and copies them. Here a slot is emptied when its call ends, and a grown table's old
 * arrays are cleared, so nothing ended stays reachable.
 *
 * Open addressing with linear probing and backward-shift deletion (no tombstones); sequential
 * tags fill consecutive slots, so a probe is one step nearly always.
 */
/** Slots of a new table (a power of two; the table doubles when half full). */
const INITIAL_SLOTS = 64;

export class TagTable<T> {
  private tags = new Uint32Array(INITIAL_SLOTS);
  private values: Array<T | undefined> = new Array<T | undefined>(INITIAL_SLOTS).fill(undefined);
  /** When each entry was added (insertion order, as a Map iterates). */
  private added = new Float64Array(INITIAL_SLOTS);
  private count = 0;
  private adds = 0;

  /** Entries held. */
  get size(): number {
    return this.count;
  }

  /** The value under `tag`, if any. */
  get(tag: number): T | undefined {
    const i = this.slotOf(tag);
    return i < 0 ? undefined : this.values[i];
  }

  /** Whether `tag` is held. */
  has(tag: number): boolean {
    return this.slotOf(tag) >= 0;
  }

  /** Holds `value` under `tag` (not 0; replaces what was there). */
  set(tag: number, value: T): void {
    if ((this.count + 1) * 2 > this.tags.length) this.grow();
    const mask = this.tags.length - 1;
    let i = tag & mask;
    while (this.tags[i] !== 0 && this.tags[i] !== tag) i = (i + 1) & mask;
    if (this.tags[i] === 0) this.count++;
    this.tags[i] = tag;
    this.values[i] = value;
    this.added[i] = ++this.adds;
  }

  /** Drops `tag`; whether it was held. */
  delete(tag: number): boolean {
    let i = this.slotOf(tag);
    if (i < 0) return false;
    const { tags, values, added } = this;
    const mask = tags.length - 1;
    // Backward shift: later entries of the same probe run move up into the hole.
    for (let j = (i + 1) & mask; tags[j] !== 0; j = (j + 1) & mask) {
      const home = (tags[j] as number) & mask;
      if (((j - home) & mask) >= ((j - i) & mask)) {
        tags[i] = tags[j] as number;
        values[i] = values[j];
        added[i] = added[j] as number;
        i = j;
      }
    }
    tags[i] = 0;
    values[i] = undefined;
    this.count--;
    return true;
  }

  /** Every value in the order it was added, and the table emptied. */
  drain(): T[] {
    const held: Array<{ order: number; value: T }> = [];
    for (let i = 0; i < this.tags.length; i++)
      if (this.tags[i] !== 0) held.push({ order: this.added[i] as number, value: this.values[i] as T });
    held.sort((a, b) => a.order - b.order);
    this.tags.fill(0);
    this.values.fill(undefined);
    this.count = 0;
    return held.map((entry) => entry.value);
  }

  /** The slot holding `tag`, or -1. */
  private slotOf(tag: number): number {
    const { tags } = this;
    const mask = tags.length - 1;
    for (let i = tag & mask; ; i = (i + 1) & mask) {
      const at = tags[i] as number;
      if (at === tag) return tag === 0 ? -1 : i;
      if (at === 0) return -1;
    }
  }

  private grow(): void {
    const { tags, values, added } = this;
    const size = tags.length * 2;
    this.tags = new Uint32Array(size);
    this.values = new Array<T | undefined>(size).fill(undefined);
    this.added = new Float64Array(size);
    this.count = 0;
    const mask = size - 1;
    for (let i = 0; i < tags.length; i++) {
      const tag = tags[i] as number;
      if (tag === 0) continue;
      let j = tag & mask;
      while (this.tags[j] !== 0) j = (j + 1) & mask;
      this.tags[j] = tag;
      this.values[j] = values[i];
      this.added[j] = added[i] as number;
      this.count++;
    }
    // The old array may be in the old generation: emptied, it keeps nothing alive (see above).
    values.fill(undefined);
  }
}
