import type { Client, estypes } from '@elastic/elasticsearch';
import { BadUserInputError } from '../../errors';
import { elasticErrorTypes, toElasticError } from './elastic-error.mapper';
import type { JobDocument } from './job-document';
import { decodeCursor, encodeCursor, queryDigest } from './job-history.cursor';
import type { SortValue } from './job-history.cursor';
import { jobHistoryQuery, jobHistorySort } from './job-history.query';
import type { JobHistoryFilter, JobHistorySort } from './job-history.query';

/** Largest page jobHistory serves. */
export const MAX_JOB_HISTORY_PAGE = 1000;

/** One history page request. */
export interface JobHistoryRequest {
  filter?: JobHistoryFilter;
  sort?: JobHistorySort[];
  /** Page size, 0–1000. */
  first: number;
  /** A cursor from a previous page of the same filter and sort. */
  after?: string;
  /** Count every match (exact `totalCount`); costs a little on large indices. */
  withTotal?: boolean;
}

/** One page: documents with their cursors, in sort order. */
export interface JobHistoryPage {
  edges: Array<{ node: JobDocument; cursor: string }>;
  hasNextPage: boolean;
  totalCount?: number;
}

/** What a search needs besides the request. */
export interface JobHistorySearchContext {
  client: Client;
  index: string;
  pitKeepAlive: string;
  signal?: AbortSignal;
}

/** Big fields the history list never shows (the Flux loader serves eventlog and jobspec). */
const SOURCE_EXCLUDES = ['eventlog', 'jobspec'];

/**
 * A page of job history with search_after. The first page is a plain search; the cursor of a
 * later page holds a point in time opened on the second page, so a paging client sees one
 * snapshot: no gap, no repeat, jobs indexed meanwhile stay invisible. Most callers read one page,
 * and each open PIT holds resources (node limit 300), hence the lazy opening. The PIT is closed
 * when the last page is served; a PIT that expired meanwhile is reopened and the paging resumes
 * from the same sort values.
 */
export async function searchJobHistory(
  context: JobHistorySearchContext,
  request: JobHistoryRequest,
): Promise<JobHistoryPage> {
  if (!Number.isInteger(request.first) || request.first < 0 || request.first > MAX_JOB_HISTORY_PAGE) {
    throw new BadUserInputError(`first must be an integer from 0 to ${MAX_JOB_HISTORY_PAGE}`, { first: request.first });
  }
  const digest = queryDigest(request.filter ?? {}, request.sort ?? []);
  const cursor = request.after !== undefined ? decodeCursor(request.after, digest) : undefined;
  const sort = jobHistorySort(request.sort);
  const body = {
    query: jobHistoryQuery(request.filter),
    sort,
    size: request.first + 1,
    track_total_hits: request.withTotal === true,
    _source: { excludes: SOURCE_EXCLUDES },
  };
  try {
    let response: estypes.SearchResponse<JobDocument>;
    let pit: string | undefined;
    if (!cursor) {
      response = await context.client.search<JobDocument>(
        { index: context.index, ...body },
        { signal: context.signal },
      );
    } else {
      pit = cursor.pit ?? (await openPit(context));
      try {
        response = await searchInPit(context, body, pit, cursor.after);
      } catch (error) {
        if (!cursor.pit || !elasticErrorTypes(error).includes('search_context_missing_exception')) throw error;
        pit = await openPit(context);
        response = await searchInPit(context, body, pit, cursor.after.slice(0, sort.length));
      }
      pit = response.pit_id ?? pit;
    }
    const hits = response.hits.hits;
    const hasNextPage = hits.length > request.first;
    if (!hasNextPage && pit) await closePit(context.client, pit);
    const total = response.hits.total;
    return {
      edges: hits.slice(0, request.first).map((hit) => ({
        node: hit._source as JobDocument,
        cursor: encodeCursor({
          v: 1,
          ...(pit && hasNextPage ? { pit } : {}),
          after: (hit.sort ?? []) as SortValue[],
          query: digest,
        }),
      })),
      hasNextPage,
      ...(total !== undefined ? { totalCount: typeof total === 'number' ? total : total.value } : {}),
    };
  } catch (error) {
    throw toElasticError(error, 'job history search');
  }
}

async function openPit(context: JobHistorySearchContext): Promise<string> {
  const response = await context.client.openPointInTime(
    { index: context.index, keep_alive: context.pitKeepAlive },
    { signal: context.signal },
  );
  return response.id;
}

function searchInPit(
  context: JobHistorySearchContext,
  body: Omit<estypes.SearchRequest, 'index'>,
  pit: string,
  after: SortValue[],
): Promise<estypes.SearchResponse<JobDocument>> {
  return context.client.search<JobDocument>(
    { ...body, pit: { id: pit, keep_alive: context.pitKeepAlive }, search_after: after as estypes.FieldValue[] },
    { signal: context.signal },
  );
}

/** Closing an expired or already closed PIT answers 404: nothing to do then. */
async function closePit(client: Client, pit: string): Promise<void> {
  await client.closePointInTime({ id: pit }).catch(() => undefined);
}
