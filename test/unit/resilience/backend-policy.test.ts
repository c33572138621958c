import { getEventListeners } from 'node:events';
// cockatiel's default parent signal (no exports map restricts this path).
import { neverAbortedSignal } from 'cockatiel/dist/common/abort';
import { createBackendPolicy } from '../../../src/datasources/resilience/backend-policy';
import { NotFoundError, UpstreamUnavailableError } from '../../../src/errors';

const down = () => new UpstreamUnavailableError('elog', 'connection refused');
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new Error('aborted'));
    });
  });

describe('backend policy', () => {
  it('retries a read on transient failures, then succeeds', async () => {
    const policy = createBackendPolicy('elog', { initialBackoffMs: 1, maxBackoffMs: 2 });
    let calls = 0;
    const value = await policy.read(async () => {
      calls += 1;
      if (calls < 3) throw down();
      return 'ok';
    }, 'GET runs');
    expect(value).toBe('ok');
    expect(calls).toBe(3);
  });
  it('never retries a write and says a timed-out write may have happened', async () => {
    const policy = createBackendPolicy('elog', { timeoutMs: 50, initialBackoffMs: 1 });
    let calls = 0;
    await expect(
      policy.write(async () => {
        calls += 1;
        throw down();
      }, 'POST message'),
    ).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(calls).toBe(1);
    await expect(policy.write((signal) => sleep(1_000, signal), 'POST message')).rejects.toThrow(
      /within 50 ms; the write may or may not have been applied/,
    );
  });
  it('turns a slow read into UPSTREAM_TIMEOUT with the backend named, aborting the attempt', async () => {
    const policy = createBackendPolicy('flux', { timeoutMs: 30, readAttempts: 1 });
    let aborted = false;
    const error = await policy
      .read(async (signal) => {
        signal.addEventListener('abort', () => {
          aborted = true;
        });
        await sleep(1_000, signal);
      }, 'job-list.list')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', backend: 'flux' });
    expect(aborted).toBe(true);
  });
  it('holds hundreds of calls in flight without piling listeners on one shared signal', async () => {
    // Without a caller's signal cockatiel derives each attempt's from this module-wide one; every
    // call in flight then added an abort listener to it (`jobgraph forward` printed a
    // MaxListenersExceededWarning, and each removal walked the whole list).
    const policy = createBackendPolicy('flux', { maxInFlight: 512 });
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const calls = Array.from({ length: 300 }, (_, i) =>
      policy.read(async () => {
        await gate;
        return i;
      }, 'job-info.lookup'),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(getEventListeners(neverAbortedSignal, 'abort')).toHaveLength(0);
    release();
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });
  it('does not retry answers such as NOT_FOUND', async () => {
    const policy = createBackendPolicy('elog', { initialBackoffMs: 1 });
    let calls = 0;
    await expect(
      policy.read(async () => {
        calls += 1;
        throw new NotFoundError('no such experiment');
      }, 'GET info'),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(calls).toBe(1);
  });
  it('opens the breaker after consecutive failures, fails fast, then probes half-open and closes', async () => {
    const policy = createBackendPolicy('jobs-aggs', {
      readAttempts: 1,
      breakerThreshold: 3,
      breakerHalfOpenAfterMs: 100,
    });
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw down();
    };
    for (let i = 0; i < 3; i += 1)
      await expect(policy.read(failing, 'aggs')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(policy.breakerState()).toBe('open');
    await expect(policy.read(failing, 'aggs')).rejects.toThrow(/circuit breaker is open/);
    expect(calls).toBe(3);
    await sleep(120);
    await expect(policy.read(async () => 'back', 'aggs')).resolves.toBe('back');
    expect(policy.breakerState()).toBe('closed');
  });
  it('opens the breaker after consecutive timeouts (a stalled backend), then fails fast without calling it', async () => {
    const policy = createBackendPolicy('elog', { timeoutMs: 30, readAttempts: 1, breakerThreshold: 2 });
    let calls = 0;
    const stalled = (signal: AbortSignal) => {
      calls += 1;
      return sleep(60_000, signal);
    };
    for (let i = 0; i < 2; i += 1)
      await expect(policy.read(stalled, 'runs')).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(policy.breakerState()).toBe('open');
    await expect(policy.read(stalled, 'runs')).rejects.toThrow(/circuit breaker is open/);
    expect(calls).toBe(2);
  });

  it('bounds calls in flight', async () => {
    const policy = createBackendPolicy('sciagraph', { maxInFlight: 2, maxQueued: 1, readAttempts: 1 });
    let running = 0;
    let peak = 0;
    const op = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await sleep(20);
      running -= 1;
      return 1;
    };
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => policy.read(op, 'scan')));
    expect(peak).toBe(2);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(
      results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.message),
    ).toEqual([expect.stringMatching(/too many calls in flight/), expect.stringMatching(/too many calls in flight/)]);
  });
});

describe('backend policy and deadlines', () => {
  it('does not retry a read that timed out, so a stalled backend costs one deadline', async () => {
    const policy = createBackendPolicy('flux', { timeoutMs: 40, readAttempts: 3, initialBackoffMs: 1 });
    let calls = 0;
    const started = Date.now();
    await expect(
      policy.read(async (signal) => {
        calls += 1;
        await sleep(1_000, signal);
      }, 'job-list.list'),
    ).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(calls).toBe(1);
    expect(Date.now() - started).toBeLessThan(500);
  });
  it('with deadlineIncludesQueue, a call queued behind a stalled one fails at its own deadline, never started', async () => {
    const policy = createBackendPolicy('elog', {
      timeoutMs: 100,
      readAttempts: 1,
      maxInFlight: 1,
      deadlineIncludesQueue: true,
      breakerThreshold: 10,
    });
    // An operation that does not honour its abort signal holds its slot for the whole second.
    const stalled = policy.read(() => sleep(1_000), 'first').catch((e: unknown) => e);
    let started = false;
    const t0 = Date.now();
    const queued = await policy
      .read(async () => {
        started = true;
      }, 'second')
      .catch((e: unknown) => e);
    expect(queued).toMatchObject({ code: 'UPSTREAM_TIMEOUT', backend: 'elog' });
    expect(Date.now() - t0).toBeLessThan(180);
    expect(started).toBe(false);
    await stalled;
  });
  it('without it, the deadline starts once the call holds a slot (queue wait not counted)', async () => {
    const policy = createBackendPolicy('flux', { timeoutMs: 100, readAttempts: 1, maxInFlight: 1 });
    const first = policy.read((signal) => sleep(60, signal), 'first');
    await expect(policy.read((signal) => sleep(60, signal).then(() => 'second'), 'second')).resolves.toBe('second');
    await first;
  });
});
