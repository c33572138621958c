import { ListingWindow } from '../../../src/forwarder/listing-window';
import type { InactiveJob } from '../../../src/forwarder/stored-prefix';

const job = (id: bigint, tInactive: number) => ({ id, tInactive }) as InactiveJob;

describe('ListingWindow', () => {
  it('keeps the oldest jobs of a newest-first listing, holding at most twice its size, with the oldest left out as boundary', () => {
    const window = new ListingWindow(3);
    const held: number[] = [];
    // Ten jobs newest first; ids near 2^64.
    for (let i = 10; i >= 1; i--) {
      window.push(job(2n ** 64n - BigInt(i), 1_795_000_000 + i));
      held.push((window as unknown as { held: unknown[] }).held.length);
    }
    expect(Math.max(...held)).toBeLessThan(6);
    expect(window.overflowing).toBe(true);
    const { jobs, boundary, listed } = window.finish();
    expect(listed).toBe(10);
    expect(jobs.map((j) => j.tInactive)).toEqual([1_795_000_001, 1_795_000_002, 1_795_000_003]);
    expect(boundary?.tInactive).toBe(1_795_000_004);
    expect(boundary?.id).toBe(2n ** 64n - 4n);
  });

  it('keeps a listing no larger than itself whole, sorted by time then id, without a boundary', () => {
    const window = new ListingWindow(5);
    for (const [id, t] of [
      [7n, 30],
      [9n, 20],
      [8n, 20],
      [1n, 10],
    ] as const)
      window.push(job(id, t));
    expect(window.overflowing).toBe(false);
    const { jobs, boundary } = window.finish();
    expect(jobs.map((j) => j.id)).toEqual([1n, 8n, 9n, 7n]);
    expect(boundary).toBeUndefined();
  });
});
