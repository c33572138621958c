import { watermarkAfter } from '../../../src/forwarder/watermark';
import { expandHostlist } from '../../../src/datasources/flux/hostlist';

const jobs = [1.5, 2.5, 2.5, 2.5, 3.25, 4].map((tInactive) => ({ tInactive }));

test('the watermark covers only fully stored t_inactive groups', () => {
  expect(watermarkAfter(jobs, 0, 1)).toBe(1);
  expect(watermarkAfter(jobs, 1, 1)).toBe(1.5);
  expect(watermarkAfter(jobs, 2, 1)).toBe(1.5);
  expect(watermarkAfter(jobs, 3, 1)).toBe(1.5);
  expect(watermarkAfter(jobs, 4, 1)).toBe(2.5);
  expect(watermarkAfter(jobs, 6, 1)).toBe(4);
  expect(watermarkAfter(jobs, 3, 2)).toBe(2);
});

test('hostlists expand in order with zero padding', () => {
  expect(expandHostlist('node[1-3,07],login1')).toEqual(['node1', 'node2', 'node3', 'node07', 'login1']);
  expect(expandHostlist('n[08-10]x')).toEqual(['n08x', 'n09x', 'n10x']);
  expect(expandHostlist('sdfiana001')).toEqual(['sdfiana001']);
  expect(expandHostlist('c[1-100000]')).toHaveLength(10_000);
});
