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
});
