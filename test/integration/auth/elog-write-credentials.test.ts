import { generateDataset } from '../../../src/simulators/dataset';
import type { ElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import { startKerberosElogGateway } from '../../support/elog-kerberos-gateway';
import type { KerberosElogGateway } from '../../support/elog-kerberos-gateway';
import type { GraphQLBody } from '../../support/gateway-harness';
import { TEST_OPERATOR } from '../../support/test-callers';
import type { TestCallers } from '../../support/test-callers';

/**
 * Issue 10 §2: eLog writes go out with the caller's own credentials where the auth mode allows
 * (Kerberos: the caller's X-Jobgraph-Elog-Negotiate token). The gateway's own ticket
 * (JOBGRAPH_ELOG_KERBEROS_COMMAND, here principal "jobgraphsvc") serves reads for everyone and
 * writes for operators only.
 */
describe("eLog writes with the caller's own Kerberos credentials", () => {
  const dataset = generateDataset({ seed: 37, jobCount: 100, now: 1_760_000_000 });
  const experiment = dataset.experiments[0]?.name ?? '';
  let gateway: KerberosElogGateway;
  let elog: ElogSimulator;
  let callers: TestCallers;
  let url: string;
  const gql = (user: string, query: string, negotiate?: string): Promise<GraphQLBody<any>> =>
    gateway.gql(user, query, {}, negotiate);
  const post = `mutation { postElogMessage(input: { experiment: "${experiment}", text: "from the access test" }) { author } }`;
  const posts = (): number => elog.requests.filter((r) => r.route === 'new_elog_entry').length;

  beforeAll(async () => {
    gateway = await startKerberosElogGateway(dataset);
    ({ elog, callers, url } = gateway);
  });
  afterAll(() => gateway.close());

  it('refuses a user without their own token before anything is sent, and posts as them with it', async () => {
    const before = posts();
    const refused = await gql('amorgan', post);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', backend: 'elog' });
    expect(refused.errors?.[0]?.message).toMatch(/your own Kerberos credentials/);
    expect(posts()).toBe(before);
    const own = await gql('amorgan', post, elog.negotiateToken('amorgan'));
    expect(own).toEqual({ data: { postElogMessage: { author: 'amorgan' } } });
  });

  it("lets an operator write with the gateway's ticket", async () => {
    expect(await gql(TEST_OPERATOR, post)).toEqual({ data: { postElogMessage: { author: 'jobgraphsvc' } } });
  });

  it('updateRunTable follows the same rule', async () => {
    const run = dataset.experiments[0]?.runs[0]?.number ?? 1;
    const update = `mutation { updateRunTable(experiment: "${experiment}", run: ${run}, values: { quality: "good" }) }`;
    expect((await gql('amorgan', update)).errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      backend: 'elog',
    });
    expect(await gql('amorgan', update, elog.negotiateToken('amorgan'))).toEqual({ data: { updateRunTable: true } });
    expect(await gql(TEST_OPERATOR, update)).toEqual({ data: { updateRunTable: true } });
  });

  it("reads still use the gateway's ticket for every caller", async () => {
    expect(await gql('amorgan', `{ experiment(name: "${experiment}") { name } }`)).toEqual({
      data: { experiment: { name: experiment } },
    });
  });

  it("serves eLog attachments to authenticated callers only, read with the caller's forwarded token when sent", async () => {
    const exp = elog.store.experiments.get(experiment);
    const entry = exp?.entries.find((e) => (e.attachments?.length ?? 0) > 0);
    const file = entry?.attachments?.[1];
    const path = `${url.replace('/graphql', '')}/elog/attachments/${experiment}/${entry?._id}/${file?._id}`;
    const before = elog.requests.length;
    expect((await fetch(path)).status).toBe(401);
    expect(elog.requests.length).toBe(before);
    const own = await fetch(path, {
      headers: { ...(await callers.headers('amorgan')), 'x-jobgraph-elog-negotiate': elog.negotiateToken('amorgan') },
    });
    expect(own.status).toBe(200);
    expect(Buffer.from(await own.arrayBuffer()).equals(Buffer.from(file?.data ?? []))).toBe(true);
    expect(elog.requests.slice(before).map((r) => [r.route, r.user])).toEqual([['attachment', 'amorgan']]);
    const gateway = await fetch(path, { headers: await callers.headers('amorgan') });
    expect(gateway.status).toBe(200);
    expect(elog.requests.at(-1)).toMatchObject({ route: 'attachment', user: 'jobgraphsvc' });
  });
});
