import type { FluxJobEvent } from '../../datasources/flux/flux-job';
import type { JobStore, OutputLog, StoredJob } from './job-store';

/** Output lines of a running job are this many seconds apart (per rank). */
const LINE_SECONDS = 2;
/** At most this many ranks write output (a 128-task job would otherwise print 128 × lines). */
const MAX_WRITER_RANKS = 4;
/** Lines of rank 0's stdout in a "large output" job (about 1 MiB). */
const LARGE_LINES = 10_000;
/** A running job keeps printing a progress line every {@link LINE_SECONDS} until its log holds this many events. */
const MAX_LIVE_EVENTS = 2_000;

const STREAMS = ['stdout', 'stderr'] as const;

function ev(timestamp: number, name: string, context: Record<string, unknown>): FluxJobEvent {
  return { timestamp, name, context };
}

/** What kind of output a job prints, picked from its id (deterministic across runs). */
export type OutputKind = 'text' | 'redirect' | 'binary' | 'large';

/** The kind of output the simulator gives job `id`: 1 in 16 redirected, 1 in 16 not UTF-8, 1 in 32 large. */
export function outputKind(id: bigint): OutputKind {
  const h = Number((id >> 24n) % 1021n);
  if (h % 16 === 3) return 'redirect';
  if (h % 16 === 5) return 'binary';
  if (h % 32 === 7) return 'large';
  return 'text';
}

/** Ranks writing output: `ntasks` (at most {@link MAX_WRITER_RANKS}). */
function writerRanks(stored: StoredJob): number {
  return Math.max(1, Math.min(stored.job.ntasks ?? 1, MAX_WRITER_RANKS));
}

/** The `header` event: encoding and writer count per stream (recorded: `output.jsonl`). */
function header(t: number, writers: number): FluxJobEvent {
  return ev(t, 'header', {
    version: 1,
    encoding: { stdout: 'UTF-8', stderr: 'UTF-8' },
    count: { stdout: writers, stderr: writers },
    options: {},
  });
}

/** The `data` events a job plans to print, in time order from `tRun` (no `eof`s). */
function plannedLines(stored: StoredJob, kind: OutputKind, tRun: number): FluxJobEvent[] {
  const ranks = writerRanks(stored);
  const name = stored.job.name ?? 'job';
  const lines = 3 + Number((stored.job.id >> 24n) % 5n);
  const out: FluxJobEvent[] = [];
  for (let i = 0; i < lines; i++) {
    for (let r = 0; r < ranks; r++) {
      const t = tRun + 0.01 + i * LINE_SECONDS + r * 0.00001;
      out.push(
        ev(t, 'data', { stream: 'stdout', rank: String(r), data: `${name} [rank ${r}] step ${i + 1}/${lines}\n` }),
      );
      if (i === 1 && r === 0)
        out.push(ev(t + 0.000005, 'data', { stream: 'stderr', rank: '0', data: 'warning: low disk quota\n' }));
    }
  }
  if (kind === 'binary') {
    // Bytes that are not UTF-8: the shell stores them base64-encoded (flux-core ioencode.c).
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x01]);
    out.push(
      ev(tRun + 0.02, 'data', { stream: 'stdout', rank: '0', encoding: 'base64', data: bytes.toString('base64') }),
    );
  }
  if (kind === 'large') {
    const row = `${'0123456789abcdef'.repeat(6)}\n`;
    for (let i = 0; i < LARGE_LINES; i++)
      out.push(ev(tRun + 0.03 + i * 0.0001, 'data', { stream: 'stdout', rank: '0', data: `${i} ${row}` }));
  }
  return out.sort((a, b) => a.timestamp - b.timestamp);
}

/** The `eof` of every writer at `t`, stderr before stdout per rank, highest rank first (as recorded). */
function eofs(ranks: number, t: number): FluxJobEvent[] {
  const out: FluxJobEvent[] = [];
  for (let r = ranks - 1; r >= 0; r--)
    for (const stream of ['stderr', 'stdout'] as const)
      out.push(
        ev(t + (ranks - 1 - r) * 0.000004 + (stream === 'stdout' ? 0.000002 : 0), 'data', {
          stream,
          rank: String(r),
          eof: true,
        }),
      );
  return out;
}

/**
 * Keeps the output eventlog (`guest.output`) of every job that ran, as the job shell writes it
 * (RFC 24): a `header` when the job starts, `data` lines per rank and stream as time passes (text,
 * base64 for bytes that are not UTF-8, or a `redirect` with the file path instead), and each
 * writer's `eof` when the job finishes. Logs are made on first use (a lookup, a watch, or the job
 * starting while the simulator runs), so a large dataset costs nothing until asked.
 */
export class OutputKeeper {
  constructor(
    private readonly store: JobStore,
    private readonly clock: () => number,
  ) {
    store.on('event', (id, event, posted) => {
      if (posted) return;
      if (event.name === 'start') this.get(id);
      else if (event.name === 'finish' || event.name === 'clean') this.finish(id, event.timestamp);
    });
  }

  /** The job's output log (made now if need be), or undefined for a job that never started (or is unknown). */
  get(id: bigint): OutputLog | undefined {
    const stored = this.store.get(id);
    if (!stored) return undefined;
    if (stored.output) return stored.output;
    const tRun = stored.job.tRun;
    if (tRun === undefined || !stored.eventlog.some((e) => e.name === 'start')) return undefined;
    const kind = outputKind(id);
    const ranks = writerRanks(stored);
    const log: OutputLog = { events: [header(tRun + 0.005, ranks)], pending: [], complete: false };
    if (kind === 'redirect') {
      const path = `/sdf/scratch/users/${stored.job.userId}/slurm-${id}.out`;
      const rank = ranks > 1 ? `0-${ranks - 1}` : '0';
      for (const stream of STREAMS) log.events.push(ev(tRun + 0.006, 'redirect', { stream, rank, path }));
    } else log.pending = plannedLines(stored, kind, tRun);
    stored.output = log;
    const end = stored.eventlog.find((e) => e.name === 'finish' || e.name === 'clean');
    if (end) this.finish(id, end.timestamp);
    else this.tick(id);
    return log;
  }

  /** Writes every running job's lines whose time has come (called by the simulator's live timer). */
  tickAll(): void {
    for (const stored of this.store.all()) if (stored.output && !stored.output.complete) this.tick(stored.job.id);
  }

  private tick(id: bigint): void {
    const stored = this.store.get(id);
    const log = stored?.output;
    if (!stored || !log || log.complete) return;
    const now = this.clock();
    if (log.pending.length === 0 && !log.events.some((e) => e.name === 'redirect')) this.progress(stored, log, now);
    let n = 0;
    while (n < log.pending.length && (log.pending[n] as FluxJobEvent).timestamp <= now) n++;
    if (n > 0) this.store.appendOutput(id, log.pending.splice(0, n));
  }

  /** Plans rank 0's progress lines of a job still running after its planned output, up to `now`. */
  private progress(stored: StoredJob, log: OutputLog, now: number): void {
    let t = (log.events[log.events.length - 1] as FluxJobEvent).timestamp;
    while (t + LINE_SECONDS <= now && log.events.length + log.pending.length < MAX_LIVE_EVENTS) {
      t += LINE_SECONDS;
      const data = `${stored.job.name ?? 'job'} [rank 0] still running (${log.events.length + log.pending.length})\n`;
      log.pending.push(ev(t, 'data', { stream: 'stdout', rank: '0', data }));
    }
  }

  private finish(id: bigint, t: number): void {
    const stored = this.store.get(id);
    const log = stored?.output;
    if (!stored || !log || log.complete) return;
    const rest = log.pending.splice(0).map((e) => (e.timestamp > t ? { ...e, timestamp: t } : e));
    const redirected = log.events.some((e) => e.name === 'redirect');
    const last = rest.length > 0 ? Math.max(t, (rest[rest.length - 1] as FluxJobEvent).timestamp) : t;
    this.store.appendOutput(id, redirected ? rest : [...rest, ...eofs(writerRanks(stored), last + 0.00001)], true);
  }
}
