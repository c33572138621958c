import { ERRNO } from '../../datasources/flux/errno';
import type { FluxJobEvent } from '../../datasources/flux/flux-job';
import { JOB_REAL_KEYS } from '../../datasources/flux/flux-json';
import { encodeTextPayload } from '../../datasources/flux/flux-payload';
import { fromWireId } from '../../datasources/flux/wire-id';
import { janssonDump, janssonDumpEscaped, janssonString } from './jansson-json';
import type { StoredJob } from './job-store';
import { pythonJsonDumps } from './python-json';
import { isJsonInteger } from './request-unpack';
import { END_OF_STREAM, fail, ok, storeEmissions, storeEvents } from './sim-service';
import type { SimCall, SimReply, SimResult } from './sim-service';

const LOOKUP_JSON_DECODE = 1;
const LOOKUP_CURRENT = 2;
const WATCH_WAITCREATE = 1;
/** `flux submit` sends `duration` as a float (`600.0`), or as the integer `0` when unset. */
const JOBSPEC_REALS = (key: string, value: number): boolean => key === 'duration' && value !== 0;

/** One event as the broker stores it: `timestamp`, `name`, then `context` unless empty. */
function storedEvent(ev: FluxJobEvent): Record<string, unknown> {
  const obj: Record<string, unknown> = { timestamp: ev.timestamp, name: ev.name };
  if (ev.context && Object.keys(ev.context).length > 0) obj.context = ev.context;
  return obj;
}

/** One eventlog line as the broker stores it: compact JSON + `\n` (context omitted when empty). */
export function eventlogLine(ev: FluxJobEvent): string {
  return `${janssonDump(storedEvent(ev), JOB_REAL_KEYS)}\n`;
}

/** `janssonString` of a stored eventlog's text (its lines joined), written in one pass. */
function eventlogLiteral(events: readonly FluxJobEvent[]): string {
  let out = '"';
  for (const ev of events) out += `${janssonDumpEscaped(storedEvent(ev), JOB_REAL_KEYS)}\\n`;
  return `${out}"`;
}

/** The stored jobspec text: Python's `json.dumps` of what `flux submit` sent, minus the environment. */
function jobspecText(job: StoredJob): string {
  return pythonJsonDumps(job.jobspec, JOBSPEC_REALS);
}

/** The jobspec as jansson re-encodes it after decoding that text (flag JSON_DECODE, fixture 10; the journal's redacted jobspec). */
export function jobspecDecoded(job: StoredJob): string {
  return janssonDump(job.jobspec, JOBSPEC_REALS);
}

/**
 * The jobspec as `flux submit` sent it: the stored one with `attributes.system.environment`
 * placed right after `duration` (what `J` signs, contract §4.6).
 */
export function submittedJobspec(job: StoredJob): Record<string, unknown> {
  const attributes = job.jobspec.attributes as Record<string, unknown> | undefined;
  const system = (attributes?.system ?? {}) as Record<string, unknown>;
  const withEnv: Record<string, unknown> = {};
  if ('duration' in system) withEnv.duration = system.duration;
  withEnv.environment = job.environment;
  Object.assign(withEnv, system);
  return { ...job.jobspec, attributes: { ...attributes, system: withEnv } };
}

/**
 * `J` without flux-security (contract §4.6): base64 header `version i1, userid i<uid>,
 * mechanism snone`, base64 of the {@link submittedJobspec} as Python writes it, and signature
 * `none`.
 */
export function signedJobspec(job: StoredJob): string {
  // Both texts are ASCII (Python's ensure_ascii), so btoa's Latin-1 reading is their UTF-8.
  const header = btoa(`version\0i1\0userid\0i${job.job.userId}\0mechanism\0snone\0`);
  return `${header}.${btoa(pythonJsonDumps(submittedJobspec(job), JOBSPEC_REALS))}.none`;
}

/** The stored jobspec text as a JSON string literal (no JSON_DECODE). */
const jobspecLiteral = (job: StoredJob): string => janssonString(jobspecText(job));
const eventlogValue = (job: StoredJob): string => eventlogLiteral(job.eventlog);
const rText = (job: StoredJob): string => janssonDump(job.R, JOB_REAL_KEYS);
const rLiteral = (job: StoredJob): string => janssonString(rText(job));
// Base64, `.` and `none`: nothing jansson would escape.
const jValue = (job: StoredJob): string => `"${signedJobspec(job)}"`;

/** A key's value in a lookup reply; the KVS texts come from the store's {@link JobTexts}. */
function keyValue(call: SimCall, job: StoredJob, key: string, flags: number): string | undefined {
  const decode = (flags & LOOKUP_JSON_DECODE) !== 0;
  const texts = call.store.texts;
  switch (key) {
    case 'jobspec':
      return decode ? texts.get(job, 'jobspecDecoded', jobspecDecoded) : texts.get(job, 'jobspec', jobspecLiteral);
    case 'eventlog':
      return texts.get(job, 'eventlog', eventlogValue);
    case 'guest.output': {
      const log = call.output.get(job.job.id);
      return log && eventlogLiteral(log.events);
    }
    case 'R':
      if (!job.R) return undefined;
      return decode ? texts.get(job, 'RDecoded', rText) : texts.get(job, 'R', rLiteral);
    case 'J':
      return texts.get(job, 'J', jValue);
    default:
      return undefined;
  }
}

function mayRead(call: SimCall, job: StoredJob): boolean {
  return call.caller.owner || job.job.userId === call.caller.uid;
}

/** `job-info.lookup` (contract §4.5; fixtures 09–13). */
export function lookup(call: SimCall): SimResult {
  const { id: rawId, keys, flags } = call.payload;
  if (
    !isJsonInteger(rawId) ||
    !Array.isArray(keys) ||
    !keys.every((k) => typeof k === 'string') ||
    !isJsonInteger(flags)
  )
    return [fail(ERRNO.EPROTO)];
  if (Number(flags) & ~(LOOKUP_JSON_DECODE | LOOKUP_CURRENT))
    return [fail(ERRNO.EPROTO, 'lookup request rejected with invalid flag')];
  const job = call.store.get(fromWireId(rawId));
  if (!job) return [fail(ERRNO.ENOENT, 'invalid job id')];
  if (!mayRead(call, job)) return [fail(ERRNO.EPERM, 'access is restricted to job/instance owner')];
  const bits = Number(flags);
  const kept = call.store.texts.reply(job, rawId, keys as string[], bits);
  if (kept) return [{ frame: kept }];
  let out = `{"id":${rawId.toString()}`;
  for (const key of keys as string[]) {
    const value = keyValue(call, job, key, bits);
    if (value === undefined) return [fail(ERRNO.ENOENT, `${key}: key not found`)];
    out += `,${janssonString(key)}:${value}`;
  }
  const frame = encodeTextPayload(`${out}}`);
  if (!keys.includes('guest.output')) call.store.texts.keepReply(job, rawId, keys as string[], bits, frame);
  return [{ frame }];
}

/** One watch reply: the event's line as a JSON string. */
const watchReply = (ev: FluxJobEvent): SimReply => ok(`{"event":${janssonString(eventlogLine(ev))}}`);

/** The main eventlog: backlog, appends, ENODATA right after `clean` (fixture 14). */
async function* watch(call: SimCall, job: StoredJob): AsyncGenerator<SimReply> {
  const id = job.job.id;
  const backlog = [...job.eventlog];
  const live = storeEvents(call.store, call.signal);
  try {
    for (const ev of backlog) {
      yield watchReply(ev);
      if (ev.name === 'clean') return yield END_OF_STREAM;
    }
    for await (const [eventId, ev, posted] of live) {
      if (eventId !== id || posted) continue;
      yield watchReply(ev);
      if (ev.name === 'clean') break;
    }
    yield END_OF_STREAM;
  } finally {
    await live.return(undefined);
  }
}

/**
 * `guest.output` (recorded: output.jsonl): the header and lines so far, then lines as they are
 * written, ENODATA after the last writer's `eof` (or once a redirected job ended). With WAITCREATE
 * a job that has not started yet is waited for.
 */
async function* watchOutput(call: SimCall, job: StoredJob): AsyncGenerator<SimReply> {
  const id = job.job.id;
  const started = call.output.get(id) ? undefined : storeEvents(call.store, call.signal);
  try {
    if (started) {
      for await (const [eventId, ev] of started) if (eventId === id && ev.name === 'start') break;
      if (call.signal.aborted) return yield END_OF_STREAM;
    }
  } finally {
    await started?.return(undefined);
  }
  const log = call.output.get(id);
  if (!log) return yield END_OF_STREAM;
  const backlog = [...log.events];
  const live = log.complete ? undefined : storeEmissions(call.store, 'output', call.signal, { on: 'outputEnd', id });
  try {
    for (const ev of backlog) yield watchReply(ev);
    if (live) for await (const [eventId, ev] of live) if (eventId === id) yield watchReply(ev);
    yield END_OF_STREAM;
  } finally {
    await live?.return(undefined);
  }
}

/** `job-info.eventlog-watch` (contract §4.7; fixture 14): backlog, appends, ENODATA after `clean`. */
export function watchEventlog(call: SimCall): SimResult {
  const { id: rawId, path, flags } = call.payload;
  if (!isJsonInteger(rawId) || typeof path !== 'string' || !isJsonInteger(flags)) return [fail(ERRNO.EPROTO)];
  if (!call.streaming) return [fail(ERRNO.EPROTO, 'eventlog-watch request rejected without streaming RPC flag')];
  if (Number(flags) & ~WATCH_WAITCREATE)
    return [fail(ERRNO.EPROTO, 'eventlog-watch request rejected with invalid flag')];
  const job = call.store.get(fromWireId(rawId));
  if (!job || (path !== 'eventlog' && path !== 'guest.output')) return [fail(ERRNO.ENOENT)];
  if (!mayRead(call, job)) return [fail(ERRNO.EPERM)];
  if (path === 'eventlog') return watch(call, job);
  const waits = (Number(flags) & WATCH_WAITCREATE) !== 0 && job.job.state !== 'INACTIVE';
  if (!waits && !call.output.get(job.job.id)) return [fail(ERRNO.ENOENT)];
  return watchOutput(call, job);
}
