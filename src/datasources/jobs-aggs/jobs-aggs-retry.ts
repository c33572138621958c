import { DelegateBackoff, handleWhen, retry } from 'cockatiel';
import type { RetryPolicy } from 'cockatiel';
import { UpstreamUnavailableError } from '../../errors';

/**
 * A policy that retries an `UPSTREAM_UNAVAILABLE` failure exactly once, after a uniformly
 * random pause in [minMs, maxMs]. Callers pass their deadline signal to `execute`, so the
 * pause and the retry stay within it.
 */
export function retryOnceWhenUnavailable(minMs: number, maxMs: number, random: () => number = Math.random): RetryPolicy {
  return retry(
    handleWhen((error) => error instanceof UpstreamUnavailableError),
    { maxAttempts: 1, backoff: new DelegateBackoff(() => minMs + random() * (maxMs - minMs)) },
  );
}
