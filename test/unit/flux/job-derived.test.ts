import type { FluxJob } from '../../../src/datasources/flux/flux-job';
import {
  jobQueuedSeconds,
  jobReturnCode,
  jobRuntime,
  jobStatus,
  jobStatusAbbrev,
  jobTimeRemaining,
} from '../../../src/datasources/flux/job-derived';

const base: FluxJob = { id: 1n, userId: 1001, urgency: 16, state: 'INACTIVE', tSubmit: 100 };

describe("derived values like flux-core's JobInfo (contract §5)", () => {
  it.each([
    [768, 3],
    [36352, 142],
    [36608, 143],
    [9, -9],
    [0, 0],
  ])('exit code of wait status %i is %i', (waitStatus, code) => {
    expect(jobReturnCode({ ...base, result: 'FAILED', waitStatus })).toBe(code);
  });
  it('exit code without a wait status: canceled −128, failed 1, else none', () => {
    expect(jobReturnCode({ ...base, result: 'CANCELED' })).toBe(-128);
    expect(jobReturnCode({ ...base, result: 'FAILED' })).toBe(1);
    expect(jobReturnCode({ ...base, result: 'TIMEOUT' })).toBeUndefined();
  });
  it('status is the state while pending or running, else the result', () => {
    expect(jobStatus({ ...base, state: 'SCHED' })).toBe('SCHED');
    expect(jobStatus({ ...base, state: 'CLEANUP' })).toBe('CLEANUP');
    expect(jobStatus({ ...base, result: 'TIMEOUT' })).toBe('TIMEOUT');
    expect(jobStatus({ ...base, state: 'NEW' })).toBe('');
  });
  it('abbreviated status like flux jobs ST', () => {
    expect(
      ['DEPEND', 'PRIORITY', 'SCHED', 'RUN', 'CLEANUP'].map((state) =>
        jobStatusAbbrev({ ...base, state: state as FluxJob['state'] }),
      ),
    ).toEqual(['D', 'P', 'S', 'R', 'C']);
    expect(
      ['COMPLETED', 'FAILED', 'CANCELED', 'TIMEOUT'].map((result) =>
        jobStatusAbbrev({ ...base, result: result as FluxJob['result'] & string }),
      ),
    ).toEqual(['CD', 'F', 'CA', 'TO']);
    expect(jobStatusAbbrev({ ...base, state: 'NEW' })).toBe('');
  });
  it('time remaining: expiration − now while RUN, never negative, 0 otherwise', () => {
    const running: FluxJob = { ...base, state: 'RUN', tRun: 110, expiration: 710 };
    expect(jobTimeRemaining(running, 200)).toBe(510);
    expect(jobTimeRemaining(running, 800)).toBe(0);
    expect(jobTimeRemaining({ ...running, expiration: 0 }, 200)).toBe(0);
    expect(jobTimeRemaining({ ...running, state: 'CLEANUP' }, 200)).toBe(0);
    expect(jobTimeRemaining({ ...base, expiration: 710 }, 200)).toBe(0);
  });
  it('runtime and queued time', () => {
    expect(jobRuntime({ ...base, tRun: 110, tCleanup: 112.0006602 }, 500)).toBeCloseTo(2.0006602, 9);
    expect(jobRuntime({ ...base, state: 'RUN', tRun: 110 }, 150)).toBe(40);
    expect(jobRuntime(base, 150)).toBe(0);
    expect(jobQueuedSeconds({ ...base, tRun: 110 }, 150)).toBe(10);
    expect(jobQueuedSeconds({ ...base, state: 'SCHED' }, 150)).toBe(50);
    expect(jobQueuedSeconds(base, 150)).toBeUndefined();
  });
});
