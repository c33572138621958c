import { compareJobKeys, decodeJobCursor, encodeJobCursor, sortByJobKeys } from '../../../src/resolvers/job-cursor';
import type { JobCursor } from '../../../src/resolvers/job-cursor';

describe('job cursors', () => {
  it('round-trip the exact submit time and 64-bit id', () => {
    const key = { tSubmit: 1795361589.7910175, id: 18446744073709551000n };
    const cursor = encodeJobCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeJobCursor(cursor)).toEqual(key);
  });
  it.each([
    '',
    'not a cursor!',
    Buffer.from('v2:1:2').toString('base64url'),
    Buffer.from('v1:abc:2').toString('base64url'),
    Buffer.from('v1:1:18446744073709551616').toString('base64url'),
  ])('rejects %j as BAD_USER_INPUT naming it', (text) => {
    expect(() => decodeJobCursor(text)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', extensions: expect.objectContaining({ value: text }) }),
    );
  });
  it('orders newest submitted first, ties by id descending', () => {
    const keys = [
      { tSubmit: 10, id: 5n },
      { tSubmit: 20, id: 1n },
      { tSubmit: 10, id: 7n },
    ];
    expect([...keys].sort(compareJobKeys)).toEqual([
      { tSubmit: 20, id: 1n },
      { tSubmit: 10, id: 7n },
      { tSubmit: 10, id: 5n },
    ]);
  });
  it('answers the sign the difference of submit times has (microseconds apart, equal, far apart), then by id', () => {
    const times = [0, 1e-6, 1700000000.123456, 1700000000.123457, 1700000000.123456, 2 ** 40, -1];
    for (const a of times)
      for (const b of times)
        for (const [x, y] of [
          [1n, 2n],
          [2n, 1n],
          [3n, 3n],
        ] as const) {
          const order = compareJobKeys({ tSubmit: a, id: x }, { tSubmit: b, id: y });
          const expected = a !== b ? Math.sign(b - a) : x === y ? 0 : x > y ? -1 : 1;
          expect([a, b, x, y, order]).toEqual([a, b, x, y, expected]);
        }
    // Jobs themselves are compared (the pager passes them): other fields are not read.
    const job = { tSubmit: 5, id: 9n, state: 'RUN', cluster: 'x' };
    expect(compareJobKeys(job, { tSubmit: 5, id: 9n })).toBe(0);
  });

  it('sortByJobKeys puts jobs of many shapes in the order jobs.sort(compareJobKeys) does: ties, duplicates, NaN, -0, ids near 2^64', () => {
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const count = Math.floor(next() * 700);
      const jobs: Array<JobCursor & Record<string, unknown>> = [];
      for (let i = 0; i < count; i++) {
        const r = next();
        const tSubmit =
          r < 0.02
            ? Number.NaN
            : r < 0.04
              ? -0
              : r < 0.06
                ? 0
                : r < 0.3
                  ? 1_765_000_000.5
                  : 1_765_000_000 + Math.floor(next() * 5000) / 1000;
        const id = next() < 0.1 ? 2n ** 64n - BigInt(Math.floor(next() * 4)) : BigInt(Math.floor(next() * 50));
        const job: JobCursor & Record<string, unknown> = { id, tSubmit };
        // Optional attributes in varying order: many hidden classes, as job-list's entries have.
        for (const name of ['priority', 'tRun', 'name', 'queue', 'nnodes']) if (next() < 0.5) job[name] = i;
        jobs.push(job);
      }
      if (count > 3) jobs.push(jobs[1] as JobCursor & Record<string, unknown>); // the same job twice
      const expected = jobs.slice().sort(compareJobKeys);
      const sorted = jobs.slice();
      sortByJobKeys(sorted);
      if (sorted.length !== expected.length || sorted.some((job, i) => job !== expected[i]))
        throw new Error(`round ${round}: order differs`);
    }
    const empty: JobCursor[] = [];
    sortByJobKeys(empty);
    expect(empty).toEqual([]);
  });
});
