import type { FluxJobQuery } from './flux-datasource';
import type { FluxJob } from './flux-job';
import { BatchIterator } from './batch-iterator';
import { FluxProtocolError } from './flux-protocol-error';
import { JsonReal } from './json-real';
import type { FluxCallContext, FluxRpc } from './flux-rpc-port';
import { buildJobConstraint, hasClientSideFilters, matchesClientSide } from './job-list-constraint';
import { mapJobEntry } from './job.mapper';
import { JOB_STATE_BITS } from './job-state';
import type { JobStateName } from './job-state';
import { toWireId } from './wire-id';

/**
 * The `job-list.list` payload of a query: `max_entries` (0 when bank/project filters run client-side),
 * `attrs` (the query's, default all), `since` (a real), `constraint` — in the key order flux-core's Python bindings use.
 */
export function buildListPayload(
  query: FluxJobQuery,
  attrs: readonly string[] = query.attrs ?? ['all'],
): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    max_entries: hasClientSideFilters(query) ? 0 : (query.maxEntries ?? 0),
    attrs: [...attrs],
  };
  if (query.since !== undefined) payload.since = new JsonReal(query.since);
  payload.constraint = buildJobConstraint(query);
  return payload;
}

/**
 * The attributes to list for `query`: its `attrs` (default all), plus `bank` / `project` when those
 * filter in the gateway ({@link matchesClientSide} reads them from each entry).
 */
function listedAttrs(query: FluxJobQuery): readonly string[] {
  const attrs = query.attrs ?? ['all'];
  if (attrs.includes('all')) return attrs;
  const extra = [
    ...(query.banks && !attrs.includes('bank') ? ['bank'] : []),
    ...(query.projects && !attrs.includes('project') ? ['project'] : []),
  ];
  return extra.length > 0 ? [...attrs, ...extra] : attrs;
}

/**
 * Raw job-list entries of one `job-list.list`, streamed (one reply per job), in batches of what
 * has arrived (one await per batch, not per job). Always asks for STREAMING; a first reply
 * without `version` comes from a broker before v0.82 that answers once with every job, and is
 * then the whole answer. Stopping early abandons the RPC (job-list has no cancel): its remaining
 * replies are dropped.
 */
async function* listJobEntryBatches(
  rpc: FluxRpc,
  payload: Record<string, unknown>,
  options: FluxCallContext = {},
): AsyncGenerator<Array<Record<string, unknown>>> {
  const stream = rpc.stream('job-list.list', payload, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { idleTimeoutMs: options.timeoutMs } : {}),
  });
  let first = true;
  try {
    for (let replies = await stream.nextBatch(); replies !== undefined; replies = await stream.nextBatch()) {
      const entries: Array<Record<string, unknown>> = [];
      for (const reply of replies) {
        if (!Array.isArray(reply.jobs)) throw new FluxProtocolError('job-list.list reply has no jobs array');
        if (first) {
          first = false;
          if (!reply.version) stream.finishEarly();
        }
        for (const entry of reply.jobs as Array<Record<string, unknown>>) entries.push(entry);
      }
      yield entries;
    }
  } finally {
    await stream.return();
  }
}

/**
 * Jobs matching `query`, in broker order (pending, running, inactive), mapped; `maxEntries` honored.
 * Read one at a time, or by batches (`batches()`: one array per batch of replies that arrived).
 */
export function listJobs(rpc: FluxRpc, query: FluxJobQuery, options: FluxCallContext = {}): BatchIterator<FluxJob> {
  return new BatchIterator(mappedJobBatches(rpc, query, options));
}

async function* mappedJobBatches(
  rpc: FluxRpc,
  query: FluxJobQuery,
  options: FluxCallContext,
): AsyncGenerator<FluxJob[]> {
  const max = query.maxEntries ?? 0;
  let kept = 0;
  for await (const batch of listJobEntryBatches(rpc, buildListPayload(query, listedAttrs(query)), options)) {
    const jobs: FluxJob[] = [];
    for (const raw of batch) {
      const job = mapJobEntry(raw);
      if (!matchesClientSide(query, job)) continue;
      jobs.push(job);
      if (max > 0 && ++kept >= max) {
        yield jobs;
        return;
      }
    }
    yield jobs;
  }
}

/**
 * Counts the jobs matching `query` from one id-only `job-list.list` (`attrs: []`, or just `bank`/`project`
 * when those filter in the gateway) with the same constraint, stopping at `max + 1`: the broker is asked
 * for `max_entries: max + 1` when it applies every filter itself. Resolves to the count, at most `max + 1`.
 */
export async function countJobs(
  rpc: FluxRpc,
  query: FluxJobQuery,
  max: number,
  options: FluxCallContext = {},
): Promise<number> {
  const payload = buildListPayload({ ...query, maxEntries: max + 1 }, listedAttrs({ ...query, attrs: [] }));
  let count = 0;
  for await (const batch of listJobEntryBatches(rpc, payload, options)) {
    for (const raw of batch) {
      if (!matchesClientSide(query, raw as { bank?: string; project?: string })) continue;
      if (++count > max) return count;
    }
  }
  return count;
}

/** Options of {@link listJobId}. */
export interface ListJobIdOptions extends FluxCallContext {
  /** Default `["all"]`. */
  attrs?: readonly string[];
  /** Wait until the job has been in one of these states (or is inactive) before answering. */
  waitForStates?: readonly JobStateName[];
}

/** `job-list.list-id`: the raw entry of one job. ENOENT (no text) when the broker does not know it. */
export async function listJobId(
  rpc: FluxRpc,
  id: bigint,
  options: ListJobIdOptions = {},
): Promise<Record<string, unknown>> {
  const payload: Record<string, unknown> = { id: toWireId(id), attrs: [...(options.attrs ?? ['all'])] };
  if (options.waitForStates) payload.state = options.waitForStates.reduce((m, s) => m | JOB_STATE_BITS[s], 0);
  const reply = await rpc.call('job-list.list-id', payload, options);
  if (!reply.job || typeof reply.job !== 'object')
    throw new FluxProtocolError('job-list.list-id reply has no job object');
  return reply.job as Record<string, unknown>;
}

/** `job-list.list-attrs`: every attribute name job-list knows (incl. `all`). */
export async function listJobAttrs(rpc: FluxRpc, options: FluxCallContext = {}): Promise<string[]> {
  const reply = await rpc.call('job-list.list-attrs', {}, options);
  if (!Array.isArray(reply.attrs)) throw new FluxProtocolError('job-list.list-attrs reply has no attrs array');
  return reply.attrs.map(String);
}

/** `job-list.job-stats` (one reply), raw. */
export function fetchJobStats(rpc: FluxRpc, options: FluxCallContext = {}): Promise<Record<string, unknown>> {
  return rpc.call('job-list.job-stats', {}, options);
}
