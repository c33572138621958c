import { ERRNO } from '../../datasources/flux/errno';
import type { EventEmitter } from 'node:events';
import type { OutputKeeper } from './job-output';
import type { JobStore, JobStoreEvents } from './job-store';

/**
 * One reply of the simulated broker: a JSON payload (text without NUL, or the payload frame's
 * bytes already encoded, NUL included), or an error.
 */
export type SimReply = { json: string } | { frame: Uint8Array } | { errnum: number; text?: string };

/** What a service returns: replies in order; async when it waits (list-id state, watches). */
export type SimResult = Iterable<SimReply> | AsyncIterable<SimReply>;

/** Who sent a request (Node cannot read SO_PEERCRED: the simulator is told). */
export interface SimCaller {
  uid: number;
  /** Instance owner (rolemask OWNER|LOCAL) or guest (USER|LOCAL). */
  owner: boolean;
}

/** Broker settings the services honor. */
export interface SimSettings {
  /** job-list's comparison budget per request; default 1,000,000; 0 = unlimited. */
  maxComparisons: number;
  /** `[access] private-mode`: guests see only their own jobs in job-list. */
  privateMode: boolean;
  /** Behave like a broker before 0.82: ignore STREAMING on job-list.list, reply once. */
  preV082: boolean;
}

/** Everything a service call sees. */
export interface SimCall {
  store: JobStore;
  /** The jobs' output eventlogs (`guest.output`). */
  output: OutputKeeper;
  caller: SimCaller;
  settings: SimSettings;
  payload: Record<string, unknown>;
  streaming: boolean;
  /** Aborted when the request is cancelled or its connection goes away. */
  signal: AbortSignal;
  /** The broker's clock, epoch s, for the events a call appends; default the system clock. */
  clock?: () => number;
}

/** A JSON reply. */
export function ok(json: string): SimReply {
  return { json };
}

/** An error reply; `text` omitted = no payload (flags 09/49). */
export function fail(errnum: number, text?: string): SimReply {
  return text === undefined ? { errnum } : { errnum, text };
}

/** The reply that ends every stream normally: ENODATA without text. */
export const END_OF_STREAM: SimReply = { errnum: ERRNO.ENODATA };

/** Store emissions a {@link storeEmissions} queue can follow. */
type Followed = 'event' | 'output' | 'change';

/**
 * Yields what the store emits under `name` (the emission's arguments) until `signal` aborts or
 * `stop` (an emission that ends the queue, e.g. `outputEnd`) fires for `stopId`; emissions arriving
 * between pulls are queued. The listeners are registered at once (before the first pull), so a
 * caller that snapshots the store right before calling misses nothing; they are removed when the
 * consumer stops.
 */
export function storeEmissions<K extends Followed>(
  store: JobStore,
  name: K,
  signal: AbortSignal,
  stop?: { on: 'outputEnd'; id: bigint },
): AsyncGenerator<JobStoreEvents[K]> {
  const queue: Array<JobStoreEvents[K]> = [];
  let wake: (() => void) | undefined;
  let stopped = false;
  const onEmit = (...args: JobStoreEvents[K]): void => {
    queue.push(args);
    wake?.();
  };
  const onStop = (id: bigint): void => {
    if (id !== stop?.id) return;
    stopped = true;
    wake?.();
  };
  const onAbort = (): void => wake?.();
  const emitter = store as unknown as EventEmitter;
  emitter.on(name, onEmit as (...args: unknown[]) => void);
  if (stop) store.on(stop.on, onStop);
  signal.addEventListener('abort', onAbort);
  return (async function* () {
    try {
      while (!signal.aborted) {
        const next = queue.shift();
        if (next !== undefined) {
          yield next;
          continue;
        }
        if (stopped) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      emitter.off(name, onEmit as (...args: unknown[]) => void);
      if (stop) store.off(stop.on, onStop);
      signal.removeEventListener('abort', onAbort);
    }
  })();
}

/** Yields each store change (job id) until `signal` aborts (see {@link storeEmissions}). */
export async function* storeChanges(store: JobStore, signal: AbortSignal): AsyncGenerator<bigint> {
  for await (const [id] of storeEmissions(store, 'change', signal)) yield id;
}

/**
 * Yields each event posted to a job (id, event, and `'transient'` for one not committed to the
 * eventlog) until `signal` aborts (see {@link storeEmissions}).
 */
export function storeEvents(store: JobStore, signal: AbortSignal): AsyncGenerator<JobStoreEvents['event']> {
  return storeEmissions(store, 'event', signal);
}
