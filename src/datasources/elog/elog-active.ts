import { UpstreamError } from '../../errors';
import { toExperiment } from './elog-mappers';
import type { ElogExperiment } from './elog-types';

/** Promises kept for `ttlMs` per key; a rejected load is forgotten at once. */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { at: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** The cached value, or a fresh `load()` when absent, expired or `fresh` is set. */
  get(key: K, load: () => Promise<V>, fresh = false): Promise<V> {
    const hit = this.entries.get(key);
    if (!fresh && hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = load();
    this.entries.set(key, { at: this.now(), value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * Reads an active-experiment value (§3.1): experiment info with switch fields, or (one public
 * revision) the bare name; a standby item (`is_standby`, no `name`) means none; a number,
 * boolean or list is UPSTREAM_ERROR.
 */
export function toActiveExperiment(value: unknown): ElogExperiment | null {
  if (typeof value === 'number' || typeof value === 'boolean' || Array.isArray(value)) {
    throw new UpstreamError(
      'elog',
      `eLog answered the active experiment with a ${Array.isArray(value) ? 'list' : typeof value}, not an experiment`,
    );
  }
  if (typeof value === 'string') return value === '' ? null : { name: value, params: {} };
  if (
    value === null ||
    typeof value !== 'object' ||
    (value as { is_standby?: unknown }).is_standby === true ||
    !('name' in value)
  )
    return null;
  return toExperiment(value);
}

/** Names of the active experiments in an `activeexperiments` list (standby items skipped), lower case. */
export function activeNames(list: unknown): Set<string> {
  const out = new Set<string>();
  if (!Array.isArray(list)) return out;
  for (const item of list) {
    const e = toActiveExperiment(item);
    if (e) out.add(e.name.toLowerCase());
  }
  return out;
}
