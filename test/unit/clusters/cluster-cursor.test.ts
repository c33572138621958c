import {
  clusterAfter,
  compareClusterJobKeys,
  compareJobKeys,
  decodeJobCursor,
  encodeJobCursor,
} from '../../../src/resolvers/job-cursor';
import { sumJobStats } from '../../../src/resolvers/job-stats-sum';
import type { FluxJobStats } from '../../../src/datasources/flux/flux-job';

describe('cluster cursors', () => {
  it('round-trip the cluster with the exact submit time and a 64-bit id; one cluster keeps v1', () => {
    const key = { tSubmit: 1795361589.7910175, id: 18446744073709551000n, cluster: 's3df.login-1' };
    expect(decodeJobCursor(encodeJobCursor(key))).toEqual(key);
    expect(Buffer.from(encodeJobCursor(key), 'base64url').toString()).toMatch(/^v2:/);
    expect(Buffer.from(encodeJobCursor({ tSubmit: 1, id: 2n }), 'base64url').toString()).toBe('v1:1:2');
    expect(decodeJobCursor(encodeJobCursor({ tSubmit: 1, id: 2n }))).toStrictEqual({ tSubmit: 1, id: 2n });
  });

  it.each(['v2:1:-bad:2', 'v2:1::2', 'v2:1:a:b:2', 'v2:1:a'])('rejects %j', (text) => {
    expect(() => decodeJobCursor(Buffer.from(text).toString('base64url'))).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
  });

  it('orders by submit time, then cluster ascending, then id descending', () => {
    const keys = [
      { tSubmit: 10, id: 5n, cluster: 'b' },
      { tSubmit: 10, id: 9n, cluster: 'b' },
      { tSubmit: 10, id: 1n, cluster: 'a' },
      { tSubmit: 20, id: 1n, cluster: 'b' },
    ];
    expect([...keys].sort(compareClusterJobKeys)).toEqual([keys[3], keys[2], keys[1], keys[0]]);
  });

  it('translates a merged cursor per cluster so that exactly the jobs after it remain (equal submit times included)', () => {
    const after = { tSubmit: 10, id: 7n, cluster: 'b' };
    const jobs = ['a', 'b', 'c'].flatMap((cluster) =>
      [5n, 7n, 9n].flatMap((id) => [9, 10, 11].map((tSubmit) => ({ tSubmit, id, cluster }))),
    );
    for (const cluster of ['a', 'b', 'c']) {
      const own = clusterAfter(after, cluster);
      const remaining = jobs.filter((job) => job.cluster === cluster && compareJobKeys(job, own) > 0);
      const expected = jobs.filter((job) => job.cluster === cluster && compareClusterJobKeys(job, after) > 0);
      expect(remaining).toEqual(expected);
    }
  });
});

describe('sumJobStats', () => {
  const stats = (n: number, queue: string): FluxJobStats => ({
    jobStates: { depend: n, priority: n, sched: n, run: n, cleanup: n, inactive: n, total: 6 * n },
    successful: n,
    failed: n,
    canceled: n,
    timeout: n,
    inactivePurged: n,
    queues: [
      {
        name: queue,
        jobStates: { depend: n, priority: 0, sched: 0, run: 0, cleanup: 0, inactive: 0, total: n },
        successful: 0,
        failed: 0,
        canceled: 0,
        timeout: 0,
        inactivePurged: 0,
      },
    ],
  });
  it('adds the counts of every cluster and the queues of the same name', () => {
    const sum = sumJobStats([stats(1, 'batch'), stats(2, 'batch'), stats(4, 'gpu')]);
    expect(sum.jobStates.total).toBe(42);
    expect(sum.successful).toBe(7);
    expect(sum.queues.map((q) => [q.name, q.jobStates.depend])).toEqual([
      ['batch', 3],
      ['gpu', 4],
    ]);
  });
});
