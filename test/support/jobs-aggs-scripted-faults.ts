import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { readBody, send } from '../../src/simulators/jobs-aggs/jobs-aggs-sim-http';

/** A scripted answer for the next request(s) of one route: a status with body and headers, or only a delay (a stall). */
export interface SimulatedFault {
  route: 'token' | 'aggs';
  /** Answer with this status instead of serving; absent = serve normally after `delayMs`. */
  status?: number;
  /** JSON body (or raw text) of the answer. Default `{status_code, detail: "Simulated fault"}`. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering, ms. */
  delayMs?: number;
  /** How many requests it applies to. Default 1. */
  times?: number;
}

/** The contract's "throttle" fault: 429 with `Retry-After: 2`. */
export function throttleFault(times = 1): SimulatedFault {
  return {
    route: 'aggs',
    status: 429,
    headers: { 'retry-after': '2' },
    body: { status_code: 429, detail: 'Too many requests' },
    times,
  };
}

/** A queue of scripted faults per route, consumed one request at a time. */
export class FaultQueue {
  private readonly queue: Array<SimulatedFault & { left: number }> = [];

  add(fault: SimulatedFault): void {
    this.queue.push({ ...fault, left: fault.times ?? 1 });
  }

  /** The fault for the next request of `route`, if any, consuming one use of it. */
  take(route: SimulatedFault['route']): SimulatedFault | undefined {
    const index = this.queue.findIndex((fault) => fault.route === route);
    const fault = this.queue[index];
    if (!fault) return undefined;
    fault.left -= 1;
    if (fault.left <= 0) this.queue.splice(index, 1);
    return fault;
  }

  /** Drops every fault not yet consumed. */
  clear(): void {
    this.queue.length = 0;
  }
}

/** The route of a jobs/aggs simulator request, as {@link SimulatedFault} names it. */
function routeOf(req: IncomingMessage): SimulatedFault['route'] | undefined {
  if (req.method !== 'POST') return undefined;
  if (req.url === '/oauth2/token') return 'token';
  return req.url === '/v3/jobs/aggs' ? 'aggs' : undefined;
}

/**
 * Answers the next request of a scripted fault's route the scripted way (after its delay), or lets the
 * simulator serve it; `closing` aborts pending delays when the simulator closes.
 */
export async function answerScriptedFault(
  queue: FaultQueue,
  req: IncomingMessage,
  res: ServerResponse,
  closing: AbortSignal,
): Promise<boolean> {
  const route = routeOf(req);
  const fault = route && queue.take(route);
  if (!fault) return false;
  if (fault.delayMs) await sleep(fault.delayMs, undefined, { signal: closing });
  if (fault.status === undefined) return false;
  await readBody(req);
  send(res, fault.status, fault.body ?? { status_code: fault.status, detail: 'Simulated fault' }, fault.headers);
  return true;
}
