import { join } from 'node:path';
import type { Dirent, Stats } from 'node:fs';
import { classifyFsError } from './report-fs';
import type { ReportFs } from './report-fs';

/** Deepest directory level searched below a root (contract §7.2). */
export const MAX_WALK_DEPTH = 8;
/** Filesystem operations in flight during a walk, to spare Lustre/GPFS metadata servers. */
export const WALK_CONCURRENCY = 16;

/** A report directory found by a walk. */
export interface FoundReportDir {
  relDir: string;
  /** Regular files directly inside the directory. */
  files: string[];
  /** The directory's `dev:ino`. */
  dirId: string;
  /** lstat of its `report.json`. */
  reportJson: Stats;
}

/** What one walk of a (sub)tree found. */
export interface WalkResult {
  reports: FoundReportDir[];
  /** Directories with `index.html` and `peak-memory.svg` but no `report.json` (not exposed). */
  legacy: number;
  /** Relative directories whose contents could not be read for a transient reason; keep their old entries. */
  transient: string[];
}

/** Walk settings; `onProblem` receives denied paths and symlinked `report.json`s (the caller warns once). */
export interface WalkOptions {
  fs: ReportFs;
  root: string;
  /** Where to start, relative to `root` ('' for the whole root). */
  startRelDir: string;
  onProblem(kind: 'denied' | 'symlinked-report-json', path: string): void;
}

/** Maps `items` through `fn` with at most {@link WALK_CONCURRENCY} calls in flight. */
async function mapLimited<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(WALK_CONCURRENCY, items.length) }, worker));
}

const relJoin = (relDir: string, name: string): string => (relDir === '' ? name : `${relDir}/${name}`);
const depthOf = (relDir: string): number => (relDir === '' ? 0 : relDir.split('/').length);

/**
 * Breadth-first discovery of report directories below `root/startRelDir` (contract §7.2, §7.4):
 * never follows symlinks, skips dot-entries and already-visited (dev, ino) directories, stops at
 * report directories and at depth {@link MAX_WALK_DEPTH}. Never throws.
 */
export async function walkReports(options: WalkOptions): Promise<WalkResult> {
  const { fs, root } = options;
  const result: WalkResult = { reports: [], legacy: 0, transient: [] };
  const visited = new Set<string>();
  const guarded = async <T>(relDir: string, path: string, op: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await op();
    } catch (error) {
      // An unreachable root is transient whatever the error: it must never wipe the index.
      const kind = relDir === '' ? 'transient' : classifyFsError(error);
      if (kind === 'denied') options.onProblem('denied', path);
      else if (kind === 'transient') result.transient.push(relDir);
      return undefined;
    }
  };
  const isKind = async (dir: string, entry: Dirent, test: (s: Stats | Dirent) => boolean): Promise<boolean> => {
    if (entry.isFile() || entry.isDirectory() || entry.isSymbolicLink()) return test(entry);
    const stats = await fs.lstat(join(dir, entry.name)).catch(() => undefined);
    return stats !== undefined && test(stats);
  };

  const visit = async (relDir: string, next: string[]): Promise<void> => {
    const abs = join(root, relDir);
    const dirStats = await guarded(relDir, abs, () => fs.lstat(abs));
    if (!dirStats?.isDirectory()) return;
    const id = `${dirStats.dev}:${dirStats.ino}`;
    if (visited.has(id)) return;
    visited.add(id);
    const entries = await guarded(relDir, abs, () => fs.readdir(abs));
    if (!entries) return;
    const reportJson = entries.find((e) => e.name === 'report.json');
    if (reportJson && (await isKind(abs, reportJson, (s) => s.isSymbolicLink()))) {
      options.onProblem('symlinked-report-json', join(abs, 'report.json'));
    } else if (reportJson && (await isKind(abs, reportJson, (s) => s.isFile()))) {
      const stats = await guarded(relDir, abs, () => fs.lstat(join(abs, 'report.json')));
      if (!stats?.isFile()) return;
      const files: string[] = [];
      for (const entry of entries) if (await isKind(abs, entry, (s) => s.isFile())) files.push(entry.name);
      result.reports.push({ relDir, dirId: id, files, reportJson: stats });
      return;
    }
    const names = new Set(entries.map((e) => e.name));
    if (names.has('index.html') && names.has('peak-memory.svg')) result.legacy += 1;
    if (depthOf(relDir) >= MAX_WALK_DEPTH) return;
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      if (await isKind(abs, entry, (s) => s.isDirectory())) next.push(relJoin(relDir, entry.name));
    }
  };

  let level = [options.startRelDir];
  while (level.length > 0) {
    const next: string[] = [];
    await mapLimited(level, (relDir) => visit(relDir, next));
    level = next;
  }
  return result;
}
