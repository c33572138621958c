import type { Logger } from 'pino';
import { BadUserInputError } from '../../errors';
import type {
  AggregationBackend,
  AggregationData,
  AggregationFilterSpec,
  AggregationResultData,
  AggregationSpec,
} from '../aggregation/aggregation-query';
import type { BackendPolicy } from '../resilience/backend-policy';
import { JobsAggsClient } from './jobs-aggs-client';
import { JOBS_AGGS_FIELD_TYPES } from './jobs-aggs-fields';
import type { JobsAggsFieldType } from './jobs-aggs-fields';
import { buildGroupBody, groupKeyOf, groupWindowMs } from './jobs-aggs-request';
import type { JobsAggsGroupBody } from './jobs-aggs-request';
import { toAggregationData } from './jobs-aggs-response';
import { TokenSource } from './jobs-aggs-token-source';
import { toWireAggregation } from './jobs-aggs-wire-aggregation';
import type { JobsAggsSpec, WireAggregation } from './jobs-aggs-wire-aggregation';

/** Options of {@link JobsAggsDatasource}; create-datasources fills them from the `jobsApi` config section. */
export interface JobsAggsDatasourceOptions {
  /** Base URL without `/v3` (`JOBGRAPH_JOBS_API_URL`). */
  url: string;
  /** Full token URL (`JOBGRAPH_JOBS_API_TOKEN_URL`). */
  tokenUrl: string;
  /** `JOBGRAPH_JOBS_API_CLIENT_ID`. */
  clientId: string;
  /** `JOBGRAPH_JOBS_API_CLIENT_SECRET`; never logged. */
  clientSecret: string;
  /** `application` sent when the filter has none (`JOBGRAPH_JOBS_API_APPLICATION`). Default `atr`. */
  application?: string;
  /** Deadline per aggs request attempt, ms (`JOBGRAPH_JOBS_API_TIMEOUT_MS`). Default 15000. */
  timeoutMs?: number;
  /** The process-wide fault policy shown in /readyz; default `createJobsAggsPolicy` with `timeoutMs`. */
  policy?: BackendPolicy;
  /** Deadline per token request, ms. Default 10000. */
  tokenTimeoutMs?: number;
  /** Narrows the field allow-list (config `jobsApi.fields`); unknown names are ignored. Default: every documented field. */
  fields?: string[];
  /** `User-Agent`, e.g. `jobgraph/0.1.0`. */
  userAgent?: string;
  /** Epoch-ms clock. Default `Date.now`. */
  clock?: () => number;
  logger?: Logger;
}

/** One aggregation checked and in wire form, ready to be batched with others of its group. */
export interface PreparedAggregation {
  spec: JobsAggsSpec;
  wire: WireAggregation;
  /** Canonical JSON of `wire`: identical aggregations share it, and one wire name. */
  wireKey: string;
}

/** A validated `aggregate` call: the group body (everything but `aggs`), its key, and the aggregations. */
export interface PreparedRequest {
  group: JobsAggsGroupBody;
  groupKey: string;
  items: PreparedAggregation[];
}

/** The most aggregations sent in one request (contract §3.3); larger groups are split. */
export const MAX_AGGS_PER_REQUEST = 25;

/**
 * The jobs/aggs API as an {@link AggregationBackend} (contract jobs-aggs-api.md). Validation
 * happens before anything is sent; identical aggregations share a wire name; a group of more
 * than 25 is split into requests sent in parallel.
 */
export class JobsAggsDatasource implements AggregationBackend {
  private readonly tokens: TokenSource;
  private readonly client: JobsAggsClient;
  private readonly fields: Readonly<Record<string, JobsAggsFieldType>>;
  private readonly clock: () => number;
  private lastDailyRemaining: number | undefined;

  constructor(private readonly options: JobsAggsDatasourceOptions) {
    this.clock = options.clock ?? Date.now;
    this.tokens = new TokenSource({
      tokenUrl: options.tokenUrl,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      clock: this.clock,
      ...(options.tokenTimeoutMs !== undefined ? { timeoutMs: options.tokenTimeoutMs } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    // Read by the gateway's /metrics gauge at scrape time (gateway-metrics.ts).
    this.client = new JobsAggsClient({
      ...options,
      tokens: this.tokens,
      clock: this.clock,
      onDailyRemaining: (n) => (this.lastDailyRemaining = n),
    });
    const narrowed = options.fields
      ? Object.entries(JOBS_AGGS_FIELD_TYPES).filter(([field]) => options.fields?.includes(field))
      : undefined;
    this.fields = narrowed ? Object.fromEntries(narrowed) : JOBS_AGGS_FIELD_TYPES;
  }

  /** Checks `filter` and `aggs` and builds their wire form; throws `BAD_USER_INPUT` before anything is sent. `nowMs` fixes the default window. */
  prepare(filter: AggregationFilterSpec, aggs: AggregationSpec[], nowMs: number = this.clock()): PreparedRequest {
    if (aggs.length === 0) throw new BadUserInputError('aggs must name at least one aggregation');
    const names = new Set<string>();
    for (const { name } of aggs) {
      if (names.has(name))
        throw new BadUserInputError(`aggregation name "${name}" is used twice`, { aggregation: name });
      names.add(name);
    }
    const group = buildGroupBody(filter, this.options.application ?? 'atr', nowMs);
    const window = groupWindowMs(group);
    const items = aggs.map((spec) => {
      const wire = toWireAggregation(spec, this.fields, window);
      return { spec: spec as JobsAggsSpec, wire, wireKey: JSON.stringify(wire) };
    });
    return { group, groupKey: groupKeyOf(group), items };
  }

  /** Sends one group's aggregations (split by 25, deduplicated) and maps the answers back in `items` order. */
  async execute(
    group: JobsAggsGroupBody,
    items: PreparedAggregation[],
    signal?: AbortSignal,
  ): Promise<AggregationResultData> {
    const wireNames = new Map<string, string>();
    for (const { wireKey } of items) if (!wireNames.has(wireKey)) wireNames.set(wireKey, `a${wireNames.size}`);
    const unique = [...new Map(items.map((item) => [item.wireKey, item.wire])).entries()];
    const chunks: Array<Array<[string, WireAggregation]>> = [];
    for (let i = 0; i < unique.length; i += MAX_AGGS_PER_REQUEST)
      chunks.push(unique.slice(i, i + MAX_AGGS_PER_REQUEST));
    const replies = await Promise.all(
      chunks.map((chunk) =>
        this.client.send(
          { ...group, aggs: Object.fromEntries(chunk.map(([key, wire]) => [wireNames.get(key), wire])) },
          signal,
        ),
      ),
    );
    const first = replies[0];
    if (!first) throw new BadUserInputError('aggs must name at least one aggregation');
    const aggregations: AggregationData[] = items.map((item) => {
      const wireName = wireNames.get(item.wireKey) ?? '';
      const reply = replies[Math.floor(Number(wireName.slice(1)) / MAX_AGGS_PER_REQUEST)] ?? first;
      return toAggregationData(item.spec, reply.aggregations[wireName], reply.requestId);
    });
    return { total: first.total, aggregations };
  }

  /** {@link AggregationBackend.aggregate}: prepare, then one request per 25 distinct aggregations. `nowMs` fixes "now" for the request. */
  async aggregate(
    filter: AggregationFilterSpec,
    aggs: AggregationSpec[],
    options: { signal?: AbortSignal; nowMs?: number } = {},
  ): Promise<AggregationResultData> {
    const prepared = this.prepare(filter, aggs, options.nowMs);
    return this.execute(prepared.group, prepared.items, options.signal);
  }

  /** For /readyz: obtains a token (cached), which proves the credentials; spends no aggs quota. */
  /** Requests left in the API's daily quota as its last answer reported; undefined before the first answer. */
  dailyRemaining(): number | undefined {
    return this.lastDailyRemaining;
  }

  async ping(): Promise<void> {
    await this.tokens.get();
  }

  /** Nothing to release: requests use Node's shared HTTP agent. */
  async close(): Promise<void> {}
}
