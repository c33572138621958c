import DataLoader from 'dataloader';
import { batchByGroup, settle, settleEach, toError } from '../../../src/loaders/batch';

describe('settleEach: one call per key, each settled on its own', () => {
  it('answers one result per key in key order, a failed key with its own Error', async () => {
    const batch = settleEach(async (key: number) => {
      await new Promise((resolve) => setTimeout(resolve, 10 - key)); // later keys settle first
      if (key === 2) throw new Error('two failed');
      return key * 10;
    });
    const results = await batch([1, 2, 3]);
    expect(results).toEqual([10, expect.any(Error), 30]);
    expect((results[1] as Error).message).toBe('two failed');
  });

  it('turns a synchronous throw and a non-Error rejection into that key’s Error', async () => {
    const batch = settleEach((key: string): Promise<string> => {
      if (key === 'sync') throw new Error('not configured');
      if (key === 'string') return Promise.reject('plain string');
      return Promise.resolve(key);
    });
    const [sync, text, ok] = await batch(['sync', 'string', 'ok']);
    expect(sync).toEqual(new Error('not configured'));
    expect(text).toEqual(new Error('plain string'));
    expect(ok).toBe('ok');
  });
});

describe('batchByGroup: one backend call per group', () => {
  const parity = (key: number): string => (key % 2 === 0 ? 'even' : 'odd');

  it('calls once per group with the group’s keys in key order and maps answers back in key order', async () => {
    const calls: number[][] = [];
    const batch = batchByGroup(parity, async (group: readonly number[]) => {
      calls.push([...group]);
      return group.map((key) => `v${key}`);
    });
    expect(await batch([5, 2, 7, 4, 1])).toEqual(['v5', 'v2', 'v7', 'v4', 'v1']);
    expect(calls).toEqual(
      expect.arrayContaining([
        [5, 7, 1],
        [2, 4],
      ]),
    );
    expect(calls).toHaveLength(2);
  });

  it('fails only the keys of a group whose call rejects; per-key Errors a call returns stay per key', async () => {
    const batch = batchByGroup(parity, async (group: readonly number[]) => {
      if (group[0] === 3) throw new Error('odd backend down');
      return group.map((key) => (key === 4 ? new Error('no 4') : key));
    });
    const results = await batch([2, 3, 4, 5]);
    expect(results[0]).toBe(2);
    expect(results[1]).toEqual(new Error('odd backend down'));
    expect(results[2]).toEqual(new Error('no 4'));
    expect(results[3]).toBe(results[1]);
  });

  it('answers a short answer with an Error for the keys it left out, never another key’s value', async () => {
    const batch = batchByGroup(
      () => 'all',
      async (group: readonly number[]) => group.slice(1),
    );
    const results = await batch([1, 2, 3]);
    expect(results.slice(0, 2)).toEqual([2, 3]);
    expect(results[2]).toBeInstanceOf(Error);
  });

  it('answers 20,000 keys of one group with one call', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => i);
    let calls = 0;
    const batch = batchByGroup(
      () => 'one',
      async (group: readonly number[]) => {
        calls += 1;
        return group;
      },
    );
    expect(await batch(keys)).toEqual(keys);
    expect(calls).toBe(1);
  });

  it('keeps DataLoader’s contract: each load gets its own key’s value or Error', async () => {
    const loader = new DataLoader<number, string>(
      batchByGroup(parity, async (group) => group.map((key) => (key === 3 ? new Error('no 3') : `v${key}`))),
    );
    const [a, b, c] = await Promise.allSettled([loader.load(1), loader.load(2), loader.load(3)]);
    expect(a).toEqual({ status: 'fulfilled', value: 'v1' });
    expect(b).toEqual({ status: 'fulfilled', value: 'v2' });
    expect(c).toMatchObject({ status: 'rejected', reason: new Error('no 3') });
  });
});

describe('settle and toError', () => {
  it('never rejects', async () => {
    await expect(settle(() => Promise.reject(new TypeError('x')))).resolves.toBeInstanceOf(TypeError);
    await expect(settle(() => 7)).resolves.toBe(7);
    expect(toError({ code: 1 }).message).toBe('[object Object]');
  });
});
