import { JobgraphError, UpstreamUnavailableError } from '../../errors';
import { BoundedQueue } from '../streams/bounded-queue';
import type { JournalEntry } from './events-journal';
import type { FluxJob, FluxJobEvent } from './flux-job';
import { applyJournalEvent } from './journal-job.mapper';

/** One event of one job as the journal delivered it, with the job as it stands after the event. */
export interface JournalChange {
  id: bigint;
  event: FluxJobEvent;
  /** The job rebuilt from the journal's own data; undefined when the journal never saw it submitted. */
  job: FluxJob | undefined;
}

/** Options of one {@link JournalHub.subscribe}. */
export interface JournalSubscribeOptions {
  /** Changes this subscriber wants (called for every live change; keep it cheap). */
  accept(change: JournalChange): boolean;
  /** Changes that may wait for the subscriber before it is dropped with SLOW_CONSUMER. */
  maxBacklog: number;
}

interface Run {
  abort: AbortController;
  jobs: Map<bigint, FluxJob>;
  /** Past the sentinel: changes are delivered (the backlog only rebuilds the jobs). */
  live: boolean;
}

type Subscriber = { queue: BoundedQueue<JournalChange>; accept: (change: JournalChange) => boolean };

/**
 * One `job-manager.events-journal` stream per gateway process, shared by every subscriber and
 * fanned out in process. The stream opens with the first subscriber and is cancelled with the last.
 * Its backlog (active jobs) is never delivered: it rebuilds each job's state, so a subscriber gets
 * exactly the events posted after it subscribed, each once. When the stream fails (the broker
 * connection drops) every subscriber gets a typed error (UPSTREAM_UNAVAILABLE) and ends; the next
 * subscriber opens a new stream.
 */
export class JournalHub {
  private readonly subscribers = new Set<Subscriber>();
  private run: Run | undefined;

  /** `open` starts the journal stream (the Flux datasource's `eventsJournal`). */
  constructor(private readonly open: (signal: AbortSignal) => AsyncIterable<JournalEntry | 'sentinel'>) {}

  /** Whether the shared stream is past its backlog (changes are being delivered). */
  get live(): boolean {
    return this.run?.live ?? false;
  }

  /** Subscribers now. */
  get size(): number {
    return this.subscribers.size;
  }

  /** Whether the shared stream is open. */
  get streaming(): boolean {
    return this.run !== undefined;
  }

  /** The changes posted from now on that `accept` takes, until the consumer stops or the stream fails. */
  subscribe(options: JournalSubscribeOptions): BoundedQueue<JournalChange> {
    const subscriber: Subscriber = {
      accept: options.accept,
      queue: new BoundedQueue<JournalChange>(options.maxBacklog, () => this.leave(subscriber)),
    };
    this.subscribers.add(subscriber);
    if (!this.run) this.start();
    return subscriber.queue;
  }

  /** Ends every subscription (their streams complete) and the shared stream: for shutdown. */
  close(): void {
    for (const s of this.subscribers) s.queue.end();
    this.subscribers.clear();
    this.stop();
  }

  private leave(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) this.stop();
  }

  private stop(): void {
    this.run?.abort.abort();
    this.run = undefined;
  }

  private start(): void {
    const run: Run = { abort: new AbortController(), jobs: new Map(), live: false };
    this.run = run;
    void this.pump(run).then(
      () => this.failAll(run, new UpstreamUnavailableError('flux', 'job-manager.events-journal ended')),
      (error: unknown) => this.failAll(run, error),
    );
  }

  private async pump(run: Run): Promise<void> {
    for await (const entry of this.open(run.abort.signal)) {
      if (this.run !== run) return;
      if (entry === 'sentinel') {
        run.live = true;
        continue;
      }
      for (const event of entry.events) {
        const job = run.jobs.get(entry.id) ?? (event.name === 'submit' ? undefined : null);
        const next =
          job === null
            ? undefined
            : applyJournalEvent(job, entry.id, event, {
                ...(entry.jobspec && event.name === 'submit' ? { jobspec: entry.jobspec } : {}),
                ...(entry.R && (event.name === 'alloc' || !run.live) ? { R: entry.R } : {}),
              });
        if (next && next.state !== 'INACTIVE') run.jobs.set(entry.id, next);
        else run.jobs.delete(entry.id);
        if (run.live) this.deliver({ id: entry.id, event, job: next });
      }
    }
  }

  private deliver(change: JournalChange): void {
    for (const s of this.subscribers) if (s.accept(change)) s.queue.push(change);
  }

  private failAll(run: Run, error: unknown): void {
    if (this.run !== run) return;
    this.run = undefined;
    const typed =
      error instanceof JobgraphError
        ? error
        : new UpstreamUnavailableError('flux', `job-manager.events-journal: ${(error as Error).message}`);
    const subscribers = [...this.subscribers];
    this.subscribers.clear();
    for (const s of subscribers) s.queue.fail(typed);
  }
}
