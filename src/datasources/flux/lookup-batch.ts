import { isTransient } from '../resilience/backend-policy';
import type { BackendPolicy } from '../resilience/backend-policy';
import { isFluxNotFound, mapFluxError } from './flux-error.mapper';
import type { FluxJobInfo, FluxJobInfoKey } from './flux-job';
import type { FluxRpc } from './flux-rpc-port';
import { formatJobId } from './job-id';
import { sendLookupJobInfo } from './job-info';
import type { LookupHandler } from './job-info';

/** One caller's `lookup`, waiting in the current tick's batch. */
interface QueuedLookup {
  id: bigint;
  keys: FluxJobInfoKey[];
  resolve: (info: FluxJobInfo | null) => void;
  reject: (error: unknown) => void;
  settled: boolean;
  /** The transient failure of its last attempt (kept for its own message when the batch finally fails). */
  transient?: unknown;
}

/** A job id for a message: its F58 form, or its digits when it has none (beyond 64 bits; the lookup rejects it). */
function jobLabel(id: bigint): string {
  try {
    return formatJobId(id);
  } catch {
    return String(id);
  }
}

/** What names one job's lookup in errors (unchanged from the per-call lookup). */
function lookupWhat(id: bigint, keys: readonly string[]): string {
  return `job-info.lookup ${jobLabel(id)} ${keys.join(',')}`;
}

/** What a settled lookup holds instead of its caller's resolve and reject. */
const SETTLED = (): void => undefined;

/**
 * Marks `lookup` settled and hands back its caller's resolve/reject, which it no longer holds: a
 * batch's lookups may stay reachable after they are answered (the fault policy's run holds the
 * batch, and cockatiel's aggressive timeout keeps that reachable for the young-generation GC until
 * the next full GC); through its caller's promise each held its answer, so every scavenge copied
 * the batch's answers.
 */
function settle(lookup: QueuedLookup): Pick<QueuedLookup, 'resolve' | 'reject'> {
  const { resolve, reject } = lookup;
  lookup.settled = true;
  lookup.resolve = lookup.reject = SETTLED;
  return { resolve, reject };
}

function answer(lookup: QueuedLookup, info: FluxJobInfo | null): void {
  if (!lookup.settled) settle(lookup).resolve(info);
}

function refuse(lookup: QueuedLookup, error: unknown): void {
  if (!lookup.settled) settle(lookup).reject(error);
}

/**
 * One run of a batch's unanswered lookups (the policy may run several): each lookup's answer goes
 * to its caller as it comes, through a handler (no promise per lookup); done once all have answered.
 */
class Attempt {
  /** The first transient failure: the attempt fails with it (the policy may retry). */
  first: unknown;
  private open = 1;
  private done: () => void = () => undefined;
  private readonly finished = new Promise<void>((resolve) => (this.done = resolve));

  constructor(private readonly signal: AbortSignal | undefined) {}

  /** Sends the lookups of `batch` not answered yet; resolves once every one of them has answered. */
  run(rpc: FluxRpc, batch: readonly QueuedLookup[]): Promise<void> {
    const call = this.signal ? { signal: this.signal } : {};
    for (const lookup of batch) {
      if (lookup.settled) continue;
      this.open++;
      try {
        sendLookupJobInfo(rpc, lookup.id, lookup.keys, call, new AttemptLookup(this, lookup));
      } catch (error) {
        // Thrown before anything was sent (an id beyond 64 bits): that caller's error alone.
        this.failed(lookup, error);
        this.answered();
      }
    }
    this.answered();
    return this.finished;
  }

  /** `lookup` failed with `error`: not found (null), transient (kept for the policy) or its own typed error. */
  failed(lookup: QueuedLookup, error: unknown): void {
    // Aborted by the policy's deadline: the policy's own error answers it.
    if (this.signal?.aborted) return;
    const typed = mapFluxError(error, lookupWhat(lookup.id, lookup.keys));
    if (isFluxNotFound(typed)) answer(lookup, null);
    else if (isTransient(typed)) {
      lookup.transient = typed;
      this.first ??= typed;
    } else refuse(lookup, typed);
  }

  answered(): void {
    if (--this.open === 0) this.done();
  }
}

/** One lookup's handler in one attempt. */
class AttemptLookup implements LookupHandler {
  constructor(
    private readonly attempt: Attempt,
    private readonly lookup: QueuedLookup,
  ) {}

  onInfo(info: FluxJobInfo): void {
    answer(this.lookup, info);
    this.attempt.answered();
  }

  onError(error: unknown): void {
    this.attempt.failed(this.lookup, error);
    this.attempt.answered();
  }
}

/**
 * `lookup(id, keys)` of the Flux datasource: the lookups asked in one tick (a page's, through
 * the jobInfo loader) go out pipelined under ONE run of the fault policy, and each caller gets
 * its own answer: the job's info, null when the broker does not know it, or that lookup's typed
 * error (FORBIDDEN, UPSTREAM_ERROR…) — one job's refusal fails only that job.
 *
 * A transient failure (UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT) of any lookup fails the batch's
 * attempt, so the breaker counts it and the policy retries it — the lookups not answered yet
 * only. When the policy gives up, the unanswered lookups reject (each with its own transient
 * error, or the policy's: breaker open, deadline).
 *
 * Why: the policy (retry, breaker, bulkhead, deadline: an AbortController and a timer each) cost
 * ~20 µs of CPU per lookup, a quarter of a 500-job page's client cost, for lookups that go to the
 * same broker at the same moment.
 */
export function createBatchedLookup(
  rpc: FluxRpc,
  policy?: BackendPolicy,
): (id: bigint, keys: FluxJobInfoKey[]) => Promise<FluxJobInfo | null> {
  let queued: QueuedLookup[] = [];

  const run = async (batch: QueuedLookup[]): Promise<void> => {
    let thrown: unknown;
    const attempt = async (signal?: AbortSignal): Promise<void> => {
      const lookups = new Attempt(signal);
      await lookups.run(rpc, batch);
      if (lookups.first !== undefined) throw (thrown = lookups.first);
    };
    try {
      if (policy) {
        const head = batch[0] as QueuedLookup;
        const what =
          batch.length === 1
            ? lookupWhat(head.id, head.keys)
            : `job-info.lookup of ${batch.length} jobs (from ${jobLabel(head.id)})`;
        await policy.read(attempt, what);
      } else await attempt();
    } catch (error) {
      for (const lookup of batch)
        refuse(lookup, error === thrown && lookup.transient !== undefined ? lookup.transient : error);
    }
  };

  const flush = (): void => {
    const batch = queued;
    queued = [];
    void run(batch);
  };

  return (id, keys) =>
    new Promise<FluxJobInfo | null>((resolve, reject) => {
      if (queued.length === 0) process.nextTick(flush);
      queued.push({ id, keys, resolve, reject, settled: false });
    });
}
