import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { canonicalJobId } from './report-job-id';
import { profileResultInputSchema } from './profile-result.schema';
import type { ProfileResultInput } from './profile-result.schema';
import type { ProfileResult } from './report-entry';

/** A result attaches to a report of the same job whose start is within this many ms of `jobTime`. */
export const RESULT_MATCH_WINDOW_MS = 2000;

const storedResultSchema = z.intersection(
  profileResultInputSchema,
  z.object({ recordedAt: z.iso.datetime({ offset: true }) }),
);

/** Builds a {@link ProfileResult} from validated input. */
export function toProfileResult(input: ProfileResultInput, recordedAtMs: number): ProfileResult {
  const { jobKey, jobId } = canonicalJobId(input.jobId);
  return {
    jobKey,
    jobId,
    jobTimeMs: Date.parse(input.jobTime),
    downloadKey: input.downloadKey ?? null,
    decryptionKey: input.decryptionKey ?? null,
    peakMemoryKiB: input.peakMemoryKiB ?? null,
    reportPath: input.reportPath ?? null,
    hostname: input.hostname ?? null,
    jobIdSource: input.jobIdSource ?? null,
    recordedAtMs,
  };
}

/** The newest of `candidates` whose job time is within ±2 s of `startedAtMs`. */
export function pickResult(
  startedAtMs: number,
  candidates: Iterable<ProfileResult | undefined>,
): ProfileResult | undefined {
  let best: ProfileResult | undefined;
  for (const result of candidates) {
    if (!result || Math.abs(result.jobTimeMs - startedAtMs) > RESULT_MATCH_WINDOW_MS) continue;
    if (!best || result.recordedAtMs > best.recordedAtMs) best = result;
  }
  return best;
}

/**
 * Download instructions recorded through `recordProfileResult`, keyed by (jobKey, job time in
 * whole seconds), last write wins. Persisted to `JOBGRAPH_SCIAGRAPH_RESULTS_DIR` when set
 * (atomic, mode 0600), else kept in memory only. Never logs the keys.
 */
export class ProfileResultStore {
  private readonly byJob = new Map<string, Map<number, ProfileResult>>();

  constructor(
    private readonly dir: string | undefined,
    private readonly logger: Logger,
  ) {}

  /** Reads previously stored results; unreadable or invalid files are skipped with a warning. */
  async load(): Promise<void> {
    if (this.dir === undefined) {
      this.logger.warn('JOBGRAPH_SCIAGRAPH_RESULTS_DIR is unset: recorded profile results are kept in memory only');
      return;
    }
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    for (const name of await readdir(this.dir)) {
      if (!name.endsWith('.json')) continue;
      const path = join(this.dir, name);
      try {
        const stored = storedResultSchema.parse(JSON.parse(await readFile(path, 'utf8')));
        this.remember(toProfileResult(stored, Date.parse(stored.recordedAt)));
      } catch (error) {
        this.logger.warn(
          { path, reason: error instanceof z.ZodError ? 'invalid fields' : (error as Error).message },
          'skipping stored profile result',
        );
      }
    }
  }

  /** Stores one result (memory, then the results directory when configured). */
  async record(input: ProfileResultInput, nowMs: number): Promise<ProfileResult> {
    const result = toProfileResult(input, nowMs);
    this.remember(result);
    if (this.dir !== undefined) {
      const idPart = result.jobKey === result.jobId ? Buffer.from(result.jobKey).toString('base64url') : result.jobKey;
      const path = join(this.dir, `${idPart}.${Math.floor(result.jobTimeMs / 1000)}.json`);
      const temp = `${path}.${process.pid}.${nowMs}.tmp`;
      await writeFile(temp, JSON.stringify({ ...input, recordedAt: new Date(nowMs).toISOString() }), { mode: 0o600 });
      await rename(temp, path);
    }
    return result;
  }

  /** Results recorded for a job key (any job time). */
  forJob(jobKey: string): Iterable<ProfileResult> {
    return this.byJob.get(jobKey)?.values() ?? [];
  }

  private remember(result: ProfileResult): void {
    let forJob = this.byJob.get(result.jobKey);
    if (!forJob) this.byJob.set(result.jobKey, (forJob = new Map()));
    forJob.set(Math.floor(result.jobTimeMs / 1000), result);
  }
}
