import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDataset } from '../../../src/simulators/dataset';
import { startAllBackendsGateway } from '../../support/all-backends-gateway';
import type { AllBackendsGateway } from '../../support/all-backends-gateway';
import { composeSupergraph, startApolloRouter, startHiveRouter } from '../../support/federation-routers';
import type { TestRouter } from '../../support/federation-routers';
import { ALLOCATIONS, PROPOSALS_SDL, startProposalsSubgraph } from '../../support/proposals-subgraph';
import type { ProposalsSubgraph } from '../../support/proposals-subgraph';
import { TEST_OPERATOR, forbiddenPaths, proxyHeaderCallers } from '../../support/test-callers';

/**
 * Issue 16 §3: jobgraph (JOBGRAPH_FEDERATION=on, over every simulator) and the proposals test
 * subgraph composed into one supergraph, served by Hive Gateway and by Apollo Gateway. Queries
 * cross both subgraphs; the caller's identity passes router → jobgraph as the trusted proxy's
 * header (the routers connect from loopback, a trusted proxy address).
 */
const dataset = generateDataset({ seed: 29, jobCount: 400, now: 1_760_000_000 });
const callers = proxyHeaderCallers();
const subgraphSdl = readFileSync(join(__dirname, '..', '..', '..', 'subgraph.graphql'), 'utf8');

interface Pick {
  jobId: string;
  owner: string;
  other: string;
  bank: string;
  experiment: string;
  run: number;
}

describe('jobgraph behind real routers', () => {
  let gw: AllBackendsGateway;
  let proposals: ProposalsSubgraph;
  const routers: Record<string, TestRouter> = {};
  let pick: Pick;
  let experiments: string[];

  /** Asks jobgraph itself (no router), as the operator. */
  const direct = async (query: string, variables: Record<string, unknown> = {}, partial = false): Promise<any> => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await callers.headers(TEST_OPERATOR)) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    if (!partial) expect(body.errors).toBeUndefined();
    return body.data;
  };

  beforeAll(async () => {
    gw = await startAllBackendsGateway(dataset, 2_000, { JOBGRAPH_FEDERATION: 'on', ...callers.env });
    // The eLog is read as the hutches' operator accounts: their active experiments.
    experiments = dataset.experiments.filter((e) => e.isActive && e.station === 0).map((e) => e.name);
    expect(experiments.length).toBeGreaterThan(1);
    proposals = await startProposalsSubgraph([
      { id: 'P-1001', title: 'Serial crystallography of photosystem II', experiments },
      { id: 'P-1002', title: 'An empty proposal', experiments: [] },
    ]);
    const supergraph = composeSupergraph([
      { name: 'jobgraph', url: `${gw.url}/graphql`, sdl: subgraphSdl },
      { name: 'proposals', url: proposals.url, sdl: PROPOSALS_SDL },
    ]);
    routers.hive = await startHiveRouter(supergraph);
    routers.apollo = await startApolloRouter(supergraph);

    // A profiled job linked to an eLog run, with a bank, whose owner is a known user.
    const found = (await direct(
      '{ profileReports(first: 200) { nodes { job { id bank userName elogRun { experiment number } } } } }',
      {},
      true, // runs of experiments the operator accounts may not read are FORBIDDEN
    )) as { profileReports: { nodes: Array<{ job: any }> } };
    const job = found.profileReports.nodes
      .map((n) => n.job)
      .find((j) => j?.bank && ALLOCATIONS[j.bank] && experiments.includes(j.elogRun?.experiment) && j.userName);
    if (!job) throw new Error('the dataset has no profiled job with a bank and an eLog run');
    const other = dataset.users.find((u) => u.name !== job.userName && u.uid !== dataset.ownerUid)?.name as string;
    pick = { jobId: job.id, owner: job.userName, other, bank: job.bank, ...job.elogRun, run: job.elogRun.number };
  });
  afterAll(async () => {
    await Promise.all(Object.values(routers).map((r) => r.close()));
    await proposals?.close();
    await gw?.close();
  });

  describe.each([['hive'], ['apollo']])('through %s', (kind) => {
    const router = (): TestRouter => routers[kind] as TestRouter;

    it('proposal → experiments → runs: the proposals subgraph owns the proposal, jobgraph the rest', async () => {
      const body = await router().query(
        `query ProposalRuns($id: ID!) { proposal(id: $id) { id title
           experiments { name instrument proposal { id } runs(first: 2) { experiment number beginTime } } } }`,
        { id: 'P-1001' },
        await callers.headers(TEST_OPERATOR),
      );
      expect(body.errors).toBeUndefined();
      const expected = await Promise.all(
        experiments.map(async (name) => {
          const data = await direct(
            'query($n: String!) { experiment(name: $n) { name instrument runs(first: 2) { experiment number beginTime } } }',
            { n: name },
          );
          return { ...data.experiment, proposal: { id: 'P-1001' } };
        }),
      );
      expect(body.data?.proposal).toEqual({
        id: 'P-1001',
        title: 'Serial crystallography of photosystem II',
        experiments: expected,
      });
      expect(expected.some((e) => e.runs.length > 0)).toBe(true);
    });

    it("a job's jobgraph fields with Job.allocation from the proposals subgraph (@requires bank)", async () => {
      const before = proposals.log.allocationBanks.length;
      const body = await router().query(
        `query JobAcross($id: JobId!) { job(id: $id) { id bank userName allocation
           elogRun { experiment number } profile { id peakMemoryKiB job { id } } } }`,
        { id: pick.jobId },
        await callers.headers(TEST_OPERATOR),
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.job).toMatchObject({
        id: pick.jobId,
        bank: pick.bank,
        userName: pick.owner,
        allocation: ALLOCATIONS[pick.bank],
        elogRun: { experiment: pick.experiment, number: pick.run },
        profile: { job: { id: pick.jobId } },
      });
      expect(body.data?.job.profile.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(proposals.log.allocationBanks.slice(before)).toEqual([pick.bank]);
    });

    it('identity passes through the router: another user gets FORBIDDEN on the details, the owner sees them', async () => {
      const query = `query Details($id: JobId!) { job(id: $id) { id allocation eventlog { name } jobspec { command } } }`;
      const asOther = await router().query(query, { id: pick.jobId }, await callers.headers(pick.other));
      expect(asOther.data?.job).toMatchObject({ id: pick.jobId, eventlog: null, jobspec: null });
      expect(asOther.data?.job.allocation).toBe(ALLOCATIONS[pick.bank]);
      expect(forbiddenPaths(asOther)).toEqual(['job.eventlog', 'job.jobspec']);
      const asOwner = await router().query(query, { id: pick.jobId }, await callers.headers(pick.owner));
      expect(asOwner.errors).toBeUndefined();
      expect(asOwner.data?.job.eventlog.length).toBeGreaterThan(0);
      const anonymous = await router().query(query, { id: pick.jobId });
      expect(anonymous.data?.job ?? null).toBeNull();
      expect(anonymous.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHENTICATED');
    });
  });

  it.each([['hive'], ['apollo']])(
    'an eLog fault: %s returns a partial result with jobgraph error codes',
    async (kind) => {
      const router = routers[kind] as TestRouter;
      gw.elog.faults.set('html');
      try {
        const body = await router.query(
          `query Partial($id: ID!, $job: JobId!) { proposal(id: $id) { id title experiments { name instrument } }
             job(id: $job) { id bank allocation elogRun { number } } }`,
          { id: 'P-1001', job: pick.jobId },
          await callers.headers(TEST_OPERATOR),
        );
        expect(body.data?.proposal).toMatchObject({ id: 'P-1001', title: 'Serial crystallography of photosystem II' });
        expect(body.data?.job).toMatchObject({ id: pick.jobId, bank: pick.bank, allocation: ALLOCATIONS[pick.bank] });
        expect(body.data?.job.elogRun).toBeNull();
        const codes = new Set((body.errors ?? []).map((e) => e.extensions?.code));
        expect([...codes].every((c) => typeof c === 'string' && /^UPSTREAM_/.test(c))).toBe(true);
        expect(codes.size).toBeGreaterThan(0);
      } finally {
        gw.elog.faults.set('none');
      }
    },
  );
});
