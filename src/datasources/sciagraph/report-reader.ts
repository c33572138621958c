import { join } from 'node:path';
import type { Logger } from 'pino';
import { classifyFsError, fileSignature, readSmallFile } from './report-fs';
import type { ReportFs } from './report-fs';
import { canonicalJobId } from './report-job-id';
import { parseReportJson, REPORT_JSON_MAX_BYTES } from './report-json.schema';
import { reportKeyOf } from './report-key';
import { profileResultSidecarSchema, SIDECAR_FILE_NAME } from './profile-result.schema';
import { toProfileResult } from './profile-result.store';
import type { FoundReportDir } from './report-walker';
import type { ProfileResult, ReportEntry } from './report-entry';

/** A file that fails to parse while younger than this is pending, not invalid (contract §7.3). */
export const PENDING_MAX_AGE_MS = 10_000;
/** Re-checks of a pending file before it is declared invalid. */
export const PENDING_MAX_ATTEMPTS = 5;

/** Status of one report.json, as counted in `jobgraph_sciagraph_reports{status}`. */
export type ReportStatus = 'indexed' | 'pending' | 'invalid' | 'no-id';

/** What reading a found report directory gave. `transient`: keep the previous entry. */
export type ReadOutcome = { status: 'indexed'; entry: ReportEntry } | { status: 'pending' | 'skipped' | 'transient' };

type Cached =
  | {
      signature: string;
      status: 'indexed';
      entry: Omit<ReportEntry, 'files' | 'sidecar' | 'dirId' | 'ownerUids'>;
      uid: number;
    }
  | { signature: string; status: 'invalid' | 'no-id' }
  | { signature: string; status: 'pending'; attempts: number };

/**
 * Reads and validates `report.json` and the handler's sidecar, caching each by (ino, size, mtime)
 * so unchanged files are never re-read. Warns once per bad path and version; never throws.
 */
export class ReportReader {
  private readonly cache = new Map<string, Cached>();
  private readonly sidecars = new Map<string, { signature: string; result: ProfileResult | undefined; uid: number }>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly fs: ReportFs,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  /** Warns once per `key` (a path, or a path and file version). */
  warnOnce(key: string, fields: Record<string, unknown>, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.logger.warn(fields, message);
  }

  /** Reads the report in `found`, found under `root`. */
  async read(root: string, found: FoundReportDir): Promise<ReadOutcome> {
    const path = join(root, found.relDir, 'report.json');
    const signature = fileSignature(found.reportJson);
    let cached = this.cache.get(path);
    if (!cached || cached.signature !== signature || cached.status === 'pending') {
      const next = await this.readReportJson(root, found, path, signature, cached);
      if (next === 'transient' || next === 'gone') return { status: next === 'gone' ? 'skipped' : 'transient' };
      this.cache.set(path, (cached = next));
    }
    if (cached.status === 'pending') return { status: 'pending' };
    if (cached.status !== 'indexed') return { status: 'skipped' };
    const read = found.files.includes(SIDECAR_FILE_NAME)
      ? await this.readSidecar(join(root, found.relDir, SIDECAR_FILE_NAME))
      : undefined;
    const ownerUids = read ? [cached.uid, read.uid] : [cached.uid];
    return {
      status: 'indexed',
      entry: { ...cached.entry, dirId: found.dirId, files: found.files, sidecar: read?.result, ownerUids },
    };
  }

  /** Forgets cached files under `root/relDirPrefix` that `keep` rejects (they vanished). */
  forget(predicate: (path: string) => boolean): void {
    for (const path of this.cache.keys()) if (predicate(path)) this.cache.delete(path);
    for (const path of this.sidecars.keys()) if (predicate(path)) this.sidecars.delete(path);
  }

  /** Count of cached report.json files by status. */
  statusCounts(): Record<ReportStatus, number> {
    const counts: Record<ReportStatus, number> = { indexed: 0, pending: 0, invalid: 0, 'no-id': 0 };
    for (const cached of this.cache.values()) counts[cached.status] += 1;
    return counts;
  }

  private async readReportJson(
    root: string,
    found: FoundReportDir,
    path: string,
    signature: string,
    previous: Cached | undefined,
  ): Promise<Cached | 'transient' | 'gone'> {
    let text: string;
    let uid: number;
    try {
      const file = await readSmallFile(this.fs, path, REPORT_JSON_MAX_BYTES);
      if (!file) return this.invalid(path, signature, `not a regular file of at most ${REPORT_JSON_MAX_BYTES} bytes`);
      text = file.text;
      uid = file.stats.uid;
    } catch (error) {
      const kind = classifyFsError(error);
      if (kind === 'denied')
        this.warnOnce(`denied:${path}`, { path }, 'sciagraph report unreadable (permission denied); skipped');
      return kind === 'transient' ? 'transient' : 'gone';
    }
    const outcome = parseReportJson(text, this.now());
    if (!outcome.ok) {
      const young = this.now() - found.reportJson.mtimeMs < PENDING_MAX_AGE_MS;
      const attempts = previous?.status === 'pending' ? previous.attempts + 1 : 1;
      if (
        (outcome.unparsable || text.trim() === '') &&
        (young || previous?.status === 'pending') &&
        attempts <= PENDING_MAX_ATTEMPTS
      ) {
        return { signature, status: 'pending', attempts };
      }
      return this.invalid(path, signature, outcome.reason);
    }
    if (outcome.report.rawId === undefined) {
      if (!this.warned.has(`no-id:${path}:${signature}`))
        this.logger.info({ path }, 'sciagraph report names no job id; not indexed');
      this.warned.add(`no-id:${path}:${signature}`);
      return { signature, status: 'no-id' };
    }
    const { startedAtMs, durationMs, peakMemoryKiB, rawId } = outcome.report;
    const entry = {
      startedAtMs,
      durationMs,
      peakMemoryKiB,
      ...canonicalJobId(rawId),
      reportKey: reportKeyOf(root, found.relDir),
      root,
      relDir: found.relDir,
    };
    return { signature, status: 'indexed', entry, uid };
  }

  private invalid(path: string, signature: string, reason: string): Cached {
    this.warnOnce(`invalid:${path}:${signature}`, { path, reason }, 'skipping invalid sciagraph report.json');
    return { signature, status: 'invalid' };
  }

  private async readSidecar(path: string): Promise<{ result: ProfileResult | undefined; uid: number } | undefined> {
    try {
      const stats = await this.fs.lstat(path);
      const signature = fileSignature(stats);
      const cached = this.sidecars.get(path);
      if (cached?.signature === signature) return cached;
      const file = stats.isFile() ? await readSmallFile(this.fs, path, REPORT_JSON_MAX_BYTES) : null;
      const parsed = file ? profileResultSidecarSchema.safeParse(JSON.parse(file.text)) : undefined;
      if (!parsed?.success)
        this.warnOnce(`sidecar:${path}:${signature}`, { path }, 'skipping invalid sciagraph result sidecar');
      const result = parsed?.success ? toProfileResult(parsed.data, stats.mtimeMs) : undefined;
      const read = { signature, result, uid: stats.uid };
      this.sidecars.set(path, read);
      return read;
    } catch (error) {
      if (error instanceof SyntaxError)
        this.warnOnce(`sidecar:${path}`, { path }, 'skipping sciagraph result sidecar that is not JSON');
      return undefined;
    }
  }
}
