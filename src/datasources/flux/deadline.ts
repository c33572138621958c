/** An AbortSignal that fires after `ms` of inactivity or when the parent signal aborts. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Restarts the countdown (a stream item arrived). */
  reset(): void;
  /** Stops the countdown and detaches from the parent signal. */
  dispose(): void;
}

/**
 * Creates a {@link Deadline}. `ms` ≤ 0 means none. When the countdown ends and `postpone()` says
 * true (e.g. the consumer, not the broker, is behind), it restarts instead of firing.
 */
export function createDeadline(
  ms: number,
  onTimeout: () => Error,
  parent?: AbortSignal,
  postpone: () => boolean = () => false,
): Deadline {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // reset() runs once per stream item: it only notes the time; the one timer, when it fires
  // early, re-arms for what is left (a timer per item cost more than decoding the item).
  let last = performance.now();
  const fire = (): void => {
    timer = undefined;
    if (controller.signal.aborted) return;
    const left = last + ms - performance.now();
    if (left >= 1) {
      timer = setTimeout(fire, left);
    } else if (postpone()) {
      last = performance.now();
      timer = setTimeout(fire, ms);
    } else controller.abort(onTimeout());
  };
  const onParentAbort = (): void => {
    clearTimeout(timer);
    controller.abort(parent?.reason);
  };
  if (parent?.aborted) controller.abort(parent.reason);
  else {
    parent?.addEventListener('abort', onParentAbort, { once: true });
    if (ms > 0) timer = setTimeout(fire, ms);
  }
  return {
    signal: controller.signal,
    reset: () => {
      last = performance.now();
    },
    dispose: () => {
      clearTimeout(timer);
      timer = undefined;
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

/** Settles like `promise`, or rejects with `signal.reason` as soon as `signal` aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
