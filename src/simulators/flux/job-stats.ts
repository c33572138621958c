import type { FluxJob } from '../../datasources/flux/flux-job';
import { janssonDump } from './jansson-json';
import type { JobStore } from './job-store';

interface Counts {
  job_states: {
    depend: number;
    priority: number;
    sched: number;
    run: number;
    cleanup: number;
    inactive: number;
    total: number;
  };
  successful: number;
  failed: number;
  canceled: number;
  timeout: number;
  inactive_purged: number;
}

function emptyCounts(): Counts {
  return {
    job_states: { depend: 0, priority: 0, sched: 0, run: 0, cleanup: 0, inactive: 0, total: 0 },
    successful: 0,
    failed: 0,
    canceled: 0,
    timeout: 0,
    inactive_purged: 0,
  };
}

function count(c: Counts, job: FluxJob): void {
  if (job.state === 'NEW') return;
  const key = job.state.toLowerCase() as keyof Counts['job_states'];
  c.job_states[key]++;
  c.job_states.total++;
  if (job.state !== 'INACTIVE') return;
  if (job.success) c.successful++;
  else if (job.exception?.type === 'cancel') c.canceled++;
  else if (job.exception?.type === 'timeout') c.timeout++;
  else c.failed++;
}

/**
 * The `job-list.job-stats` reply (stats.c; fixture 18): counts by state (no `new`), inactive
 * jobs by outcome, and the same per named queue (name last, queues by name).
 */
export function jobStatsJson(store: JobStore): string {
  const all = emptyCounts();
  const queues = new Map<string, Counts>();
  for (const { job } of store.all()) {
    count(all, job);
    if (job.queue === undefined) continue;
    let q = queues.get(job.queue);
    if (!q) queues.set(job.queue, (q = emptyCounts()));
    count(q, job);
  }
  const named = [...queues.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, c]) => ({ ...c, name }));
  return janssonDump({ ...all, queues: named });
}
