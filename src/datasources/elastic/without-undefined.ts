/** A copy of `value` without its `undefined` properties: absent stays absent in documents (and is not sent as null). */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
