import type { FluxJobEvent } from './flux-job';
import { FluxProtocolError } from './flux-protocol-error';
import type { FluxCallContext, FluxRpc } from './flux-rpc-port';
import { mapJobEvent } from './job-event.mapper';
import { fromWireId } from './wire-id';

/** FLUX_JOBID_ANY: the id of the reply that ends the journal's backlog (`{"id":-1,"events":[]}`). */
const JOBID_ANY = 2n ** 64n - 1n;

/** One reply of `job-manager.events-journal`: a job's events, with its redacted jobspec (submit) and R (alloc). */
export interface JournalEntry {
  id: bigint;
  events: FluxJobEvent[];
  jobspec?: Record<string, unknown>;
  R?: Record<string, unknown>;
}

/** What a journal request asks: the inactive jobs too (`full`), and which event names (`allow` / `deny`). */
export interface JournalRequest extends FluxCallContext {
  full?: boolean;
  allow?: readonly string[];
  deny?: readonly string[];
}

const asObject = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

const nameSet = (names: readonly string[]): Record<string, number> => Object.fromEntries(names.map((n) => [n, 1]));

/**
 * `job-manager.events-journal` (flux-core src/modules/job-manager/journal.c; owner only): the
 * backlog (one entry per job with its events so far), the string `'sentinel'` where the backlog
 * ends, then one entry per event as the job manager posts it, until aborted (the RPC is then
 * cancelled with `job-manager.events-journal-cancel`). No idle deadline: jobs may be quiet for hours.
 */
export async function* eventsJournal(
  rpc: FluxRpc,
  request: JournalRequest = {},
): AsyncGenerator<JournalEntry | 'sentinel'> {
  const payload: Record<string, unknown> = {};
  if (request.full) payload.full = true;
  if (request.allow) payload.allow = nameSet(request.allow);
  if (request.deny) payload.deny = nameSet(request.deny);
  const stream = rpc.stream('job-manager.events-journal', payload, {
    cancelTopic: 'job-manager.events-journal-cancel',
    idleTimeoutMs: request.timeoutMs ?? 0,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  for await (const reply of stream) {
    if (!Array.isArray(reply.events)) throw new FluxProtocolError('events-journal reply has no events array');
    const id = fromWireId(reply.id);
    if (id === JOBID_ANY) {
      yield 'sentinel';
      continue;
    }
    const entry: JournalEntry = { id, events: reply.events.map(mapJobEvent) };
    const jobspec = asObject(reply.jobspec);
    const R = asObject(reply.R);
    if (jobspec) entry.jobspec = jobspec;
    if (R) entry.R = R;
    yield entry;
  }
}
