import type { Logger } from 'pino';
import type { BackendPolicy } from '../resilience/backend-policy';
import { BadUserInputError, UpstreamUnavailableError } from '../../errors';
import { ProfileResultStore, pickResult } from './profile-result.store';
import { profileResultInputSchema } from './profile-result.schema';
import { ReportFiles } from './report-files';
import type { OpenReportFile } from './report-files';
import { nodeReportFs } from './report-fs';
import type { ReportFs } from './report-fs';
import { ReportIndex } from './report-index';
import { ReportReader } from './report-reader';
import type { ReportStatus } from './report-reader';
import { ReportScanner } from './report-scanner';
import type { RootState } from './report-scanner';
import { resolveWatchMode, watchRoot } from './report-watcher';
import type { RootWatch } from './report-watcher';
import { canonicalJobId } from './report-job-id';
import { decodeReportCursor, pageReports } from './report-page';
import type { ReportFilter } from './report-page';
import type { ProfileReportRecord, ReportEntry } from './report-entry';

/** Full safety rescan interval in `watch` mode, ms (contract §7.5). */
export const SAFETY_RESCAN_MS = 10 * 60_000;
/** How often pending (half-written) report.json files are re-checked, ms. */
export const PENDING_RECHECK_MS = 2000;

/** Options of {@link SciagraphDatasource.start}; mirror the `sciagraph` config section. */
export interface SciagraphDatasourceOptions {
  /** Report roots (`JOBGRAPH_SCIAGRAPH_REPORTS`). */
  roots: readonly string[];
  /** `JOBGRAPH_SCIAGRAPH_WATCH`. */
  watch: 'auto' | 'watch' | 'poll';
  /** `JOBGRAPH_SCIAGRAPH_RESCAN_SECONDS`: poll interval and missing-root retry interval. */
  rescanSeconds: number;
  /** `JOBGRAPH_SCIAGRAPH_RESULTS_DIR`; undefined keeps results in memory. */
  resultsDir?: string | undefined;
  logger: Logger;
  /** Filesystem calls; tests inject errors. Default node:fs. */
  fs?: ReportFs;
  /**
   * `JOBGRAPH_SCIAGRAPH_TRUSTED_UIDS`: owners whose report files are credited to any job, besides
   * the job's own user and the gateway's (e.g. a service account that collects reports).
   */
  trustedUids?: readonly number[];
  /** Clock, epoch ms. Default Date.now. */
  now?: () => number;
  /**
   * Fault policy of the calls that touch the filesystem on a request's behalf: opening report
   * files (read) and storing download instructions (write). Its breaker is shown in /readyz.
   * Default: none. Index lookups are in memory and never go through it.
   */
  policy?: BackendPolicy;
}

/** Health of one root, for /readyz details and `jobgraph_sciagraph_root_up`. */
export interface RootHealth {
  root: string;
  up: boolean;
  mode: 'watch' | 'poll' | 'unresolved';
}

/**
 * The Sciagraph report index (contract shared/contracts/sciagraph.md §7–§9): discovers report
 * directories under several roots, keeps them current by watching or polling, merges recorded
 * download instructions, and opens report files for `/reports`. One process-wide instance.
 */
export class SciagraphDatasource {
  private readonly index = new ReportIndex();
  private readonly reader: ReportReader;
  private readonly scanner: ReportScanner;
  private readonly files: ReportFiles;
  private readonly results: ProfileResultStore;
  private readonly roots: Array<RootState & { mode: 'watch' | 'poll' | 'unresolved'; watch?: RootWatch }>;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly now: () => number;
  private queue: Promise<void> = Promise.resolve();
  private lookups = 0;
  private readonly trusted: Set<number>;
  private readonly warnedUnverified = new Set<string>();
  private initialScanDone = false;
  private closed = false;

  private constructor(private readonly options: SciagraphDatasourceOptions) {
    const fs = options.fs ?? nodeReportFs;
    this.now = options.now ?? Date.now;
    this.reader = new ReportReader(fs, options.logger, this.now);
    this.scanner = new ReportScanner(fs, this.index, this.reader);
    this.files = new ReportFiles(fs);
    this.results = new ProfileResultStore(options.resultsDir, options.logger);
    this.trusted = new Set([...(options.trustedUids ?? []), ...(process.getuid ? [process.getuid()] : [])]);
    this.roots = options.roots.map((configured) => ({ configured, real: undefined, up: false, mode: 'unresolved' }));
  }

  /**
   * Creates the index and starts the first full scan in the background (see {@link ready});
   * lookups answer from what has been found so far. Never fails on a bad root.
   */
  static create(options: SciagraphDatasourceOptions): SciagraphDatasource {
    const datasource = new SciagraphDatasource(options);
    datasource.ready = datasource.enqueue(async () => {
      await datasource.results
        .load()
        .catch((error: unknown) =>
          options.logger.error({ err: error, dir: options.resultsDir }, 'cannot read the Sciagraph results directory'),
        );
      await datasource.retryRoots();
      datasource.initialScanDone = true;
    });
    datasource.every(options.rescanSeconds * 1000, () => datasource.enqueue(() => datasource.retryRoots(true)));
    datasource.every(SAFETY_RESCAN_MS, () => datasource.rescan('watch'));
    datasource.every(PENDING_RECHECK_MS, () => datasource.recheckPending());
    return datasource;
  }

  /** {@link create}, resolving once the first full scan is done. */
  static async start(options: SciagraphDatasourceOptions): Promise<SciagraphDatasource> {
    const datasource = SciagraphDatasource.create(options);
    await datasource.ready;
    return datasource;
  }

  /** Settles when the first full scan of every available root is done. */
  ready: Promise<void> = Promise.resolve();

  /** Reports of many jobs at once, by job key (see `canonicalJobId`): the newest per key, or undefined. Counts as one lookup. */
  findByJobKeys(jobKeys: readonly string[]): Array<ProfileReportRecord | undefined> {
    this.lookups += 1;
    return jobKeys.map((key) => {
      const entry = this.index.forJob(key)[0];
      return entry && this.withInstructions(entry);
    });
  }

  /**
   * Whether a report may be credited to a Flux job of user `jobUid`: its report.json (and sidecar)
   * are owned by that user, the gateway's own user or a trusted uid. Anyone who can write in the
   * report tree could otherwise plant a report naming another user's job. Logs an unverified
   * report once.
   */
  isCredited(record: Pick<ReportEntry, 'ownerUids' | 'reportKey' | 'jobId'>, jobUid: number): boolean {
    const credited = record.ownerUids.every((uid) => uid === jobUid || this.trusted.has(uid));
    if (!credited && !this.warnedUnverified.has(record.reportKey)) {
      this.warnedUnverified.add(record.reportKey);
      this.options.logger.warn(
        { reportKey: record.reportKey, jobId: record.jobId, ownerUids: record.ownerUids, jobUid },
        "sciagraph report files are owned by neither the job's user, the gateway's nor a trusted uid: unverified, not attached to the job",
      );
    }
    return credited;
  }

  /** The newest report of each (job key, job owner uid) credited to that owner (see {@link isCredited}). Counts as one lookup. */
  findCredited(jobs: ReadonlyArray<{ jobKey: string; uid: number }>): Array<ProfileReportRecord | undefined> {
    this.lookups += 1;
    return jobs.map(({ jobKey, uid }) => {
      const entry = this.index.forJob(jobKey).find((candidate) => this.isCredited(candidate, uid));
      return entry && this.withInstructions(entry);
    });
  }

  /** The newest report of a job id in any form (Flux RFC 19 forms or text). */
  findByJobId(jobId: string): ProfileReportRecord | undefined {
    return this.findByJobKeys([canonicalJobId(jobId).jobKey])[0];
  }

  /** A report by its key. */
  getReport(reportKey: string): ProfileReportRecord | undefined {
    const entry = this.index.get(reportKey);
    return entry && this.withInstructions(entry);
  }

  /**
   * Reports in (startedAt desc, reportKey) order matching `filter`, after the opaque cursor
   * `after`. Lazily iterated so callers can apply filters that need other backends (job name).
   * Throws BAD_USER_INPUT for a malformed cursor.
   */
  *iterateReports(filter: ReportFilter, after?: string | null): Generator<ProfileReportRecord> {
    const start = after ? decodeReportCursor(after) : undefined;
    for (const entry of pageReports(this.index.list(), filter, start)) yield this.withInstructions(entry);
  }

  /** Validates and stores download instructions (contract §8); BAD_USER_INPUT when invalid. */
  async recordResult(input: unknown): Promise<{ jobId: string; matchedReport: boolean }> {
    const parsed = profileResultInputSchema.safeParse(input);
    if (!parsed.success) {
      throw new BadUserInputError(
        `invalid profile result: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    const record = (): Promise<Awaited<ReturnType<ProfileResultStore['record']>>> =>
      this.results.record(parsed.data, this.now());
    const result = await (this.options.policy
      ? this.options.policy.write(record, 'storing a profile result')
      : record());
    const matched = this.index
      .forJob(result.jobKey)
      .some((entry) => pickResult(entry.startedAtMs, [result]) !== undefined);
    return { jobId: result.jobId, matchedReport: matched };
  }

  /** Opens a file of a report for serving; null when the report or file is not servable (404). */
  async openReportFile(reportKey: string, segments: readonly string[]): Promise<OpenReportFile | null> {
    const entry = this.index.get(reportKey);
    if (!entry) return null;
    const policy = this.options.policy;
    return policy
      ? policy.read((signal) => this.files.open(entry, segments, signal), `opening report file ${segments.join('/')}`)
      : this.files.open(entry, segments);
  }

  /** Index lookups made so far (one per `findByJobKeys` call); for tests and the benchmark. */
  lookupCount(): number {
    return this.lookups;
  }

  /** Number of indexed reports. */
  get size(): number {
    return this.index.size;
  }

  /** Counts of report.json files by status, plus legacy directories. */
  statusCounts(): Record<ReportStatus | 'legacy', number> {
    return { ...this.reader.statusCounts(), legacy: [...this.scanner.legacy.values()].reduce((a, b) => a + b, 0) };
  }

  /** Health of every configured root. */
  rootHealth(): RootHealth[] {
    return this.roots.map((root) => ({ root: root.configured, up: root.up, mode: root.mode }));
  }

  /** /readyz check: fails until the first scan is done, and when no configured root is available. */
  async ping(): Promise<void> {
    if (!this.initialScanDone) {
      const scanning = 'the first scan of the Sciagraph report roots is still running';
      throw new UpstreamUnavailableError('sciagraph', scanning, { publicMessage: scanning });
    }
    if (this.roots.length > 0 && !this.roots.some((root) => root.up)) {
      const none = 'no Sciagraph report root is available';
      throw new UpstreamUnavailableError('sciagraph', none, {
        details: { roots: this.roots.map((r) => r.configured).join(':') },
        publicMessage: none,
      });
    }
  }

  /** Full rescan of every root (or only those in `mode`), queued after any running scan. */
  rescan(mode?: 'watch' | 'poll'): Promise<void> {
    return this.enqueue(async () => {
      for (const root of this.roots) if (mode === undefined || root.mode === mode) await this.scanner.scan(root, '');
    });
  }

  /** Stops watching and timers. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all(this.roots.map((root) => root.watch?.close()));
    await this.queue;
  }

  private every(ms: number, task: () => Promise<void>): void {
    const timer = setInterval(() => void task(), ms);
    timer.unref();
    this.timers.push(timer);
  }

  private withInstructions(entry: ReportEntry): ProfileReportRecord {
    return {
      ...entry,
      downloadInstructions: pickResult(entry.startedAtMs, [entry.sidecar, ...this.results.forJob(entry.jobKey)]),
    };
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(() => (this.closed ? undefined : task()));
    this.queue = run.catch((error: unknown) => this.options.logger.error({ err: error }, 'sciagraph scan failed'));
    return this.queue;
  }

  private async retryRoots(pollToo = false): Promise<void> {
    for (const root of this.roots) {
      if (root.real === undefined) {
        await this.scanner.resolveRoot(root);
        if (root.real === undefined) continue;
        root.mode = await resolveWatchMode(this.options.fs ?? nodeReportFs, root.real, this.options.watch);
        if (root.mode === 'watch') this.startWatch(root, root.real);
        await this.scanner.scan(root, '');
      } else if (pollToo && root.mode === 'poll') {
        await this.scanner.scan(root, '');
      }
    }
  }

  private startWatch(root: (typeof this.roots)[number], real: string): void {
    root.watch = watchRoot(
      real,
      this.options.logger,
      (relDirs) =>
        void this.enqueue(async () => {
          for (const relDir of relDirs) await this.scanner.scan(root, relDir);
        }),
      () => {
        this.options.logger.warn(
          { root: root.configured },
          'inotify watch limit reached; sciagraph root falls back to polling',
        );
        root.mode = 'poll';
        void root.watch?.close();
      },
    );
  }

  private recheckPending(): Promise<void> {
    if (this.scanner.pending.size === 0) return Promise.resolve();
    return this.enqueue(async () => {
      for (const { root, relDir } of [...this.scanner.pending.values()]) {
        const state = this.roots.find((r) => r.real === root);
        if (state) await this.scanner.scan(state, relDir);
      }
    });
  }
}
