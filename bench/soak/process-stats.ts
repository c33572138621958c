import { readdir, readFile, readlink } from 'node:fs/promises';

/** One look at a process from outside, through /proc (Linux). */
export interface ProcessSample {
  /** Epoch ms. */
  at: number;
  /** Resident set size, bytes (VmRSS). */
  rssBytes: number;
  /** Open file descriptors (entries of /proc/PID/fd). */
  fds: number;
  /** Of those, sockets (TCP, Unix). */
  sockets: number;
}

/** Reads RSS, open descriptors and sockets of `pid`; rejects when the process is gone. */
export async function sampleProcess(pid: number): Promise<ProcessSample> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rssKiB = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN);
  const entries = await readdir(`/proc/${pid}/fd`);
  // A descriptor can close between readdir and readlink: it then counts as not a socket.
  const targets = await Promise.all(entries.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')));
  return {
    at: Date.now(),
    rssBytes: rssKiB * 1024,
    fds: entries.length,
    sockets: targets.filter((t) => t.startsWith('socket:')).length,
  };
}

/** The median of each measure over `samples` (one sample is noisy: GC runs, pooled sockets come and go). */
export function medianSample(samples: readonly ProcessSample[]): ProcessSample {
  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? NaN;
  };
  return {
    at: median(samples.map((s) => s.at)),
    rssBytes: median(samples.map((s) => s.rssBytes)),
    fds: median(samples.map((s) => s.fds)),
    sockets: median(samples.map((s) => s.sockets)),
  };
}
