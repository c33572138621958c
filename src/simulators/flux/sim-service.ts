import { ERRNO } from '../../datasources/flux/errno';
import type { JobStore } from './job-store';

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
  caller: SimCaller;
  settings: SimSettings;
  payload: Record<string, unknown>;
  streaming: boolean;
  /** Aborted when the request is cancelled or its connection goes away. */
  signal: AbortSignal;
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

/**
 * Yields each store change (job id) until `signal` aborts; changes arriving between pulls are
 * queued. The listener is removed when the consumer stops.
 */
export async function* storeChanges(store: JobStore, signal: AbortSignal): AsyncGenerator<bigint> {
  const queue: bigint[] = [];
  let wake: (() => void) | undefined;
  const onChange = (id: bigint): void => {
    queue.push(id);
    wake?.();
  };
  const onAbort = (): void => wake?.();
  store.on('change', onChange);
  signal.addEventListener('abort', onAbort);
  try {
    while (!signal.aborted) {
      const next = queue.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    store.off('change', onChange);
    signal.removeEventListener('abort', onAbort);
  }
}
