import type { Datasources } from './create-datasources';

/** Backend calls made while serving one request, by `<backend>.<method>` (e.g. `flux.lookup`). */
export type BackendCallCounts = Record<string, number>;

/**
 * Told of each datasource method call as it starts; may return a function called once when the
 * call settles (with the error when it threw or rejected).
 */
export type DatasourceCallObserver = (backend: string, method: string) => ((error?: unknown) => void) | void;

/** {@link DatasourceCallObserver} for one known method: told of each of its calls as it starts. */
export type MethodCallObserver = () => ((error?: unknown) => void) | void;

/**
 * Asked once per method of a view, when the method is first read through it: what to tell of
 * each of its calls (undefined: nothing). Lets an observer do its per-method work (labels, metric
 * cells) once instead of per call.
 */
export type DatasourceMethodObserver = (backend: string, method: string) => MethodCallObserver | undefined;

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

type Method = (...args: unknown[]) => unknown;

/** `method` called on `target` and reported to `observe` (when given): what a view hands out for it. */
function wrapMethod(target: object, method: Method, observe: MethodCallObserver | undefined): Method {
  if (!observe) return (...args) => method.apply(target, args);
  return (...args) => {
    const done = observe();
    if (!done) return method.apply(target, args);
    let result: unknown;
    try {
      result = method.apply(target, args);
    } catch (error) {
      done(error);
      throw error;
    }
    return settled(result, done);
  };
}

/**
 * A view of the datasources that tells the observer of every method call (and, if it asks, of its
 * end). Works for any datasource added later without changes here. The wrapper of a method is made
 * once per view and method (and again only if the datasource's property changes), so a call costs
 * the Proxy's `get` and a Map lookup, not a new closure and a per-call observer setup.
 */
export function observeDatasourceMethods(datasources: Datasources, forMethod: DatasourceMethodObserver): Datasources {
  const view: Record<string, unknown> = {};
  for (const [name, datasource] of Object.entries(datasources) as Array<[string, object | undefined]>) {
    if (!datasource) {
      view[name] = datasource;
      continue;
    }
    let wrapped: Map<string, { method: Method; wrapper: Method }> | undefined;
    view[name] = new Proxy(datasource, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        wrapped ??= new Map();
        const known = wrapped.get(property);
        if (known !== undefined && known.method === value) return known.wrapper;
        const wrapper = wrapMethod(target, value as Method, forMethod(name, property));
        wrapped.set(property, { method: value as Method, wrapper });
        return wrapper;
      },
    });
  }
  return view as unknown as Datasources;
}

/**
 * A view of the datasources that tells `observe` of every method call (and, if it asks, of its
 * end): {@link observeDatasourceMethods} with nothing done per method.
 */
export function observeDatasourceCalls(datasources: Datasources, observe: DatasourceCallObserver): Datasources {
  return observeDatasourceMethods(datasources, (backend, method) => () => observe(backend, method));
}

/** A view of the process-wide datasources that counts every method call into `counts`, for the per-request log line. */
export function countBackendCalls(datasources: Datasources, counts: BackendCallCounts): Datasources {
  return observeDatasourceMethods(datasources, (backend, method) => {
    const label = `${backend}.${method}`;
    return () => {
      counts[label] = (counts[label] ?? 0) + 1;
    };
  });
}
