import { createRateLimiter } from '../../../src/server/limits/rate-limiter';

describe('per-caller rate limiter', () => {
  it('refuses the request over budget with a retry time, per caller', async () => {
    const check = createRateLimiter({ perMinute: 3 });
    for (let i = 0; i < 3; i += 1) await check('alice');
    const error = await check('alice').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RATE_LIMITED' });
    const retry = (error as { extensions: { retryAfterSeconds: number } }).extensions.retryAfterSeconds;
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    await expect(check('bob')).resolves.toBeUndefined();
  });
  it('is off at 0', async () => {
    const check = createRateLimiter({ perMinute: 0 });
    for (let i = 0; i < 1000; i += 1) await check('alice');
  });
});
