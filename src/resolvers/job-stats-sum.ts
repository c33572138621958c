import type { FluxJobStats } from '../datasources/flux/flux-job';

type Counts = Omit<FluxJobStats, 'queues'>;

function addCounts(into: Counts, more: Counts): void {
  for (const key of Object.keys(into.jobStates) as Array<keyof Counts['jobStates']>)
    into.jobStates[key] += more.jobStates[key];
  into.successful += more.successful;
  into.failed += more.failed;
  into.canceled += more.canceled;
  into.timeout += more.timeout;
  into.inactivePurged += more.inactivePurged;
}

const zero = (): Counts => ({
  jobStates: { depend: 0, priority: 0, sched: 0, run: 0, cleanup: 0, inactive: 0, total: 0 },
  successful: 0,
  failed: 0,
  canceled: 0,
  timeout: 0,
  inactivePurged: 0,
});

/** The counts of several clusters added up; queues of the same name on two clusters add up into one entry. */
export function sumJobStats(
  all: readonly FluxJobStats[],
): FluxJobStats & { queues: NonNullable<FluxJobStats['queues']> } {
  const total = zero();
  const queues = new Map<string, Counts & { name: string }>();
  for (const stats of all) {
    addCounts(total, stats);
    for (const queue of stats.queues ?? []) {
      const sum = queues.get(queue.name) ?? { name: queue.name, ...zero() };
      addCounts(sum, queue);
      queues.set(queue.name, sum);
    }
  }
  return { ...total, queues: [...queues.values()] };
}
