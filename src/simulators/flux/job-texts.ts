import type { StoredJob } from './job-store';

/** The texts of a job job-info serves, each as its JSON value reads in a lookup reply. */
export const JOB_TEXTS = ['eventlog', 'jobspec', 'jobspecDecoded', 'R', 'RDecoded', 'J'] as const;

/** One of {@link JOB_TEXTS}. */
export type JobTextName = (typeof JOB_TEXTS)[number];

/**
 * Default budget of a {@link JobTexts}: 64 MiB of texts and kept replies, as UTF-8 bytes (what a
 * one-byte string holds in the heap, about), room for ~20,000 jobs' eventlog, jobspec and one reply.
 */
export const JOB_TEXTS_BUDGET = 64 * 1024 * 1024;

/** Bytes counted per cached job beyond its texts (the entry and its Map slot, roughly). */
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
  /** The last {@link KEPT_REPLIES} lookup replies kept for the job, newest first, with the requests they answered. */
  replies: KeptReply[];
  bytes: number;
}

/** Lookup replies kept per job: two, so clients asking the same keys in two orders both find theirs. */
const KEPT_REPLIES = 2;

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
 * with them the job's last lookup replies, ready to send again to the same requests.
 * An entry is valid while the job's eventlog is the same array at the same length (eventlogs are
 * append-only: {@link JobStore.update} pushes) and its jobspec, R and environment the same objects
 * (they are replaced, never mutated) with the same owner; any change drops all of the job's texts.
 * What is kept stays within `budget` bytes: once it is full, texts and replies not kept yet are
 * written for each lookup (as without this cache) while the kept ones stay until their job changes —
 * so a scan over more jobs than fit still finds the first ones, rather than evicting each job just
 * before it is asked again.
 */
export class JobTexts {
  private readonly entries = new Map<StoredJob, Entry>();
  private total = 0;

  constructor(private readonly budget = JOB_TEXTS_BUDGET) {}

  /** Bytes held now (texts and kept replies, plus a per-job overhead). */
  get bytes(): number {
    return this.total;
  }

  /** Jobs with texts held now. */
  get size(): number {
    return this.entries.size;
  }

  /** The text `name` of `job`: kept, or `make(job)` (flattened and kept while the budget has room). */
  get(job: StoredJob, name: JobTextName, make: (job: StoredJob) => string): string {
    const entry = this.currentEntry(job);
    const kept = entry?.texts[name];
    if (kept !== undefined) return kept;
    const text = make(job);
    if (!entry && this.total + ENTRY_OVERHEAD >= this.budget) return text;
    // A text written piece by piece is a rope of its pieces (~5.7 heap bytes per character, measured); measuring
    // its UTF-8 length flattens it in place (~1.0 byte per character), once, here.
    const room = this.admit(job, entry, Buffer.byteLength(text, 'utf8'));
    if (room) room.texts[name] = text;
    return text;
  }

  /**
   * The payload frame kept by {@link keepReply} for a lookup of `job` asking the same `id` (as the
   * request wrote it), `keys` and `flags`, if the job is unchanged since.
   */
  reply(job: StoredJob, id: number | bigint, keys: readonly string[], flags: number): Uint8Array | undefined {
    const entry = this.entries.get(job);
    if (!entry || entry.replies.length === 0 || !current(entry, job)) return undefined;
    for (const kept of entry.replies) if (answers(kept, id, keys, flags)) return kept.frame;
    return undefined;
  }

  /**
   * Keeps a lookup reply's payload frame for {@link reply} (the last {@link KEPT_REPLIES} per job,
   * while the budget has room). Only for replies made of this job's texts alone (not
   * `guest.output`, which changes on its own).
   */
  keepReply(job: StoredJob, id: number | bigint, keys: readonly string[], flags: number, frame: Uint8Array): void {
    const entry = this.currentEntry(job);
    const full = entry !== undefined && entry.replies.length >= KEPT_REPLIES;
    const dropped = full ? (entry.replies[entry.replies.length - 1] as KeptReply).frame.length : 0;
    const room = this.admit(job, entry, frame.length - dropped);
    if (!room) return;
    if (full) room.replies.pop();
    room.replies.unshift({ id, keys: [...keys], flags, frame });
  }

  /** The job's entry if it is current; a stale one is dropped (its room freed). */
  private currentEntry(job: StoredJob): Entry | undefined {
    const entry = this.entries.get(job);
    if (!entry || current(entry, job)) return entry;
    this.entries.delete(job);
    this.total -= entry.bytes;
    return undefined;
  }

  /** Counts `bytes` more for `job` (and a new entry's overhead) if they fit the budget; the entry that holds them. */
  private admit(job: StoredJob, entry: Entry | undefined, bytes: number): Entry | undefined {
    const need = bytes + (entry ? 0 : ENTRY_OVERHEAD);
    if (this.total + need > this.budget) return undefined;
    const target = entry ?? {
      eventlog: job.eventlog,
      events: job.eventlog.length,
      jobspec: job.jobspec,
      R: job.R,
      environment: job.environment,
      userId: job.job.userId,
      texts: {},
      replies: [],
      bytes: 0,
    };
    if (!entry) this.entries.set(job, target);
    target.bytes += need;
    this.total += need;
    return target;
  }
}
