const NON_FINITE = '\u0000nonfinite:';

/**
 * Serializes like Python's `json.dumps`: non-finite floats as bare `NaN`, `Infinity`,
 * `-Infinity`, which real explgbk answers contain.
 */
export function pythonJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? `${NON_FINITE}${String(v)}` : v,
  );
  return text.replace(/"\\u0000nonfinite:(NaN|Infinity|-Infinity)"/g, '$1');
}

/** Python `datetime.isoformat()` of a UTC instant: microseconds when the fraction is non-zero. */
export function isoformat(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  const ms = iso.slice(20, 23);
  return `${iso.slice(0, 19)}${ms === '000' ? '' : `.${ms}000`}+00:00`;
}

/** A Mongo-like ObjectId: 24 hex digits, deterministic per `(seed, n)`. */
export function objectId(seed: number, n: number): string {
  return `${(seed >>> 0).toString(16).padStart(8, '0')}${n.toString(16).padStart(16, '0')}`.slice(-24);
}

/** The server's `escape_chars_for_mongo`: `.` → U+FF0E, `$` → U+FF04. */
export function escapeKey(name: string): string {
  return name.replace(/\./g, '\uFF0E').replace(/\$/g, '\uFF04');
}

/** Copies a map with escaped keys. */
export function escapeKeys<T>(params: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [escapeKey(k), v]));
}
