import { dirname, join, relative, sep } from 'node:path';
import { isUnder } from './report-index';
import type { ReportIndex } from './report-index';
import type { ReportReader } from './report-reader';
import type { ReportFs } from './report-fs';
import { walkReports, WALK_CONCURRENCY } from './report-walker';
import type { ReportEntry } from './report-entry';

/** State of one configured root. */
export interface RootState {
  /** As configured. */
  configured: string;
  /** Its realpath, once resolved (retried at every rescan while missing). */
  real: string | undefined;
  /** False while missing, unreadable, or the last scan met a transient error at its top. */
  up: boolean;
}

/**
 * Scans (sub)trees of the roots into the index: walk, read each report (cached), then replace
 * that subtree's entries, keeping those whose directories failed transiently. Never throws.
 */
export class ReportScanner {
  /** Legacy report directories (no report.json) seen by the last scan of each root. */
  readonly legacy = new Map<string, number>();
  /** Report directories whose report.json is pending (being written), to re-check soon. */
  readonly pending = new Map<string, { root: string; relDir: string }>();

  constructor(
    private readonly fs: ReportFs,
    private readonly index: ReportIndex,
    private readonly reader: ReportReader,
  ) {}

  /** Resolves a root's realpath if not done yet; warns once while it is missing. */
  async resolveRoot(state: RootState): Promise<void> {
    if (state.real !== undefined) return;
    try {
      state.real = await this.fs.realpath(state.configured);
      state.up = true;
    } catch (error) {
      state.up = false;
      this.reader.warnOnce(
        `root:${state.configured}`,
        { root: state.configured, err: error },
        'sciagraph report root unavailable; retrying at every rescan',
      );
    }
  }

  /** Rescans `relDir` ('' = everything) of a resolved root. */
  async scan(state: RootState, relDir: string): Promise<void> {
    const root = state.real;
    if (root === undefined) return;
    const walk = await walkReports({
      fs: this.fs,
      root,
      startRelDir: relDir,
      onProblem: (kind, path) =>
        this.reader.warnOnce(
          `${kind}:${path}`,
          { path },
          kind === 'denied'
            ? 'sciagraph report path unreadable (permission denied); skipped'
            : 'symlinked report.json ignored',
        ),
    });
    const transient = new Set(walk.transient);
    const found: ReportEntry[] = [];
    for (const [key, where] of this.pending)
      if (where.root === root && isUnder(where.relDir, relDir)) this.pending.delete(key);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < walk.reports.length) {
        const report = walk.reports[next++];
        if (!report) continue;
        const outcome = await this.reader.read(root, report);
        if (outcome.status === 'indexed') found.push(outcome.entry);
        else if (outcome.status === 'transient') transient.add(report.relDir);
        else if (outcome.status === 'pending')
          this.pending.set(join(root, report.relDir), { root, relDir: report.relDir });
      }
    };
    await Promise.all(Array.from({ length: WALK_CONCURRENCY }, worker));
    const kept = (dir: string): boolean => [...transient].some((bad) => isUnder(dir, bad));
    this.index.replaceSubtree(root, relDir, found, (entry) => kept(entry.relDir));
    const seen = new Set(walk.reports.map((report) => report.relDir));
    this.reader.forget((path) => {
      const dir = relative(root, dirname(path)).split(sep).join('/');
      return !dir.startsWith('..') && isUnder(dir, relDir) && !seen.has(dir) && !kept(dir);
    });
    if (relDir === '') {
      this.legacy.set(root, walk.legacy);
      state.up = !transient.has('');
    }
  }
}
