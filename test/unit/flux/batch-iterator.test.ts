import { BatchIterator } from '../../../src/datasources/flux/batch-iterator';

async function* batches(list: number[][], finished: { returned: boolean }, fail?: Error): AsyncGenerator<number[]> {
  try {
    for (const b of list) yield b;
    if (fail) throw fail;
  } finally {
    finished.returned = true;
  }
}

describe('BatchIterator', () => {
  it('yields every item of every batch in order, skipping empty batches', async () => {
    const state = { returned: false };
    const out: number[] = [];
    for await (const n of new BatchIterator(batches([[1, 2], [], [3], [4, 5, 6]], state))) out.push(n);
    expect(out).toEqual([1, 2, 3, 4, 5, 6]);
    expect(state.returned).toBe(true);
  });

  it('stopping early returns the source; concurrent next() calls keep the order', async () => {
    const state = { returned: false };
    const it = new BatchIterator(batches([[1], [2, 3], [4]], state));
    const [a, b, c] = await Promise.all([it.next(), it.next(), it.next()]);
    expect([a.value, b.value, c.value]).toEqual([1, 2, 3]);
    await it.return();
    expect(state.returned).toBe(true);
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });

  it('rejects with the source error after the items before it', async () => {
    const it = new BatchIterator(batches([[1, 2]], { returned: false }, new Error('broken')));
    expect((await it.next()).value).toBe(1);
    expect((await it.next()).value).toBe(2);
    await expect(it.next()).rejects.toThrow('broken');
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });

  describe('batches()', () => {
    async function read(it: AsyncIterable<readonly number[]>): Promise<number[][]> {
      const out: number[][] = [];
      for await (const b of it) out.push([...b]);
      return out;
    }

    it('gives every batch once, in order, without the empty ones, and ends the source', async () => {
      const state = { returned: false };
      const it = new BatchIterator(batches([[1, 2], [], [3], [4, 5, 6], []], state));
      expect(await read(it.batches())).toEqual([[1, 2], [3], [4, 5, 6]]);
      expect(state.returned).toBe(true);
      expect(await it.next()).toEqual({ value: undefined, done: true });
    });

    it('after items read one by one, starts with the rest of the current batch: nothing dropped or repeated at the boundary', async () => {
      for (let taken = 0; taken <= 6; taken++) {
        const it = new BatchIterator(batches([[1, 2, 3], [4], [5, 6]], { returned: false }));
        const items: number[] = [];
        for (let i = 0; i < taken; i++) items.push((await it.next()).value as number);
        const rest = (await read(it.batches())).flat();
        expect([...items, ...rest]).toEqual([1, 2, 3, 4, 5, 6]);
      }
    });

    it('leaving early returns the source; a source error comes after the batches before it', async () => {
      const state = { returned: false };
      const it = new BatchIterator(batches([[1], [2, 3], [4]], state));
      for await (const b of it.batches()) {
        expect(b).toEqual([1]);
        break;
      }
      expect(state.returned).toBe(true);
      expect(await it.next()).toEqual({ value: undefined, done: true });

      const failing = new BatchIterator(batches([[1, 2], [3]], { returned: false }, new Error('broken')));
      const seen: number[][] = [];
      const err = await (async () => {
        for await (const b of failing.batches()) seen.push([...b]);
      })().catch((e: unknown) => e);
      expect(seen).toEqual([[1, 2], [3]]);
      expect(err).toEqual(new Error('broken'));
      expect(await failing.next()).toEqual({ value: undefined, done: true });
    });
  });
});
