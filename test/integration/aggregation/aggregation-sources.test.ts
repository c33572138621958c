import { generateDataset } from '../../../src/simulators/dataset';
import { startAllBackendsGateway } from '../../support/all-backends-gateway';
import type { AllBackendsGateway } from '../../support/all-backends-gateway';
import {
  AGG_FIELDS,
  COMMON_AGGS,
  HISTORY_AGGS,
  JOBS_API_APPLICATIONS,
  nonZero,
  sumAnswers,
} from '../../support/aggregation-sources';
import type { AggAnswer } from '../../support/aggregation-sources';

const dataset = generateDataset({ seed: 17, jobCount: 1500, now: 1_795_400_000 });
const window = `from: "${new Date((dataset.now - 60 * 86_400) * 1000).toISOString()}", to: "${new Date((dataset.now + 86_400) * 1000).toISOString()}"`;

describe('jobAggregations: one vocabulary over FLUX and JOBS_API (the simulators share one dataset)', () => {
  let gw: AllBackendsGateway;
  beforeAll(async () => {
    gw = await startAllBackendsGateway(dataset, 30_000);
  }, 30_000);
  afterAll(async () => {
    await gw.close();
  });

  test('the same request gives the same buckets on both sources (JOBS_API summed over its applications)', async () => {
    const apps = JOBS_API_APPLICATIONS.map(
      (app) =>
        `${app}: jobAggregations(source: JOBS_API, filter: { ${window}, application: "${app}", includesEu: true }, aggs: ${COMMON_AGGS}) { ${AGG_FIELDS} }`,
    );
    const answer = await gw.query(
      `{ flux: jobAggregations(source: FLUX, filter: { ${window} }, aggs: ${COMMON_AGGS}) { ${AGG_FIELDS} } ${apps.join(' ')} }`,
    );
    expect(answer.errors).toBeUndefined();
    const data = answer.data as Record<string, AggAnswer>;
    const flux = data['flux'] as AggAnswer;
    expect(flux.total).toBe(dataset.jobs.length);
    expect(sumAnswers(JOBS_API_APPLICATIONS.map((app) => data[app] as AggAnswer))).toEqual(nonZero(flux));
    // Every vocabulary value, not the sources' own: CANCELED with one L, PENDING for DEPEND/PRIORITY/SCHED.
    const status = flux.aggregations.find((a) => a.name === 'status')?.buckets?.map((b) => b.key) ?? [];
    expect(status.sort()).toEqual(['CANCELED', 'COMPLETED', 'FAILED', 'PENDING', 'RUNNING', 'TIMEOUT']);
    const expected = (pred: (j: (typeof dataset.jobs)[number]['job']) => boolean) =>
      dataset.jobs.filter((j) => pred(j.job)).length;
    const byName = (name: string) => flux.aggregations.find((a) => a.name === name);
    expect(byName('canceled')?.docCount).toBe(expected((j) => j.result === 'CANCELED'));
    expect(byName('pending')?.docCount).toBe(expected((j) => ['DEPEND', 'PRIORITY', 'SCHED'].includes(j.state)));
  });

  test('FLUX answers the history fields from one job-list listing per filter, whatever the number of fields', async () => {
    const before = gw.datasources.flux.rpcCounts()['job-list.list'] ?? 0;
    const answer = await gw.query(
      `{ a: jobAggregations(source: FLUX, filter: { states: [INACTIVE] }, aggs: ${HISTORY_AGGS}) { ${AGG_FIELDS} }
         b: jobAggregations(source: FLUX, filter: { states: [INACTIVE] }, aggs: [{ name: "x", terms: { rawField: "queue" } }]) { total } }`,
    );
    expect(answer.errors).toBeUndefined();
    expect((gw.datasources.flux.rpcCounts()['job-list.list'] ?? 0) - before).toBe(1);
    const a = (answer.data as Record<string, AggAnswer>)['a'] as AggAnswer;
    const inactive = dataset.jobs.filter((j) => j.job.state === 'INACTIVE').map((j) => j.job);
    expect(a.total).toBe(inactive.length);
    const longest = Math.max(...inactive.flatMap((j) => (j.tRun && j.tCleanup ? [j.tCleanup - j.tRun] : [])));
    expect(a.aggregations.find((x) => x.name === 'longest')?.value).toBeCloseTo(longest, 6);
  });

  test('a field a source lacks is BAD_USER_INPUT naming the source and the field; the other fields are served', async () => {
    const answer = await gw.query(
      `{ j: jobAggregations(source: JOBS_API, aggs: [{ name: "s", terms: { field: STATE } }]) { total }
         c: jobAggregations(source: JOBS_API, aggs: [{ name: "c", terms: { field: CLUSTER } }]) { total }
         clusters: jobAggregations(source: FLUX, aggs: [{ name: "c", terms: { field: CLUSTER } }]) { total aggregations { buckets { key docCount } } }
         e: jobAggregations(source: FLUX, aggs: [{ name: "e", terms: { field: EXPERIMENT } }]) { total }
         both: jobAggregations(source: FLUX, aggs: [{ name: "b", terms: { field: QUEUE, rawField: "queue" } }]) { total }
         ok: jobAggregations(source: FLUX, aggs: [{ name: "q", terms: { field: QUEUE } }]) { total } }`,
    );
    const errors = Object.fromEntries(
      (answer.errors ?? []).map((e) => [String((e as { path?: string[] }).path?.[0]), e]),
    );
    expect(errors['j']?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors['j']?.message).toMatch(/source JOBS_API has no field STATE.*use STATUS/);
    expect(errors['c']?.message).toMatch(/source JOBS_API has no field CLUSTER/);
    expect(errors['e']?.message).toMatch(/source FLUX has no field EXPERIMENT/);
    expect(errors['both']?.message).toMatch(/exactly one of field .* and rawField/);
    expect((answer.data as Record<string, AggAnswer>)['ok']?.total).toBe(dataset.jobs.length);
    // One cluster, named by its broker: every job under its name.
    const clusterName = (await gw.datasources.fluxClusters.primaryName()) as string;
    expect((answer.data as Record<string, AggAnswer>)['clusters']?.aggregations[0]?.buckets).toEqual([
      { key: clusterName, docCount: dataset.jobs.length },
    ]);
  });

  test("an error names the caller's aggregation, never the merged request's alias (f0__…)", async () => {
    const answer = await gw.query(
      `{ a: jobAggregations(source: FLUX, aggs: [{ name: "mine", metric: { field: QUEUE, op: AVG } }]) { total }
         b: jobAggregations(source: FLUX, aggs: [{ name: "fine", terms: { field: QUEUE } }]) { total } }`,
    );
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0]?.message).toMatch(/aggregation "mine"/);
    expect(answer.errors?.[0]?.message).not.toMatch(/f\d+__/);
    expect((answer.data as Record<string, AggAnswer | null>)['b']?.total).toBe(dataset.jobs.length);
  });
});
