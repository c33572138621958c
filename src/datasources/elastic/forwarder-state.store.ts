import type { Client } from '@elastic/elasticsearch';
import { JobgraphError } from '../../errors';
import { elasticStatus, toElasticError } from './elastic-error.mapper';

/** The forwarder's watermark for one Flux cluster (document `_id` = `instance` = the cluster's name). */
export interface ForwarderState {
  /** The cluster's name (before clusters existed: the FLUX_URI). */
  instance: string;
  fluxUri?: string;
  /** Every inactive job with `t_inactive <= since` (Flux epoch seconds, byte-exact as received) is stored. */
  since: number;
  sinceAt?: string;
  /** Decimal id of the newest job stored by the last step. */
  lastJobId?: string;
  jobsForwarded: number;
  forwarderVersion?: string;
  updatedAt?: string;
}

/** A read watermark plus the optimistic-concurrency token of the read (absent: no document yet). */
export interface VersionedForwarderState {
  state: ForwarderState;
  version?: { seqNo: number; primaryTerm: number };
}

/** Elasticsearch's answers to a read of an index whose primary shard is not started yet (or recovering). */
function noShardYet(error: unknown): boolean {
  return /no_shard_available_action_exception|unavailable_shards_exception|RECOVERING/.test(
    String((error as { message?: unknown }).message ?? ''),
  );
}

/**
 * One `get`; when the index exists but its primary shard is not started yet (a forwarder killed
 * just after it created the state index: seen in a loaded CI run), waits for the shard (yellow,
 * 30 s at most) and reads once more.
 */
async function getOnceStarted(client: Client, index: string, id: string) {
  try {
    return await client.get<ForwarderState>({ index, id });
  } catch (error) {
    if (!noShardYet(error)) throw error;
    await client.cluster.health({ index, wait_for_status: 'yellow', timeout: '30s' });
    return client.get<ForwarderState>({ index, id });
  }
}

async function getState(client: Client, index: string, id: string): Promise<VersionedForwarderState | undefined> {
  try {
    const response = await getOnceStarted(client, index, id);
    if (!response.found || !response._source) return undefined;
    return {
      state: response._source,
      version: { seqNo: response._seq_no as number, primaryTerm: response._primary_term as number },
    };
  } catch (error) {
    if (elasticStatus(error) === 404) return undefined;
    throw toElasticError(error, 'reading the forwarder watermark');
  }
}

/**
 * Reads the watermark of `instance` (a cluster's name); `since` 0 and no version when it was
 * never forwarded. `legacy` (the cluster's FLUX_URI) is the id a forwarder used before clusters
 * existed: when only that document exists, its position is taken over (no version, so the first
 * write creates the cluster's own document) and the jobs it covers are not forwarded again.
 */
export async function readForwarderState(
  client: Client,
  index: string,
  instance: string,
  legacy?: string,
): Promise<VersionedForwarderState> {
  const own = await getState(client, index, instance);
  if (own) return own;
  const old = legacy !== undefined && legacy !== instance ? await getState(client, index, legacy) : undefined;
  if (old) return { state: { ...old.state, instance, fluxUri: legacy } };
  return { state: { instance, since: 0, jobsForwarded: 0 } };
}

/**
 * Writes the watermark: `create` the first time, then only if nobody wrote since our last
 * read or write (`if_seq_no`/`if_primary_term`). A conflict means a second forwarder runs for
 * the same instance: UPSTREAM_ERROR, and the caller stops.
 */
export async function writeForwarderState(
  client: Client,
  index: string,
  current: VersionedForwarderState,
  next: ForwarderState,
): Promise<VersionedForwarderState> {
  try {
    const document = {
      ...next,
      updatedAt: new Date().toISOString(),
      sinceAt: new Date(Math.round(next.since * 1000)).toISOString(),
    };
    const response = await client.index({
      index,
      id: next.instance,
      document,
      ...(current.version
        ? { if_seq_no: current.version.seqNo, if_primary_term: current.version.primaryTerm }
        : { op_type: 'create' as const }),
    });
    return {
      state: document,
      version: { seqNo: response._seq_no as number, primaryTerm: response._primary_term as number },
    };
  } catch (error) {
    if (elasticStatus(error) === 409) {
      throw new JobgraphError(
        'UPSTREAM_ERROR',
        `another forwarder updated the watermark of ${next.instance} meanwhile; stopping`,
        { backend: 'elasticsearch', cause: error },
      );
    }
    throw toElasticError(error, 'writing the forwarder watermark');
  }
}
