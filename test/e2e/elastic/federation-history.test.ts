import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDataset } from '../../../src/simulators/dataset';
import { startAllBackendsGateway } from '../../support/all-backends-gateway';
import type { AllBackendsGateway } from '../../support/all-backends-gateway';
import { composeSupergraph, startApolloRouter, startHiveRouter } from '../../support/federation-routers';
import type { TestRouter } from '../../support/federation-routers';
import { PROPOSALS_SDL, startProposalsSubgraph } from '../../support/proposals-subgraph';
import type { ProposalsSubgraph } from '../../support/proposals-subgraph';
import { TEST_OPERATOR, proxyHeaderCallers } from '../../support/test-callers';
import { describeElastic, elasticUrl } from './elastic-test-env';

/**
 * Issue 16 §3, the history hop: proposal (proposals subgraph) → experiments → runs (eLog) → jobs
 * (Elasticsearch job history, this real node) → profile (Sciagraph), through Hive Gateway and
 * Apollo Gateway, equal to what jobgraph answers on its own.
 */
const dataset = generateDataset({ seed: 29, jobCount: 600, now: 1_760_000_000 });
const callers = proxyHeaderCallers();
/** Runs from just above a profiled job's run down (`after` is exclusive), their jobs and the jobs' profiles. */
const CHAIN = `runs(first: 3, after: $after) { number jobs(first: 20) { nodes { id state profile { id peakMemoryKiB job { id } } } } }`;

describeElastic('federated history: proposal → experiments → runs → jobs → profile', () => {
  let gw: AllBackendsGateway;
  let proposals: ProposalsSubgraph;
  const routers: Record<string, TestRouter> = {};
  let experiments: string[];
  /** A run number just above that of a profiled job in one of the experiments. */
  let after: string;
  const index = `jg-federation-${process.pid}`;

  const direct = async (query: string, variables: Record<string, unknown> = {}): Promise<any> => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await callers.headers(TEST_OPERATOR)) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  beforeAll(async () => {
    gw = await startAllBackendsGateway(dataset, 10_000, {
      JOBGRAPH_FEDERATION: 'on',
      JOBGRAPH_ELASTICSEARCH_URL: elasticUrl as string,
      JOBGRAPH_ELASTICSEARCH_INDEX: index,
      JOBGRAPH_ELASTICSEARCH_STATE_INDEX: `${index}.state`,
      ...callers.env,
    });
    await direct('mutation { forwardJobs { forwarded } }');
    await gw.datasources.elastic?.refresh();
    experiments = dataset.experiments.filter((e) => e.isActive && e.station === 0).map((e) => e.name);
    const found = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await callers.headers(TEST_OPERATOR)) },
      body: JSON.stringify({
        query: '{ profileReports(first: 300) { nodes { job { state elogRun { experiment number } } } } }',
      }),
    }).then((r) => r.json() as Promise<{ data: { profileReports: { nodes: Array<{ job: any }> } } }>);
    const run = found.data.profileReports.nodes
      .filter((n) => n.job?.state === 'INACTIVE') // only inactive jobs are in the history
      .map((n) => n.job?.elogRun)
      .find((r) => r && experiments.includes(r.experiment));
    if (!run) throw new Error('no profiled job in a readable experiment');
    after = String(run.number + 1);
    proposals = await startProposalsSubgraph([{ id: 'P-2001', title: 'Beamtime with history', experiments }]);
    const supergraph = composeSupergraph([
      {
        name: 'jobgraph',
        url: `${gw.url}/graphql`,
        sdl: readFileSync(join(__dirname, '..', '..', '..', 'subgraph.graphql'), 'utf8'),
      },
      { name: 'proposals', url: proposals.url, sdl: PROPOSALS_SDL },
    ]);
    routers.hive = await startHiveRouter(supergraph);
    routers.apollo = await startApolloRouter(supergraph);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(Object.values(routers).map((r) => r.close()));
    await proposals?.close();
    const client = gw?.datasources.elastic?.client;
    await client?.indices
      .delete({ index: `${index}*`, allow_no_indices: true, ignore_unavailable: true })
      .catch(() => undefined);
    await gw?.close();
  });

  it.each([['hive'], ['apollo']])('through %s, equal to jobgraph on its own', async (kind) => {
    const router = routers[kind] as TestRouter;
    const body = await router.query(
      `query Chain($id: ID!, $after: String) { proposal(id: $id) { id experiments { name ${CHAIN} } } }`,
      { id: 'P-2001', after },
      await callers.headers(TEST_OPERATOR),
    );
    expect(body.errors).toBeUndefined();
    const expected = await Promise.all(
      experiments.map(
        async (name) =>
          (
            await direct(`query($n: String!, $after: String) { experiment(name: $n) { name ${CHAIN} } }`, {
              n: name,
              after,
            })
          ).experiment,
      ),
    );
    expect(body.data?.proposal).toEqual({ id: 'P-2001', experiments: expected });
    const jobs = expected.flatMap((e: any) => e.runs.flatMap((r: any) => r.jobs.nodes));
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.some((j: any) => j.profile !== null)).toBe(true);
  });
});
