import { createElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import type { ElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import { jobHistoryTemplateName } from '../../../src/datasources/elastic/job-history.mapping';
import type { JobHistoryRequest } from '../../../src/datasources/elastic/job-history.search';

/** The node global-setup.ts started (or the one given in the environment); unset when Java/Maven are missing locally. */
export const elasticUrl = process.env.JOBGRAPH_TEST_ELASTICSEARCH_URL;

/** `describe` when a node is available, else `describe.skip` (global-setup.ts said why). */
export const describeElastic: jest.Describe = elasticUrl ? describe : describe.skip;

let counter = 0;

/** A datasource on fresh, uniquely named indices, so test files can run in parallel on one node. */
export function testDatasource(name: string, options: { maxRetries?: number } = {}): ElasticDatasource {
  counter += 1;
  const alias = `jg-${name}-${process.pid}-${counter}`;
  return createElasticDatasource({
    url: elasticUrl as string,
    index: alias,
    stateIndex: `${alias}.state`,
    requestTimeoutMs: 30_000,
    pitKeepAlive: '1m',
    ...options,
  });
}

/** Deletes what {@link testDatasource} created (indices by exact name) and closes the client. */
export async function dropDatasource(datasource: ElasticDatasource): Promise<void> {
  const found = await datasource.client.indices.get({
    index: [`${datasource.index}-*`, datasource.stateIndex],
    allow_no_indices: true,
    ignore_unavailable: true,
  });
  const indices = Object.keys(found);
  if (indices.length > 0) await datasource.client.indices.delete({ index: indices });
  await datasource.client.indices
    .deleteIndexTemplate({ name: jobHistoryTemplateName(datasource.index) })
    .catch(() => undefined);
  await datasource.close();
}

/** Follows `hasNextPage` cursors from the first page to the last; returns every id in order. */
export async function pageAllIds(
  datasource: ElasticDatasource,
  request: Omit<JobHistoryRequest, 'after'>,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await datasource.searchHistory({ ...request, ...(after ? { after } : {}) });
    ids.push(...page.edges.map((edge) => edge.node.id));
    after = page.hasNextPage ? page.edges[page.edges.length - 1]?.cursor : undefined;
  } while (after);
  return ids;
}
