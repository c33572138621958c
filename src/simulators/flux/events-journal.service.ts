import { ERRNO } from '../../datasources/flux/errno';
import type { FluxJobEvent } from '../../datasources/flux/flux-job';
import { JOB_REAL_KEYS } from '../../datasources/flux/flux-json';
import { toWireId } from '../../datasources/flux/wire-id';
import { jobspecDecoded } from './job-info.service';
import type { StoredJob } from './job-store';
import { janssonDump } from './jansson-json';
import { END_OF_STREAM, fail, ok, storeEvents } from './sim-service';
import type { SimCall, SimReply, SimResult } from './sim-service';

/** The reply that ends the backlog: id FLUX_JOBID_ANY (packed as a signed 64-bit integer, -1). */
export const JOURNAL_SENTINEL = '{"id":-1,"events":[]}';

/** Which event names a journal request wants (its `allow` / `deny` objects, journal.c `allow_deny_check`). */
interface EventFilter {
  allow: Record<string, unknown> | undefined;
  deny: Record<string, unknown> | undefined;
}

function wanted(filter: EventFilter, name: string): boolean {
  if (filter.allow && !Object.hasOwn(filter.allow, name)) return false;
  return !(filter.deny && Object.hasOwn(filter.deny, name));
}

const eventJson = (ev: FluxJobEvent): string => {
  const obj: Record<string, unknown> = { timestamp: ev.timestamp, name: ev.name };
  if (ev.context && Object.keys(ev.context).length > 0) obj.context = ev.context;
  return janssonDump(obj, JOB_REAL_KEYS);
};

/** `{"id":I,"events":[…]}` plus the redacted `jobspec` and `R` when given, as journal.c packs them. */
function journalReply(job: StoredJob, events: readonly FluxJobEvent[], jobspec: boolean, R: boolean): SimReply {
  let out = `{"id":${toWireId(job.job.id).toString()},"events":[${events.map(eventJson).join(',')}]`;
  if (jobspec) out += `,"jobspec":${jobspecDecoded(job)}`;
  if (R && job.R) out += `,"R":${janssonDump(job.R, JOB_REAL_KEYS)}`;
  return ok(`${out}}`);
}

async function* journal(call: SimCall, filter: EventFilter, full: boolean): AsyncGenerator<SimReply> {
  // Snapshot and subscribe in one synchronous step: no event is both in the backlog and live.
  const inactive: StoredJob[] = [];
  const active: StoredJob[] = [];
  for (const job of call.store.all()) (job.job.state === 'INACTIVE' ? inactive : active).push(job);
  const backlog = (full ? [...inactive, ...active] : active).map((job) => ({ job, events: [...job.eventlog] }));
  const live = storeEvents(call.store, call.signal);
  try {
    for (const { job, events } of backlog)
      yield journalReply(
        job,
        events.filter((e) => wanted(filter, e.name)),
        true,
        true,
      );
    yield ok(JOURNAL_SENTINEL);
    for await (const [id, ev] of live) {
      const job = call.store.get(id);
      if (!job || !wanted(filter, ev.name)) continue;
      yield journalReply(job, [ev], ev.name === 'submit', ev.name === 'alloc');
    }
    yield END_OF_STREAM;
  } finally {
    await live.return(undefined);
  }
}

/**
 * `job-manager.events-journal` (recorded: test/fixtures/flux/journal; flux-core
 * src/modules/job-manager/journal.c): owner only; `{"full"?b,"allow"?{},"deny"?{}}`; the backlog
 * (inactive jobs first when `full`, then active jobs; one reply per job with all its events so far,
 * filtered, plus `jobspec` and `R`), the sentinel, then one reply per event as it is posted (`submit`
 * with the jobspec, `alloc` with R), until cancelled.
 */
export function eventsJournal(call: SimCall): SimResult {
  if (!call.caller.owner) return [fail(ERRNO.EPERM)];
  const { allow, deny, full } = call.payload;
  if (full !== undefined && typeof full !== 'boolean') return [fail(ERRNO.EPROTO)];
  if (!call.streaming) return [fail(ERRNO.EPROTO, 'job-manager.events requires streaming RPC flag')];
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (allow !== undefined && !isObject(allow))
    return [fail(ERRNO.EPROTO, 'job-manager.events allow should be an object')];
  if (deny !== undefined && !isObject(deny)) return [fail(ERRNO.EPROTO, 'job-manager.events deny should be an object')];
  return journal(call, { allow, deny }, full === true);
}
