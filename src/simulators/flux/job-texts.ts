import type { StoredJob } from './job-store';

/** The texts of a job job-info serves, each as its JSON value reads in a lookup reply. */
export const JOB_TEXTS = ['eventlog', 'jobspec', 'jobspecDecoded', 'R', 'RDecoded', 'J'] as const;

/** One of {@link JOB_TEXTS}. */
export type JobTextName = (typeof JOB_TEXTS)[number];

/**
 * Default budget of a {@link JobTexts}, in characters (bytes, as the texts are one-byte strings unless
 * they hold a character beyond Latin-1): 64 Mi, room for ~40,000 jobs' eventlog, jobspec and R (~1.6 KB).
 */
export const JOB_TEXTS_BUDGET = 64 * 1024 * 1024;

/** Characters counted per cached job beyond its texts (the entry and its Map slot, roughly in bytes). */
const ENTRY_OVERHEAD = 200;

/** What a cached job's texts were made from: valid while every one is the same. */
interface Entry {
  eventlog: StoredJob['eventlog'];
  events: number;
  jobspec: StoredJob['jobspec'];
  R: StoredJob['R'];
  environment: StoredJob['environment'];
  userId: number;
  texts: Partial<Record<JobTextName, string>>;
  /** The last lookup reply kept for the job, and the request it answered. */
  reply?: KeptReply;
  bytes: number;
}

/** A lookup reply's payload frame and what the request asked (its id as written, keys, flags). */
interface KeptReply {
  id: number | bigint;
  keys: readonly string[];
  flags: number;
  frame: Uint8Array;
}

function answers(kept: KeptReply, id: number | bigint, keys: readonly string[], flags: number): boolean {
  if (kept.id !== id || kept.flags !== flags || kept.keys.length !== keys.length) return false;
  for (let i = 0; i < keys.length; i++) if (kept.keys[i] !== keys[i]) return false;
  return true;
}

function current(entry: Entry, job: StoredJob): boolean {
  return (
    entry.eventlog === job.eventlog &&
    entry.events === job.eventlog.length &&
    entry.jobspec === job.jobspec &&
    entry.R === job.R &&
    entry.environment === job.environment &&
    entry.userId === job.job.userId
  );
}

/**
 * The texts the broker's KVS holds for each job (its eventlog, jobspec, R, J), encoded once and
 * served from memory until the job changes, as the KVS stores text and job-info only reads it;
 * with them the job's last lookup reply, ready to send again to the same request.
 * An entry is valid while the job's eventlog is the same array at the same length (eventlogs are
 * append-only: {@link JobStore.update} pushes) and its jobspec, R and environment the same objects
 * (they are replaced, never mutated) with the same owner; any change drops all of the job's texts.
 * Beyond `budget` characters the jobs whose texts were written first are dropped (a hit moves
 * nothing, so serving a text stays one Map read and a few comparisons).
 */
export class JobTexts {
  private readonly entries = new Map<StoredJob, Entry>();
  private total = 0;

  constructor(private readonly budget = JOB_TEXTS_BUDGET) {}

  /** Characters held now (texts plus a per-job overhead). */
  get bytes(): number {
    return this.total;
  }

  /** Jobs with texts held now. */
  get size(): number {
    return this.entries.size;
  }

  /** The text `name` of `job`: cached, or `make(job)` flattened and kept. */
  get(job: StoredJob, name: JobTextName, make: (job: StoredJob) => string): string {
    const entry = this.entryOf(job);
    let text = entry.texts[name];
    if (text !== undefined) return text;
    text = make(job);
    // A text written piece by piece is a rope; converting it to a number flattens it in place (and fails at once).
    Number(text);
    entry.texts[name] = text;
    entry.bytes += text.length;
    this.total += text.length;
    this.evict();
    return text;
  }

  /**
   * The payload frame kept by {@link keepReply} for a lookup of `job` asking the same `id` (as the
   * request wrote it), `keys` and `flags`, if the job is unchanged since.
   */
  reply(job: StoredJob, id: number | bigint, keys: readonly string[], flags: number): Uint8Array | undefined {
    const entry = this.entries.get(job);
    const kept = entry?.reply;
    return kept && current(entry, job) && answers(kept, id, keys, flags) ? kept.frame : undefined;
  }

  /**
   * Keeps a lookup reply's payload frame (one per job: the last one kept) for {@link reply}. Only
   * for replies made of this job's texts alone (not `guest.output`, which changes on its own).
   */
  keepReply(job: StoredJob, id: number | bigint, keys: readonly string[], flags: number, frame: Uint8Array): void {
    const entry = this.entryOf(job);
    const bytes = frame.length - (entry.reply?.frame.length ?? 0);
    entry.reply = { id, keys: [...keys], flags, frame };
    entry.bytes += bytes;
    this.total += bytes;
    this.evict();
  }

  /** The job's current entry; a stale one is replaced by an empty one. */
  private entryOf(job: StoredJob): Entry {
    let entry = this.entries.get(job);
    if (entry && current(entry, job)) return entry;
    if (entry) this.drop(job, entry);
    entry = {
      eventlog: job.eventlog,
      events: job.eventlog.length,
      jobspec: job.jobspec,
      R: job.R,
      environment: job.environment,
      userId: job.job.userId,
      texts: {},
      bytes: ENTRY_OVERHEAD,
    };
    this.entries.set(job, entry);
    this.total += ENTRY_OVERHEAD;
    return entry;
  }

  private drop(job: StoredJob, entry: Entry): void {
    this.entries.delete(job);
    this.total -= entry.bytes;
  }

  private evict(): void {
    for (const [job, entry] of this.entries) {
      if (this.total <= this.budget) return;
      this.drop(job, entry);
    }
  }
}
