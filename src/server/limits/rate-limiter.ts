import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../../errors';

/** Per-caller request budget. */
export interface RateLimitOptions {
  /** `JOBGRAPH_RATE_LIMIT_PER_MINUTE`: GraphQL requests a caller may make per minute; 0 disables. Default 600. */
  perMinute: number;
}

/** Consumes one request of a caller's budget; throws RATE_LIMITED with the seconds to wait. */
export type RateLimitCheck = (callerKey: string) => Promise<void>;

/** Builds the per-process limiter (in memory: one gateway instance = one budget per caller). */
export function createRateLimiter(options: RateLimitOptions): RateLimitCheck {
  if (options.perMinute <= 0) return async () => undefined;
  const limiter = new RateLimiterMemory({ points: options.perMinute, duration: 60 });
  return async (callerKey) => {
    try {
      await limiter.consume(callerKey);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new RateLimitedError(
        `rate limit of ${options.perMinute} requests per minute reached; retry in ${retryAfterSeconds} s`,
        { retryAfterSeconds },
      );
    }
  };
}
