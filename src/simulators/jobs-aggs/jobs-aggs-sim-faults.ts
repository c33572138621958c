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
}

/** Daily quotas per client id and route, reset at midnight UTC on the simulator's clock. */
export class DailyQuota {
  private readonly used = new Map<string, number>();

  constructor(
    public limit: number,
    private readonly clock: () => number,
  ) {}

  /** Counts one request; returns the requests left today, or -1 when the quota was already used up (the request is refused). */
  consume(clientId: string, route: string): number {
    const key = `${clientId}\u0000${route}\u0000${Math.floor(this.clock() / 86_400_000)}`;
    const used = this.used.get(key) ?? 0;
    if (used >= this.limit) return -1;
    this.used.set(key, used + 1);
    return this.limit - used - 1;
  }
}
