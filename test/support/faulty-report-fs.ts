import { nodeReportFs } from '../../src/datasources/sciagraph/report-fs';
import type { ReportFs } from '../../src/datasources/sciagraph/report-fs';

/** How the report filesystem misbehaves: `eio` as a dead NFS mount, `stall` as a hung one. */
export type ReportFsFault = 'none' | 'eio' | 'stall';

/** The real filesystem with a switch: every call fails with EIO, or hangs until the switch goes back to `none`. */
export interface FaultyReportFs extends ReportFs {
  fault: ReportFsFault;
  /** Calls made while a fault was on. */
  faulted: number;
}

/** Wraps node:fs with a fault switch (the Sciagraph "simulator" is a directory, so its faults are the filesystem's). */
export function createFaultyReportFs(): FaultyReportFs {
  const waiting = new Set<() => void>();
  const guard = async <T>(call: () => Promise<T>): Promise<T> => {
    if (fs.fault === 'none') return call();
    fs.faulted += 1;
    if (fs.fault === 'eio') throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
    await new Promise<void>((resolve) => waiting.add(resolve));
    return call();
  };
  const fs: FaultyReportFs = {
    fault: 'none',
    faulted: 0,
    lstat: (path) => guard(() => nodeReportFs.lstat(path)),
    readdir: (path) => guard(() => nodeReportFs.readdir(path)),
    openNoFollow: (path) => guard(() => nodeReportFs.openNoFollow(path)),
    realpath: (path) => guard(() => nodeReportFs.realpath(path)),
    statfs: (path) => guard(() => nodeReportFs.statfs(path)),
  };
  // Leaving `stall` lets the hung calls finish, as a mount that comes back does.
  let current: ReportFsFault = 'none';
  Object.defineProperty(fs, 'fault', {
    get: () => current,
    set: (next: ReportFsFault) => {
      current = next;
      if (next !== 'stall') {
        for (const resume of waiting) resume();
        waiting.clear();
      }
    },
  });
  return fs;
}
