import {
  BrokenCircuitError,
  BulkheadRejectedError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
} from 'cockatiel';
import type { IPolicy } from 'cockatiel';
import { JobgraphError, UpstreamTimeoutError, UpstreamUnavailableError, asSentence, backendLabel } from '../../errors';
import type { BackendName } from '../../errors';

/** Fault handling for one backend. Every field has a safe default. */
export interface BackendPolicyOptions {
  /** Deadline of one attempt, ms. Default 10,000. */
  timeoutMs?: number;
  /** Attempts for reads (1 = no retry). Writes always get exactly one. Default 3. */
  readAttempts?: number;
  /** First retry delay, ms; doubles with full jitter up to `maxBackoffMs`. Default 100. */
  initialBackoffMs?: number;
  /** Default 2,000. */
  maxBackoffMs?: number;
  /** Consecutive transient failures that open the breaker. Default 5. */
  breakerThreshold?: number;
  /** How long the breaker stays open before one half-open probe, ms. Default 10,000. */
  breakerHalfOpenAfterMs?: number;
  /** Calls in flight at once; more wait in a queue of `maxQueued`, then are refused. Default 64 / 1,000. */
  maxInFlight?: number;
  maxQueued?: number;
  /**
   * When true, an attempt's deadline starts as it joins the bulkhead queue, so time spent waiting
   * for a slot counts: a backend that stalls with every slot taken cannot hold callers longer than
   * `timeoutMs`. Default false (the deadline starts once the attempt holds a slot).
   */
  deadlineIncludesQueue?: boolean;
}

/** What /readyz shows of a backend's breaker. */
export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

/** The policies of one backend: reads retry, writes never do; both share deadline, breaker and bulkhead. */
export interface BackendPolicy {
  readonly backend: BackendName;
  /** Runs a read: deadline per attempt, retries when the backend is unreachable, breaker, bulkhead. */
  read<T>(operation: (signal: AbortSignal) => Promise<T>, what: string, signal?: AbortSignal): Promise<T>;
  /**
   * Runs a read once: deadline, breaker, bulkhead, no retry. For a request whose credentials
   * must not be sent twice (a forwarded Kerberos token: replay caches refuse the second use).
   */
  readOnce<T>(operation: (signal: AbortSignal) => Promise<T>, what: string, signal?: AbortSignal): Promise<T>;
  /** Runs a write once: deadline, breaker, bulkhead. A timeout says the effect is unknown. */
  write<T>(operation: (signal: AbortSignal) => Promise<T>, what: string, signal?: AbortSignal): Promise<T>;
  breakerState(): BreakerState;
}

/** Transient failures (the backend is away or slow) count toward the breaker; answers like NOT_FOUND do not. */
export function isTransient(error: unknown): boolean {
  if (error instanceof JobgraphError) return error.code === 'UPSTREAM_UNAVAILABLE' || error.code === 'UPSTREAM_TIMEOUT';
  return error instanceof TaskCancelledError;
}

/**
 * Only fast failures (refused, reset, unreachable) are retried: retrying a read that already
 * waited out its deadline would double the caller's wait, and a stalled backend would hold
 * every request for several deadlines.
 */
export function isRetryable(error: unknown): boolean {
  return error instanceof JobgraphError && error.code === 'UPSTREAM_UNAVAILABLE';
}

/** Builds the policy of one backend; one instance per process, shared by all requests. */
export function createBackendPolicy(backend: BackendName, options: BackendPolicyOptions = {}): BackendPolicy {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const transient = handleWhen(isTransient);
  const breaker = circuitBreaker(transient, {
    halfOpenAfter: options.breakerHalfOpenAfterMs ?? 10_000,
    breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
  });
  const limiter = bulkhead(options.maxInFlight ?? 64, options.maxQueued ?? 1_000);
  // abortOnReturn off: aborting a finished call's signal made a DOMException (with a stack) per call.
  const deadline = timeout(timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
  const retries = retry(handleWhen(isRetryable), {
    maxAttempts: Math.max(0, (options.readAttempts ?? 3) - 1),
    backoff: new ExponentialBackoff({
      initialDelay: options.initialBackoffMs ?? 100,
      maxDelay: options.maxBackoffMs ?? 2_000,
    }),
  });
  const bounded = options.deadlineIncludesQueue ? wrap(deadline, limiter) : wrap(limiter, deadline);
  const readPolicy = wrap(retries, breaker, bounded);
  const writePolicy = wrap(breaker, bounded);

  const run = async <T>(
    policy: IPolicy,
    operation: (signal: AbortSignal) => Promise<T>,
    what: string,
    write: boolean,
    signal?: AbortSignal,
  ): Promise<T> => {
    try {
      return await policy.execute(
        ({ signal: attemptSignal }) =>
          operation(attemptSignal).catch((error: unknown) => {
            // An operation that rejects as soon as its deadline aborts it can win the race
            // against cockatiel's own TaskCancelledError: it is still a timeout.
            throw attemptSignal.aborted && signal?.aborted !== true ? new TaskCancelledError() : error;
          }),
        // Without a caller's signal cockatiel derives every attempt's from one module-wide signal:
        // each call in flight added a listener to it (O(n) removal, and a MaxListenersExceededWarning
        // on stderr once `jobgraph forward` had 11 lookups in flight).
        signal ?? new AbortController().signal,
      );
    } catch (error) {
      throw translate(backend, error, what, timeoutMs, write);
    }
  };
  return {
    backend,
    read: (operation, what, signal) => run(readPolicy, operation, what, false, signal),
    readOnce: (operation, what, signal) => run(writePolicy, operation, what, false, signal),
    write: (operation, what, signal) => run(writePolicy, operation, what, true, signal),
    breakerState: () => breakerStateName(breaker.state),
  };
}

function translate(backend: BackendName, error: unknown, what: string, timeoutMs: number, write: boolean): unknown {
  const label = asSentence(backendLabel(backend));
  if (error instanceof BrokenCircuitError)
    return new UpstreamUnavailableError(
      backend,
      `${backend} is failing; calls are paused while its circuit breaker is open (${what})`,
      { publicMessage: `${label} is failing; calls are paused while its circuit breaker is open` },
    );
  if (error instanceof BulkheadRejectedError)
    return new UpstreamUnavailableError(backend, `${backend} has too many calls in flight (${what})`, {
      publicMessage: `${label} has too many calls in flight`,
    });
  if (error instanceof TaskCancelledError) {
    const effect = write ? '; the write may or may not have been applied' : '';
    return new UpstreamTimeoutError(backend, `${backend} did not answer ${what} within ${timeoutMs} ms${effect}`, {
      publicMessage: `${label} did not answer within ${timeoutMs} ms${effect}`,
    });
  }
  return error;
}

function breakerStateName(state: number): BreakerState {
  // cockatiel's CircuitState: 0 Closed, 1 Open, 2 HalfOpen, 3 Isolated
  return (['closed', 'open', 'half-open', 'isolated'] as const)[state] ?? 'closed';
}
