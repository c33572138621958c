import { readRecipes } from '../../support/recipes';
import { ROOT, startJobgraph } from '../support/demo-process';
import type { DemoProcess } from '../support/demo-process';
import { describeElastic, dropDatasource, testDatasource } from './elastic-test-env';

type Body<T> = { data?: T | null; errors?: Array<{ message: string }> };
type Linked = { id: string; cluster: string; elogRun: { experiment: string; number: number } | null };
type Page = { jobs: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Linked[] } };

/**
 * Issue 17: docs/recipes.md's `recipe-elastic` block (every job of an experiment's run, from the job
 * history) against `jobgraph demo` started with a real Elasticsearch: the demo forwards its simulated
 * clusters there, and the recipe must answer exactly the jobs Flux links to that run.
 */
describeElastic('docs/recipes.md recipe-elastic against jobgraph demo with Elasticsearch', () => {
  const recipes = readRecipes(ROOT, 'recipe-elastic');
  const es = testDatasource('recipes');
  let demo: DemoProcess | undefined;
  const post = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<Body<T>> => {
    const response = await fetch((demo as DemoProcess).graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Body<T>;
  };

  afterAll(async () => {
    await demo?.stop();
    await dropDatasource(es);
  });

  it('has the run-jobs recipe', () => {
    expect(recipes.map((recipe) => recipe.name)).toEqual(['RunJobs']);
  });

  it('RunJobs answers every forwarded job Flux links to the run, and no other', async () => {
    demo = await startJobgraph(
      ['demo', '--port', '0', '--log-level', 'warn', '--no-live', '--jobs', '400'],
      {
        JOBGRAPH_ELASTICSEARCH_URL: process.env.JOBGRAPH_TEST_ELASTICSEARCH_URL as string,
        JOBGRAPH_ELASTICSEARCH_INDEX: es.index,
        JOBGRAPH_ELASTICSEARCH_STATE_INDEX: es.stateIndex,
        JOBGRAPH_ELASTICSEARCH_FOLLOW_INTERVAL_MS: '500',
      },
      120_000,
    );

    // Every inactive job of both clusters, with the run Flux links it to (jobspec attributes or environment).
    const inactive: Linked[] = [];
    let after: string | null = null;
    do {
      const page: Body<Page> = await post<Page>(
        `query($after: String) { jobs(filter: { states: [INACTIVE] }, first: 500, after: $after) {
           pageInfo { hasNextPage endCursor } nodes { id cluster elogRun { experiment number } } } }`,
        { after },
      );
      expect(page.errors).toBeUndefined();
      const jobs = (page.data as Page).jobs;
      inactive.push(...jobs.nodes);
      after = jobs.pageInfo.hasNextPage ? jobs.pageInfo.endCursor : null;
    } while (after);
    expect(inactive.length).toBeGreaterThan(100);

    // The demo's forwarder has stored them all (bounded wait).
    let stored = -1;
    for (let waited = 0; stored !== inactive.length && waited < 120_000; waited += 1_000) {
      if (waited > 0) await new Promise((resolve) => setTimeout(resolve, 1_000));
      const body = await post<{ jobHistory: { totalCount: number } }>('{ jobHistory(first: 0) { totalCount } }');
      stored = body.data?.jobHistory.totalCount ?? -1;
    }
    expect(stored).toBe(inactive.length);

    // The run with the most jobs, as Flux sees it.
    const byRun = new Map<string, Linked[]>();
    for (const job of inactive) {
      if (!job.elogRun) continue;
      const key = JSON.stringify([job.elogRun.experiment, job.elogRun.number]);
      byRun.set(key, [...(byRun.get(key) ?? []), job]);
    }
    const [key, jobs] = [...byRun.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
    expect(jobs.length).toBeGreaterThan(1);
    const [experiment, run] = JSON.parse(key) as [string, number];

    const recipe = recipes[0] as (typeof recipes)[number];
    expect(Object.keys(recipe.variables).sort()).toEqual(['experiment', 'run']);
    type Answer = { elogRun: { jobs: { totalCount: number; nodes: Array<{ id: string; result: string | null }> } } };
    const body = await post<Answer>(recipe.query, { experiment, run });
    expect(body.errors).toBeUndefined();
    const answer = (body.data as Answer).elogRun.jobs;
    expect(answer.totalCount).toBe(jobs.length);
    expect(answer.nodes.map((node) => node.id).sort()).toEqual(jobs.map((job) => job.id).sort());
    expect(answer.nodes.every((node) => node.result !== null)).toBe(true);
  }, 300_000);
});
