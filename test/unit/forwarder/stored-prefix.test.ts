import { StoredPrefix } from '../../../src/forwarder/stored-prefix';
import type { InactiveJob } from '../../../src/forwarder/stored-prefix';

const job = (id: bigint, tInactive: number) =>
  ({ id, tInactive, userId: 1, urgency: 16, state: 'INACTIVE', tSubmit: 1 }) as InactiveJob;
// Sorted by t_inactive; 3 and 4 share a time.
const jobs = [job(1n, 10), job(2n, 11), job(3n, 12), job(4n, 12), job(5n, 13), job(6n, 14)];

test('the newest jobs stored while the listing still ran move nothing until the oldest are stored', () => {
  const prefix = new StoredPrefix();
  prefix.markStored([jobs[5] as InactiveJob, jobs[4] as InactiveJob]);
  expect(prefix.advance(0)).toBeUndefined();
  prefix.seal(jobs);
  expect(prefix.advance(0)).toBeUndefined();
  prefix.markStored([jobs[1] as InactiveJob]);
  expect(prefix.advance(0)).toBeUndefined();
  prefix.markStored([jobs[0] as InactiveJob]);
  expect(prefix.advance(0)).toMatchObject({ since: 11, covered: 2 });
  expect(prefix.prefixLength).toBe(2);
});

test('a batch finishing out of order waits for the one before it; a shared t_inactive is not split', () => {
  const prefix = new StoredPrefix();
  prefix.seal(jobs);
  prefix.markStored(jobs.slice(0, 3));
  expect(prefix.advance(0)).toMatchObject({ since: 11, covered: 3 });
  prefix.markStored(jobs.slice(3));
  const step = prefix.advance(11);
  expect(step).toMatchObject({ since: 14, covered: 3 });
  expect(step?.last.id).toBe(6n);
  expect(prefix.storedCount).toBe(6);
});
