import { TagTable } from '../../../src/datasources/flux/tag-table';

/** The table's current value slots (what the GC sees of it). */
const slots = (table: TagTable<object>): Array<object | undefined> =>
  (table as unknown as { values: Array<object | undefined> }).values;

/** A small deterministic generator (tests must not depend on Math.random). */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Tags as a session hands them out: from `first` up, skipping 0 and held tags, wrapping after 2^32−1. */
function nextTag(held: Map<number, unknown>, from: number): number {
  let tag = from;
  while (tag === 0 || held.has(tag)) tag = tag >= 0xffffffff ? 1 : tag + 1;
  return tag;
}

describe('TagTable (the RPCs of a session by matchtag)', () => {
  it('answers like a Map under a session-like load, wrapping past 2^32−1, and drains in insertion order', () => {
    for (const [seed, first] of [
      [1, 1],
      [2, 0xffffffff - 700],
      [3, 0x7fffffff - 300],
      [4, 2 ** 31],
    ] as const) {
      const random = lcg(seed);
      const table = new TagTable<object>();
      const map = new Map<number, object>();
      let next = first;
      for (let op = 0; op < 4_000; op++) {
        const r = random();
        if (r < 0.55 || map.size === 0) {
          const tag = nextTag(map, next);
          next = tag >= 0xffffffff ? 1 : tag + 1;
          const value = { tag, op };
          table.set(tag, value);
          map.set(tag, value);
        } else if (r < 0.95) {
          const keys = [...map.keys()];
          // Mostly a held tag (oldest ones more often, as replies come), sometimes one never held.
          const tag =
            random() < 0.9
              ? (keys[Math.floor(random() ** 2 * keys.length)] as number)
              : 1 + Math.floor(random() * 0xfffffffe);
          expect(table.delete(tag)).toBe(map.delete(tag));
        } else {
          const tag = 1 + Math.floor(random() * 0xfffffffe);
          expect(table.get(tag)).toBe(map.get(tag));
          expect(table.has(tag)).toBe(map.has(tag));
        }
        expect(table.size).toBe(map.size);
        if (op % 101 === 0) for (const [tag, value] of map) expect(table.get(tag)).toBe(value);
      }
      expect(table.drain()).toEqual([...map.values()]);
      expect(table.size).toBe(0);
      for (const tag of map.keys()) expect(table.has(tag)).toBe(false);
    }
  });

  it('keeps no ended entry in its slots, nor in the slots it grew out of', () => {
    const table = new TagTable<object>();
    const before = slots(table);
    for (let tag = 1; tag <= 1_000; tag++) table.set(tag, { tag });
    // Grown (64 slots at first): the arrays it left are emptied.
    expect(slots(table)).not.toBe(before);
    expect(before.every((value) => value === undefined)).toBe(true);
    for (let tag = 1; tag <= 1_000; tag++) if (tag % 7 !== 0) table.delete(tag);
    const held = slots(table).filter((value): value is object => value !== undefined);
    expect(held.map((value) => (value as { tag: number }).tag)).toEqual(
      Array.from({ length: 142 }, (_, i) => 7 * (i + 1)).sort((a, b) => (a & 2047) - (b & 2047) || a - b),
    );
    table.drain();
    expect(slots(table).every((value) => value === undefined)).toBe(true);
  });

  it('finds entries whose probe runs wrap around the end of the table', () => {
    const table = new TagTable<string>();
    // 64 slots: tags 63, 127, 191 all start at slot 63; the later ones wrap to slots 0 and 1.
    for (const tag of [63, 127, 191, 64]) table.set(tag, `t${tag}`);
    expect([63, 127, 191, 64].map((tag) => table.get(tag))).toEqual(['t63', 't127', 't191', 't64']);
    expect(table.delete(63)).toBe(true);
    expect([127, 191, 64].map((tag) => table.get(tag))).toEqual(['t127', 't191', 't64']);
    expect(table.delete(127)).toBe(true);
    expect(table.get(191)).toBe('t191');
    expect(table.get(64)).toBe('t64');
    expect(table.get(0)).toBeUndefined();
    expect(table.has(0)).toBe(false);
  });
});
