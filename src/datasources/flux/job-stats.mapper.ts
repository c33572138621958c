import type { FluxJobStats } from './flux-job';
import { FluxProtocolError } from './flux-protocol-error';

type Raw = Record<string, unknown>;
type Counts = Omit<FluxJobStats, 'queues'>;

function count(raw: Raw, key: string): number {
  const v = raw[key];
  if (v === undefined) return 0;
  if (typeof v !== 'number') throw new FluxProtocolError(`job-stats ${key} is not a number`);
  return v;
}

function counts(raw: Raw): Counts {
  const states = (raw.job_states ?? {}) as Raw;
  return {
    jobStates: {
      depend: count(states, 'depend'),
      priority: count(states, 'priority'),
      sched: count(states, 'sched'),
      run: count(states, 'run'),
      cleanup: count(states, 'cleanup'),
      inactive: count(states, 'inactive'),
      total: count(states, 'total'),
    },
    successful: count(raw, 'successful'),
    failed: count(raw, 'failed'),
    canceled: count(raw, 'canceled'),
    timeout: count(raw, 'timeout'),
    inactivePurged: count(raw, 'inactive_purged'),
  };
}

/** Maps a `job-list.job-stats` reply; `queues` (one entry per named queue) only when the broker sent it. */
export function mapJobStats(raw: Raw): FluxJobStats {
  const stats: FluxJobStats = counts(raw);
  if (Array.isArray(raw.queues))
    stats.queues = (raw.queues as Raw[]).map((q) => ({ name: String(q.name), ...counts(q) }));
  return stats;
}
