import { BadUserInputError, JobgraphError } from '../../errors';
import type { ElogHttpRequest } from './elog-http';

/** The ARP job's environment, as the gateway's config carries it (§3.10). */
export interface ArpJobEnvironment {
  /** `JID_UPDATE_COUNTERS`. */
  jidUpdateCounters?: string;
  /** `ARP_UPDATE_COUNTERS` (newer ARP pages). */
  arpUpdateCounters?: string;
  /** `ARP_ROOT_JOB_ID`. */
  arpRootJobId?: string;
  /** `JOB_ID`. */
  jobId?: string;
  /** `RUN_NUM`. */
  runNum?: string;
  /** `USER`. */
  user?: string;
}

/** A checked `replace_counters` URL and the pieces the flow needs. */
export interface CountersTarget {
  updateUrl: string;
  getCountersUrl: string;
  experiment: string;
  jobId: string;
}

const REPLACE = /^(.*\/)replace_counters\/([^/?#]+)\/([^/?#]+)$/;

/**
 * Picks the update URL (argument, else `JID_UPDATE_COUNTERS`, else `ARP_UPDATE_COUNTERS`) and
 * checks it against `JOBGRAPH_ELOG_JID_URL_PREFIXES`: callers supply URLs, and the gateway
 * must not POST wherever it is told.
 */
export function countersTarget(
  argument: string | undefined,
  env: ArpJobEnvironment,
  allowedPrefixes: readonly string[],
): CountersTarget {
  const updateUrl = argument ?? env.jidUpdateCounters ?? env.arpUpdateCounters;
  if (!updateUrl)
    throw new BadUserInputError(
      'postRunStatus needs updateUrl, or JID_UPDATE_COUNTERS / ARP_UPDATE_COUNTERS in the gateway environment',
    );
  if (!allowedPrefixes.some((p) => p !== '' && updateUrl.startsWith(p))) {
    throw new BadUserInputError(
      `run-status URL ${updateUrl} does not start with an entry of JOBGRAPH_ELOG_JID_URL_PREFIXES`,
      { updateUrl },
    );
  }
  const m = REPLACE.exec(updateUrl);
  if (!m)
    throw new BadUserInputError(`run-status URL ${updateUrl} must end with replace_counters/<experiment>/<job id>`, {
      updateUrl,
    });
  const [, base, experiment, jobId] = m as unknown as [string, string, string, string];
  return {
    updateUrl,
    getCountersUrl: `${base}${experiment}/get_counters`,
    experiment: decodeURIComponent(experiment),
    jobId: decodeURIComponent(jobId),
  };
}

/** One counter of the ARP job page. */
export interface RunCounter {
  key: string;
  value: string;
}

/** Checks `values` (`{key: scalar}`) and renders them as strings, as LUTE does. */
export function counterValues(values: unknown): RunCounter[] {
  if (values === null || typeof values !== 'object' || Array.isArray(values))
    throw new BadUserInputError('values must be an object of counter name → scalar');
  return Object.entries(values).map(([key, value]) => {
    if (value !== null && typeof value === 'object')
      throw new BadUserInputError(`counter ${key} must be a scalar`, { key });
    return { key, value: String(value) };
  });
}

/** Overlays `updates` on `current`: old order kept, new keys appended. */
export function overlayCounters(current: readonly RunCounter[], updates: readonly RunCounter[]): RunCounter[] {
  const out = current.map((c) => ({ ...c }));
  for (const u of updates) {
    const existing = out.find((c) => c.key === u.key);
    if (existing) existing.value = u.value;
    else out.push({ ...u });
  }
  return out;
}

/** Reads `[{key, value}]` from `get_counters`; anything else is an upstream error. */
export function toCounters(value: unknown): RunCounter[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new JobgraphError('UPSTREAM_ERROR', 'JID get_counters did not return a list', { backend: 'elog' });
  return value.map((c: unknown) => {
    const o = (c ?? {}) as { key?: unknown; value?: unknown };
    return { key: String(o.key ?? ''), value: typeof o.value === 'string' ? o.value : JSON.stringify(o.value ?? '') };
  });
}

/** The `get_counters` request (a read: retried) of §3.10 step 1. */
export function getCountersRequest(target: CountersTarget, env: ArpJobEnvironment, token: string): ElogHttpRequest {
  const body: Record<string, string> = {
    _id: env.arpRootJobId ?? env.jobId ?? target.jobId,
    experiment: target.experiment,
  };
  if (env.runNum !== undefined && env.runNum !== '') body.run_num = env.runNum;
  if (env.user) body.user = env.user;
  return {
    method: 'POST',
    url: target.getCountersUrl,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    kind: 'read',
    route: 'get_counters',
  };
}
