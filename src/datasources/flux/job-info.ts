import { ERRNO } from './errno';
import type { FluxJobEvent, FluxJobInfo, FluxJobInfoKey } from './flux-job';
import { parseFluxJson } from './flux-json';
import { FluxProtocolError } from './flux-protocol-error';
import { FluxRpcError } from './flux-rpc-error';
import { sendCall } from './flux-rpc-port';
import type { FluxCallContext, FluxRpc } from './flux-rpc-port';
import type { RpcHandler } from './rpc-call';
import { parseEventLine, parseEventlog } from './job-event.mapper';
import { unwrapSignedJobspec } from './signed-jobspec';
import { fromWireId, toWireId } from './wire-id';

/** `job-info.lookup` flags: decode `jobspec`/`R` as objects; apply `jobspec-update`/`resource-update`. */
export const LOOKUP_FLAGS = { JSON_DECODE: 1, CURRENT: 2 } as const;

/** Lookup flags for `keys`: JSON_DECODE|CURRENT when `jobspec` or `R` is asked (they only affect those), else 0. */
export function lookupFlagsFor(keys: readonly string[]): number {
  return keys.includes('jobspec') || keys.includes('R') ? LOOKUP_FLAGS.JSON_DECODE | LOOKUP_FLAGS.CURRENT : 0;
}

/** `job-info.lookup` of KVS keys under `job.<dothex>`: the raw reply (`{"id":…,"<key>":…}`); flags default {@link lookupFlagsFor}. */
export function lookupJob(
  rpc: FluxRpc,
  id: bigint,
  keys: readonly string[],
  options: FluxCallContext & { flags?: number } = {},
): Promise<Record<string, unknown>> {
  const payload = { id: toWireId(id), keys: [...keys], flags: options.flags ?? lookupFlagsFor(keys) };
  return rpc.call('job-info.lookup', payload, options);
}

function asObject(value: unknown, key: string): Record<string, unknown> {
  const parsed = typeof value === 'string' ? parseFluxJson(value) : value;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new FluxProtocolError(`job-info.lookup ${key} is not a JSON object`);
  return parsed as Record<string, unknown>;
}

/** Maps a lookup reply: `jobspec`/`R` parsed (string or object), eventlog lines parsed, `J` unwrapped. */
export function mapJobInfo(raw: Record<string, unknown>): FluxJobInfo {
  const info: FluxJobInfo = { id: fromWireId(raw.id) };
  if (raw.jobspec !== undefined) info.jobspec = asObject(raw.jobspec, 'jobspec');
  if (raw.R !== undefined) info.R = asObject(raw.R, 'R');
  if (typeof raw.eventlog === 'string') info.eventlog = parseEventlog(raw.eventlog);
  if (typeof raw.J === 'string') info.J = unwrapSignedJobspec(raw.J).jobspec;
  return info;
}

const MISSING_KEY = /^(\S+): key not found$/;

/** Who hears how {@link sendLookupJobInfo} ends: exactly one of the two, once; must not throw. */
export interface LookupHandler {
  onInfo(info: FluxJobInfo): void;
  onError(error: unknown): void;
}

/**
 * All of `keys` of one job in one lookup. A key the job does not have (yet), e.g. `R` of a pending
 * job, is left out of the result and the others are fetched again. Rejects with the broker's
 * {@link FluxRpcError} otherwise (ENOENT `invalid job id` for an unknown job). Throws at once
 * (nothing sent) for an id beyond 64 bits.
 */
export function lookupJobInfo(
  rpc: FluxRpc,
  id: bigint,
  keys: readonly FluxJobInfoKey[],
  options: FluxCallContext = {},
): Promise<FluxJobInfo> {
  let handler!: LookupHandler;
  const info = new Promise<FluxJobInfo>((resolve, reject) => (handler = { onInfo: resolve, onError: reject }));
  sendLookupJobInfo(rpc, id, keys, options, handler);
  return info;
}

/**
 * {@link lookupJobInfo} without a promise (a page's lookups: no promise or closure per step): the
 * outcome goes to `handler`. Same requests, answers, errors and retries without a missing key;
 * throws at once (nothing sent) for an id beyond 64 bits.
 */
export function sendLookupJobInfo(
  rpc: FluxRpc,
  id: bigint,
  keys: readonly FluxJobInfoKey[],
  options: FluxCallContext,
  handler: LookupHandler,
): void {
  new InfoLookup(rpc, id, hasDuplicate(keys) ? [...new Set(keys)] : keys.slice(), options, handler).next();
}

/** Whether a key is listed twice (a few keys: no Set). */
function hasDuplicate(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys.lastIndexOf(keys[i] as string, i - 1) >= 0) return true;
  return false;
}

/** One job's lookup: the RPC's handler, asking again without a key the job does not have. */
class InfoLookup implements RpcHandler {
  constructor(
    private readonly rpc: FluxRpc,
    private readonly id: bigint,
    private remaining: FluxJobInfoKey[],
    private readonly options: FluxCallContext,
    private readonly handler: LookupHandler,
  ) {}

  next(): void {
    const keys = this.remaining;
    if (keys.length === 0) return this.handler.onInfo({ id: this.id });
    const payload = { id: toWireId(this.id), keys, flags: lookupFlagsFor(keys) };
    sendCall(this.rpc, 'job-info.lookup', payload, this.options, this);
  }

  onValue(value: Record<string, unknown>): void {
    let info: FluxJobInfo;
    try {
      info = mapJobInfo(value);
    } catch (error) {
      return this.handler.onError(error);
    }
    this.handler.onInfo(info);
  }

  onError(error: unknown): void {
    const missing =
      error instanceof FluxRpcError && error.errnum === ERRNO.ENOENT
        ? MISSING_KEY.exec(error.brokerMessage ?? '')?.[1]
        : undefined;
    if (!missing || !this.remaining.includes(missing as FluxJobInfoKey)) return this.handler.onError(error);
    this.remaining = this.remaining.filter((k) => k !== missing);
    this.next();
  }
}

/**
 * `job-info.eventlog-watch`: the job's events, existing ones first, then as they are appended;
 * the main eventlog ends after `clean`, `guest.output` after the last `eof` (`flags` 1, WAITCREATE,
 * waits for a job that has not started). Breaking out or aborting sends
 * `job-info.eventlog-watch-cancel`. No idle deadline by default (events may be hours apart).
 */
export async function* watchEventlog(
  rpc: FluxRpc,
  id: bigint,
  options: FluxCallContext & { path?: string; flags?: number } = {},
): AsyncGenerator<FluxJobEvent> {
  const stream = rpc.stream(
    'job-info.eventlog-watch',
    { id: toWireId(id), path: options.path ?? 'eventlog', flags: options.flags ?? 0 },
    {
      cancelTopic: 'job-info.eventlog-watch-cancel',
      idleTimeoutMs: options.timeoutMs ?? 0,
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
  for await (const reply of stream) {
    if (typeof reply.event !== 'string') throw new FluxProtocolError('eventlog-watch reply has no event string');
    yield parseEventLine(reply.event);
  }
}
