import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatJobId } from '../../../src/datasources/flux/job-id';
import { generateDataset } from '../../../src/simulators/dataset';
import { startAllBackendsGateway } from '../../support/all-backends-gateway';
import type { AllBackendsGateway } from '../../support/all-backends-gateway';
import { composeSupergraph, startApolloRouter, startHiveRouter } from '../../support/federation-routers';
import type { TestRouter } from '../../support/federation-routers';
import { PROPOSALS_SDL, startProposalsSubgraph } from '../../support/proposals-subgraph';
import type { ProposalsSubgraph } from '../../support/proposals-subgraph';
import { TEST_OPERATOR, forbiddenPaths, jwtCallers } from '../../support/test-callers';
import type { TestCallers } from '../../support/test-callers';

/**
 * Issue 16 §3, the other identity path (audit, stop 2): jobgraph in JWT mode behind Hive Gateway
 * and Apollo Gateway, the caller's bearer token forwarded by the router (`authorization`). The
 * routers connect from loopback, but with JOBGRAPH_AUTH=jwt an `x-remote-user` header is no
 * identity at all: only the token counts.
 */
const dataset = generateDataset({ seed: 37, jobCount: 200, now: 1_760_000_000 });
const subgraphSdl = readFileSync(join(__dirname, '..', '..', '..', 'subgraph.graphql'), 'utf8');
const QUERY = `query Details($id: JobId!) { job(id: $id) { id userName eventlog { name } jobspec { command } } }`;

describe('identity through the routers as a forwarded JWT', () => {
  let callers: TestCallers;
  let gw: AllBackendsGateway;
  let proposals: ProposalsSubgraph;
  const routers: Record<string, TestRouter> = {};
  const job = dataset.jobs.find((j) => j.job.userId !== dataset.ownerUid)?.job;
  const owner = dataset.users.find((u) => u.uid === job?.userId)?.name as string;
  const other = dataset.users.find((u) => u.uid !== job?.userId && u.uid !== dataset.ownerUid)?.name as string;

  beforeAll(async () => {
    callers = await jwtCallers();
    gw = await startAllBackendsGateway(dataset, 2_000, { JOBGRAPH_FEDERATION: 'on', ...callers.env });
    proposals = await startProposalsSubgraph([{ id: 'P-1', title: 'JWT', experiments: [] }]);
    const supergraph = composeSupergraph([
      { name: 'jobgraph', url: `${gw.url}/graphql`, sdl: subgraphSdl },
      { name: 'proposals', url: proposals.url, sdl: PROPOSALS_SDL },
    ]);
    routers.hive = await startHiveRouter(supergraph);
    routers.apollo = await startApolloRouter(supergraph);
  });
  afterAll(async () => {
    await Promise.all(Object.values(routers).map((r) => r.close()));
    await proposals?.close();
    await gw?.close();
  });

  it.each([['hive'], ['apollo']])(
    '%s: the owner sees the details, another user gets FORBIDDEN, the operator role sees all, no token none',
    async (kind) => {
      const router = routers[kind] as TestRouter;
      const id = formatJobId(job?.id as bigint);
      const asOwner = await router.query(QUERY, { id }, await callers.headers(owner));
      expect(asOwner.errors).toBeUndefined();
      expect(asOwner.data?.job).toMatchObject({ id, userName: owner });
      expect(asOwner.data?.job.eventlog.length).toBeGreaterThan(0);
      const asOther = await router.query(QUERY, { id }, await callers.headers(other));
      expect(asOther.data?.job).toMatchObject({ id, eventlog: null, jobspec: null });
      expect(forbiddenPaths(asOther)).toEqual(['job.eventlog', 'job.jobspec']);
      const asOperator = await router.query(QUERY, { id }, await callers.headers(TEST_OPERATOR));
      expect(asOperator.errors).toBeUndefined();
      // A proxy header is no identity in JWT mode, even from the router's loopback address.
      const spoofed = await router.query(QUERY, { id }, { 'x-remote-user': owner });
      expect(spoofed.data?.job ?? null).toBeNull();
      expect(spoofed.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHENTICATED');
    },
  );
});
