/** One GraphQL request of the soak mix, with the kind it counts under. */
export interface SoakRequest {
  kind: 'jobs' | 'job-details' | 'elog' | 'aggregations' | 'reports';
  body: string;
}

async function post(graphqlUrl: string, query: string): Promise<Record<string, unknown>> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`soak set-up query failed: ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}

const request = (kind: SoakRequest['kind'], query: string, variables: Record<string, unknown> = {}): SoakRequest => ({
  kind,
  body: JSON.stringify({ query, variables }),
});

/**
 * The soak mix, one of each kind in turn: a jobs page, one job's details (eventlog, jobspec
 * environment, profile), an eLog experiment with runs, jobs/aggs aggregations and a page of
 * profiling reports with their jobs. Job ids and experiments are read from the gateway first,
 * so every request asks for something that exists. Returns `count` requests to cycle through.
 */
export async function soakRequests(graphqlUrl: string, count = 500): Promise<SoakRequest[]> {
  const data = await post(
    graphqlUrl,
    '{ jobs(first: 200) { nodes { id } } profileReports(first: 50) { nodes { jobId } } }',
  );
  const ids = ((data.jobs as { nodes: Array<{ id: string }> }).nodes ?? []).map((n) => n.id);
  const active = await post(
    graphqlUrl,
    ['mfx', 'cxi', 'xpp', 'mec', 'tmo', 'rix', 'xcs', 'txi']
      .map((h) => `${h}: activeExperiment(hutch: "${h}") { name }`)
      .join(' ')
      .replace(/^/, '{ ')
      .concat(' }'),
  );
  const experiments = Object.values(active).flatMap((e) =>
    e && typeof e === 'object' && 'name' in e ? [String(e.name)] : [],
  );
  if (ids.length === 0 || experiments.length === 0)
    throw new Error(`soak needs jobs and experiments: ${ids.length} jobs, ${experiments.length} active experiments`);
  const mix: SoakRequest[] = [];
  for (let i = 0; mix.length < count; i += 1) {
    mix.push(
      request(
        'jobs',
        `{ jobs(first: 20, after: null) { nodes { id name state userName queue runtimeSeconds } pageInfo { hasNextPage } } }`,
      ),
    );
    mix.push(
      request(
        'job-details',
        'query($id: JobId!) { job(id: $id) { id state eventlog { name timestamp } environment(names: ["EXPERIMENT", "RUN_NUM"]) profile { peakMemoryKiB } } }',
        {
          id: ids[i % ids.length],
        },
      ),
    );
    mix.push(
      request(
        'elog',
        'query($name: String!) { experiment(name: $name) { name instrument runs(first: 5) { number tags params } } }',
        { name: experiments[i % experiments.length] },
      ),
    );
    mix.push(
      request(
        'aggregations',
        '{ jobAggregations(source: JOBS_API, aggs: [{ name: "byState", terms: { rawField: "job.state" } }, { name: "byQueue", terms: { rawField: "job.queue", size: 5 } }]) { total aggregations { name buckets { key docCount } } } }',
      ),
    );
    mix.push(
      request('reports', '{ profileReports(first: 10) { nodes { jobId peakMemoryKiB durationMs job { id state } } } }'),
    );
  }
  return mix.slice(0, count);
}
