import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { closeDatasources, createDatasources } from '../../../src/datasources/create-datasources';
import type { Datasources } from '../../../src/datasources/create-datasources';
import type { ElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import { createFluxDatasource } from '../../../src/datasources/flux/create-flux-datasource';
import { createStaticUserDatabase } from '../../../src/datasources/users/static-user-database';
import { forwardJobs } from '../../../src/forwarder/forward-jobs';
import { createServer } from '../../../src/server/create-server';
import type { GatewayServer } from '../../../src/server/create-server';
import { generateDataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { startJobsAggsSimulator } from '../../../src/simulators/jobs-aggs/jobs-aggs.simulator';
import type { JobsAggsSimulator } from '../../../src/simulators/jobs-aggs/jobs-aggs.simulator';
import {
  AGG_FIELDS,
  COMMON_AGGS,
  HISTORY_AGGS,
  JOBS_API_APPLICATIONS,
  nonZero,
  sumAnswers,
} from '../../support/aggregation-sources';
import type { AggAnswer } from '../../support/aggregation-sources';
import { describeElastic, dropDatasource, testDatasource } from './elastic-test-env';

const dataset = generateDataset({ seed: 23, jobCount: 2000, now: 1_795_400_000 });
const inactive = dataset.jobs.filter((j) => j.job.state === 'INACTIVE');

describeElastic(
  'jobAggregations: one request, three sources, one dataset (Flux simulator forwarded into a real node)',
  () => {
    let flux: FluxSimulator;
    let jobsAggs: JobsAggsSimulator;
    let es: ElasticDatasource;
    let datasources: Datasources;
    let server: GatewayServer;
    let url: string;
    const query = async (text: string): Promise<{ data?: Record<string, AggAnswer>; errors?: unknown[] }> => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: text }),
      });
      return (await response.json()) as { data?: Record<string, AggAnswer>; errors?: unknown[] };
    };

    beforeAll(async () => {
      flux = await startFluxSimulator({ dataset });
      jobsAggs = await startJobsAggsSimulator({ dataset, dailyQuota: 1_000_000 });
      es = testDatasource('agg-sources');
      await es.ensureIndices();
      const config = loadConfig({
        env: {
          JOBGRAPH_PORT: '0',
          JOBGRAPH_PLAYGROUND: 'off',
          FLUX_URI: flux.uri,
          JOBGRAPH_JOBS_API_URL: jobsAggs.url,
          JOBGRAPH_JOBS_API_TOKEN_URL: jobsAggs.tokenUrl,
          JOBGRAPH_JOBS_API_CLIENT_ID: jobsAggs.clientId,
          JOBGRAPH_JOBS_API_CLIENT_SECRET: jobsAggs.clientSecret,
        },
      });
      ({ datasources } = createDatasources(config, { elastic: es, users: createStaticUserDatabase(dataset.users) }));
      server = await createServer({ config, datasources, logger: pino({ level: 'silent' }) });
      url = await server.listen();
      const forwarding = createFluxDatasource({ uri: flux.uri, timeoutMs: 30_000 });
      const names = new Map(dataset.users.map((u) => [u.uid, u.name]));
      await forwardJobs({
        flux: forwarding,
        elastic: es,
        cluster: await datasources.fluxClusters.primaryName(),
        batchSize: 1000,
        resolveUserNames: async (uids) =>
          new Map(uids.flatMap((uid) => (names.has(uid) ? [[uid, names.get(uid) as string]] : []))),
      });
      await forwarding.close();
      await es.refresh();
    }, 120_000);
    afterAll(async () => {
      await server.close();
      await closeDatasources({ ...datasources, elastic: undefined });
      await dropDatasource(es);
      await jobsAggs.close();
      await flux.close();
    });

    test('ELASTICSEARCH and FLUX give the same buckets and values over the jobs both hold (the inactive ones)', async () => {
      const aggs = `${COMMON_AGGS.slice(0, -1)}, { name: "clusters", terms: { field: CLUSTER } }, ${HISTORY_AGGS.slice(1)}`;
      const answer = await query(
        `{ es: jobAggregations(source: ELASTICSEARCH, filter: { states: [INACTIVE] }, aggs: ${aggs}) { ${AGG_FIELDS} }
         flux: jobAggregations(source: FLUX, filter: { states: [INACTIVE] }, aggs: ${aggs}) { ${AGG_FIELDS} } }`,
      );
      expect(answer.errors).toBeUndefined();
      const { es: fromEs, flux: fromFlux } = answer.data as { es: AggAnswer; flux: AggAnswer };
      expect(fromEs.total).toBe(inactive.length);
      expect(fromFlux).toEqual(fromEs);
      expect(fromEs.aggregations.find((a) => a.name === 'hosts')?.buckets?.length).toBeGreaterThan(1);
      // The forwarder stores the cluster the Gateway lists from: one bucket, every job.
      expect(fromEs.aggregations.find((a) => a.name === 'clusters')?.buckets).toEqual([
        { key: await datasources.fluxClusters.primaryName(), docCount: inactive.length },
      ]);
    });

    test('JOBS_API (summed over its applications) gives the same RESULT buckets and CANCELED count as ELASTICSEARCH (the jobs both hold)', async () => {
      const from = new Date((dataset.now - 60 * 86_400) * 1000).toISOString();
      const to = new Date((dataset.now + 86_400) * 1000).toISOString();
      const apps = JOBS_API_APPLICATIONS.map(
        (app) =>
          `${app}: jobAggregations(source: JOBS_API, filter: { from: "${from}", to: "${to}", application: "${app}", includesEu: true }, aggs: ${COMMON_AGGS}) { ${AGG_FIELDS} }`,
      );
      const answer = await query(
        `{ es: jobAggregations(source: ELASTICSEARCH, aggs: ${COMMON_AGGS}) { ${AGG_FIELDS} } ${apps.join(' ')} }`,
      );
      expect(answer.errors).toBeUndefined();
      const data = answer.data as Record<string, AggAnswer>;
      const summed = sumAnswers(JOBS_API_APPLICATIONS.map((app) => data[app] as AggAnswer));
      const fromEs = nonZero(data['es'] as AggAnswer);
      // The jobs/aggs API also holds the live jobs: compare what both hold, the results.
      for (const name of ['result', 'canceled'])
        expect(summed.aggregations.find((a) => a.name === name)).toEqual(
          fromEs.aggregations.find((a) => a.name === name),
        );
      expect(summed.total).toBe(dataset.jobs.length);
    });
  },
);
