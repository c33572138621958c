import { decodeHostlist } from '../../../src/datasources/flux/hostlist';
import { readRecipes } from '../../support/recipes';
import type { Recipe } from '../../support/recipes';
import { followSse } from '../../support/subscription-clients';
import { ROOT, startDemo } from '../support/demo-process';
import type { DemoProcess } from '../support/demo-process';

const RECIPES: Recipe[] = readRecipes(ROOT, 'recipe');

type Body = { data?: Record<string, unknown> | null; errors?: Array<{ message: string }> };

/** True when `value` holds something: a non-empty list, a positive number, or an object with such a field. */
function hasContent(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'number') return value > 0;
  if (value && typeof value === 'object') return Object.values(value).some(hasContent);
  return false;
}

/** Issue 17: docs/recipes.md's recipes, each run against `jobgraph demo` with values the demo holds. */
describe('docs/recipes.md against jobgraph demo', () => {
  let demo: DemoProcess;
  const values: Record<string, unknown> = {};
  const post = async (query: string, variables: Record<string, unknown> = {}): Promise<Body> => {
    const response = await fetch(demo.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Body;
  };

  beforeAll(async () => {
    demo = await startDemo();
    // Values that exist in this demo (its data is generated around now), found the way the recipes' comments say.
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const discover = `query($weekAgo: DateTime!) {
        failed: jobAggregations(source: FLUX, filter: { results: [FAILED], from: $weekAgo }, aggs: [{ name: "u", terms: { field: USER } }]) { aggregations { buckets { key } } }
        ran: jobs(filter: { results: [COMPLETED] }, first: 1) { nodes { nodelist } }
        running: jobs(filter: { states: [RUN] }, first: 1) { nodes { id userName } }
        profiled: profileReports(first: 200) { nodes { job { elogRun { experiment number } } } }
      }`;
    type Found = {
      failed: { aggregations: Array<{ buckets: Array<{ key: string }> }> };
      ran: { nodes: Array<{ nodelist: string }> };
      running: { nodes: Array<{ id: string; userName: string }> };
      profiled: { nodes: Array<{ job: { elogRun: { experiment: string; number: number } | null } | null }> };
    };
    let data: Found | undefined;
    // The report index scans in the background after start: wait (bounded) until it has reports.
    for (let tries = 0; tries < 60 && !data?.profiled.nodes.some((n) => n.job?.elogRun); tries++) {
      if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 1_000));
      const found = await post(discover, { weekAgo });
      expect(found.errors).toBeUndefined();
      data = found.data as Found;
    }
    if (!data) throw new Error('no answer from the demo');
    const link = data.profiled.nodes.find((n) => n.job?.elogRun)?.job?.elogRun;
    Object.assign(values, {
      weekAgo,
      failedUser: data.failed.aggregations[0]?.buckets[0]?.key,
      node: decodeHostlist(data.ran.nodes[0]?.nodelist ?? '')?.[0],
      runningUser: data.running.nodes[0]?.userName,
      id: data.running.nodes[0]?.id,
      experiment: link?.experiment,
      run: link?.number,
    });
    for (const [key, value] of Object.entries(values)) expect([key, value]).toEqual([key, expect.anything()]);
  }, 180_000);
  afterAll(async () => {
    await demo?.stop();
  });

  it('has the four recipes of the issue', () => {
    expect(RECIPES.map((recipe) => recipe.name)).toEqual([
      'MyFailedJobsThisWeekByQueue',
      'JobsOnNode',
      'RunJobsWithProfiles',
      'MyRunningJobs',
      'FollowMyJob',
      'RunWorkflows',
    ]);
  });

  it.each(RECIPES.filter((recipe) => recipe.query.trimStart().startsWith('#') && !/subscription /.test(recipe.query)))(
    '$name answers without errors and with content',
    async ({ name, query, variables }) => {
      const me = name === 'MyRunningJobs' ? values['runningUser'] : values['failedUser'];
      const given = Object.fromEntries(Object.keys(variables).map((key) => [key, key === 'me' ? me : values[key]]));
      const body = await post(query, given);
      expect(body.errors).toBeUndefined();
      for (const [field, value] of Object.entries(body.data ?? {}))
        expect([field, hasContent(value)]).toEqual([field, true]);
    },
    60_000,
  );

  it('FollowMyJob streams the job’s events over SSE', async () => {
    const recipe = RECIPES.find((r) => r.name === 'FollowMyJob') as Recipe;
    const followed = followSse<{ jobEvents: { name: string } }>(demo.origin, recipe.query, { id: values['id'] });
    try {
      expect(await followed.status).toBe(200);
      for (let waited = 0; followed.messages.length < 2 && waited < 30_000; waited += 100)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(followed.messages[0]?.errors).toBeUndefined();
      expect(followed.messages.map((m) => m.data?.jobEvents.name).slice(0, 2)).toEqual(['submit', 'validate']);
    } finally {
      followed.stop();
      await followed.done;
    }
  }, 60_000);
});
