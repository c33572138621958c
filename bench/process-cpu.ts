import { readFileSync } from 'node:fs';

/** CPU time (user + system) a process has used so far, ms, from /proc (Linux; clock ticks of 10 ms). NaN when unreadable. */
export function processCpuMs(pid: number): number {
  try {
    const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** CPU time this process has used so far, ms. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Measures CPU ms per process over `run`: this process always, the others by pid. */
export async function cpuDuring<T>(
  pids: Record<string, number | undefined>,
  run: () => Promise<T>,
): Promise<{ result: T; cpuMs: Record<string, number> }> {
  const before = Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [name, pid ? processCpuMs(pid) : Number.NaN]),
  );
  const self = ownCpuMs();
  const result = await run();
  const cpuMs: Record<string, number> = { self: ownCpuMs() - self };
  for (const [name, pid] of Object.entries(pids))
    cpuMs[name] = pid ? processCpuMs(pid) - (before[name] as number) : Number.NaN;
  return { result, cpuMs };
}
