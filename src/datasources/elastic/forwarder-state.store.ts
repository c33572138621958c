import type { Client } from '@elastic/elasticsearch';
import { JobgraphError } from '../../errors';
import { elasticStatus, toElasticError } from './elastic-error.mapper';

/** The forwarder's watermark for one Flux instance (document `_id` = instance). */
export interface ForwarderState {
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

/** Reads the watermark; `since` 0 and no version when the instance was never forwarded. */
export async function readForwarderState(
  client: Client,
  index: string,
  instance: string,
): Promise<VersionedForwarderState> {
  try {
    const response = await client.get<ForwarderState>({ index, id: instance });
    if (!response.found || !response._source) return { state: { instance, since: 0, jobsForwarded: 0 } };
    return {
      state: response._source,
      version: { seqNo: response._seq_no as number, primaryTerm: response._primary_term as number },
    };
  } catch (error) {
    if (elasticStatus(error) === 404) return { state: { instance, since: 0, jobsForwarded: 0 } };
    throw toElasticError(error, 'reading the forwarder watermark');
  }
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
