import type { Datasources } from './create-datasources';

/** Backend calls made while serving one request, by `<backend>.<method>` (e.g. `flux.lookup`). */
export type BackendCallCounts = Record<string, number>;

/**
 * Told of each datasource method call as it starts; may return a function called once when the
 * call settles (with the error when it threw or rejected).
 */
export type DatasourceCallObserver = (backend: string, method: string) => ((error?: unknown) => void) | void;

function settled(result: unknown, done: (error?: unknown) => void): unknown {
  if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
    // A side branch: the caller still gets (and handles) the original promise.
    (result as PromiseLike<unknown>).then(
      () => done(),
      (error: unknown) => done(error),
    );
  } else {
    done();
  }
  return result;
}

/**
 * A view of the datasources that tells `observe` of every method call (and, if it asks, of its
 * end). Works for any datasource added later without changes here.
 */
export function observeDatasourceCalls(datasources: Datasources, observe: DatasourceCallObserver): Datasources {
  const view: Record<string, unknown> = {};
  for (const [name, datasource] of Object.entries(datasources) as Array<[string, object | undefined]>) {
    if (!datasource) {
      view[name] = datasource;
      continue;
    }
    view[name] = new Proxy(datasource, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        return (...args: unknown[]) => {
          const done = observe(name, property);
          if (!done) return (value as (...a: unknown[]) => unknown).apply(target, args);
          let result: unknown;
          try {
            result = (value as (...a: unknown[]) => unknown).apply(target, args);
          } catch (error) {
            done(error);
            throw error;
          }
          return settled(result, done);
        };
      },
    });
  }
  return view as unknown as Datasources;
}

/** A view of the process-wide datasources that counts every method call into `counts`, for the per-request log line. */
export function countBackendCalls(datasources: Datasources, counts: BackendCallCounts): Datasources {
  return observeDatasourceCalls(datasources, (backend, method) => {
    const label = `${backend}.${method}`;
    counts[label] = (counts[label] ?? 0) + 1;
  });
}
