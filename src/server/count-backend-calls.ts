import type { Datasources } from '../datasources/create-datasources';

/** Backend calls made while serving one request, by `<backend>.<method>` (e.g. `flux.lookup`). */
export type BackendCallCounts = Record<string, number>;

/**
 * A view of the process-wide datasources that counts every method call into `counts`, for
 * the per-request log line. Works for any datasource added later without changes here.
 */
export function countBackendCalls(datasources: Datasources, counts: BackendCallCounts): Datasources {
  const view: Record<string, unknown> = {};
  for (const [name, datasource] of Object.entries(datasources) as Array<[string, object | undefined]>) {
    view[name] =
      datasource &&
      new Proxy(datasource, {
        get(target, property, receiver) {
          const value: unknown = Reflect.get(target, property, receiver);
          if (typeof value !== 'function' || typeof property !== 'string') return value;
          return (...args: unknown[]) => {
            const label = `${name}.${property}`;
            counts[label] = (counts[label] ?? 0) + 1;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
  }
  return view as unknown as Datasources;
}
