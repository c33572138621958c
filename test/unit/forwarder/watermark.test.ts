import { watermarkAfter } from '../../../src/forwarder/watermark';

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
