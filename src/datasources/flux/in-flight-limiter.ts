/**
 * A counting semaphore with a FIFO queue: at most `max` holders at once; later callers wait in
 * arrival order. A waiter whose signal aborts leaves the queue and rejects with the signal's reason.
 */
export class InFlightLimiter {
  private used = 0;
  private readonly waiters: Array<{ grant: () => void }> = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`max in flight must be a positive integer, got ${max}`);
  }

  /** Slots held now. */
  get inUse(): number {
    return this.used;
  }

  /** Callers waiting for a slot. */
  get queued(): number {
    return this.waiters.length;
  }

  /** Takes a slot if one is free and nobody waits (true), without a promise; false otherwise. */
  tryAcquire(): boolean {
    if (this.used >= this.max || this.waiters.length > 0) return false;
    this.used++;
    return true;
  }

  /** Takes a slot, waiting in line if all are held. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Returns a slot; the longest waiter gets it. */
  release(): void {
    const next = this.waiters.shift();
    if (next) next.grant();
    else this.used = Math.max(0, this.used - 1);
  }
}
