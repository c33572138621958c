import { InFlightLimiter } from '../../../src/datasources/flux/in-flight-limiter';
import { createDeadline } from '../../../src/datasources/flux/deadline';
import { errnoName } from '../../../src/datasources/flux/errno';

describe('InFlightLimiter', () => {
  it('grants slots in arrival order and lets aborted waiters leave the queue', async () => {
    const limiter = new InFlightLimiter(2);
    const order: string[] = [];
    await limiter.acquire();
    await limiter.acquire();
    const controller = new AbortController();
    const a = limiter.acquire().then(() => order.push('a'));
    const b = limiter.acquire(controller.signal).then(
      () => order.push('b'),
      () => order.push('b aborted'),
    );
    const c = limiter.acquire().then(() => order.push('c'));
    expect(limiter.queued).toBe(3);
    controller.abort(new Error('gone'));
    await b;
    limiter.release();
    limiter.release();
    await Promise.all([a, c]);
    expect(order).toEqual(['b aborted', 'a', 'c']);
    expect(limiter.inUse).toBe(2);
    limiter.release();
    limiter.release();
    expect(limiter.inUse).toBe(0);
    expect(() => new InFlightLimiter(0)).toThrow(RangeError);
  });
});

describe('createDeadline', () => {
  // Times are generous against the waits (a loaded CI run delayed a 20 ms timer past a 30 ms idle
  // time); the firing itself is awaited by polling, so only a deadline that never fires fails.
  it('fires after the idle time, restarts on reset, postpones while asked, and follows its parent', async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const firedWithin = async (signal: AbortSignal, ms: number): Promise<boolean> => {
      for (const until = Date.now() + ms; !signal.aborted && Date.now() < until;) await sleep(5);
      return signal.aborted;
    };
    const d = createDeadline(400, () => new Error('late'));
    await sleep(250);
    d.reset();
    await sleep(250);
    expect(d.signal.aborted).toBe(false);
    expect(await firedWithin(d.signal, 5_000)).toBe(true);
    expect(d.signal.reason).toEqual(new Error('late'));
    let busy = true;
    const p = createDeadline(
      10,
      () => new Error('late'),
      undefined,
      () => busy,
    );
    await sleep(60);
    expect(p.signal.aborted).toBe(false);
    busy = false;
    expect(await firedWithin(p.signal, 5_000)).toBe(true);
    const parent = new AbortController();
    const q = createDeadline(0, () => new Error('never'), parent.signal);
    parent.abort(new Error('parent'));
    expect(q.signal.reason).toEqual(new Error('parent'));
    q.dispose();
  });
});

describe('errnoName', () => {
  it('names the errnos Flux uses', () => {
    expect([1, 2, 22, 38, 61, 71, 104, 110].map(errnoName)).toEqual([
      'EPERM',
      'ENOENT',
      'EINVAL',
      'ENOSYS',
      'ENODATA',
      'EPROTO',
      'ECONNRESET',
      'ETIMEDOUT',
    ]);
    expect(errnoName(999)).toBe('errno 999');
  });
});
