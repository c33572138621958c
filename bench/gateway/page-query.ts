/** The fields of a dashboard's job page: eventlog (name, timestamp, context) and jobspec (command, attributes, resources). */
export const PAGE_FIELDS = 'id eventlog { name timestamp context } jobspec { command attributes resources }';

/** `jobs` page of `first` jobs with {@link PAGE_FIELDS}; `$after` and `$filter` as the caller sends them. */
export const PAGE_QUERY = `query Page($first: Int!, $after: String, $filter: JobFilter) { jobs(first: $first, after: $after, filter: $filter) { edges { node { ${PAGE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;

/** One page's response as the benches read it. */
export interface PageResponse {
  data?: {
    jobs: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null;
  };
  errors?: unknown[];
}

/** POSTs {@link PAGE_QUERY} to `url`; throws on errors or a short page. */
export async function fetchPage(
  url: string,
  variables: { first: number; after?: string | null; filter?: unknown },
): Promise<NonNullable<PageResponse['data']>['jobs'] & object> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: PAGE_QUERY, variables }),
  });
  const body = (await response.json()) as PageResponse;
  const jobs = body.data?.jobs;
  if (body.errors || !jobs) throw new Error(`page failed: ${JSON.stringify(body).slice(0, 300)}`);
  return jobs;
}
