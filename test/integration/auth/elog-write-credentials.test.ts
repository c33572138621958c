import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { closeDatasources, createDatasources } from '../../../src/datasources/create-datasources';
import type { Datasources } from '../../../src/datasources/create-datasources';
import { createStaticUserDatabase } from '../../../src/datasources/users/static-user-database';
import { createServer } from '../../../src/server/create-server';
import type { GatewayServer } from '../../../src/server/create-server';
import { generateDataset } from '../../../src/simulators/dataset';
import { startElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import type { ElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { GraphQLBody } from '../../support/gateway-harness';
import { TEST_OPERATOR, proxyHeaderCallers } from '../../support/test-callers';

/**
 * Issue 10 §2: eLog writes go out with the caller's own credentials where the auth mode allows
 * (Kerberos: the caller's X-Jobgraph-Elog-Negotiate token). The gateway's own ticket
 * (JOBGRAPH_ELOG_KERBEROS_COMMAND, here principal "jobgraphsvc") serves reads for everyone and
 * writes for operators only.
 */
describe("eLog writes with the caller's own Kerberos credentials", () => {
  const dataset = generateDataset({ seed: 37, jobCount: 100, now: 1_760_000_000 });
  const experiment = dataset.experiments[0]?.name ?? '';
  const callers = proxyHeaderCallers();
  let flux: FluxSimulator;
  let elog: ElogSimulator;
  let datasources: Datasources;
  let server: GatewayServer;
  let url: string;
  const gql = async (user: string, query: string, negotiate?: string): Promise<GraphQLBody<any>> => {
    const headers = {
      'content-type': 'application/json',
      ...(await callers.headers(user)),
      ...(negotiate ? { 'x-jobgraph-elog-negotiate': negotiate } : {}),
    };
    return (await (
      await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query }) })
    ).json()) as GraphQLBody<any>;
  };
  const post = `mutation { postElogMessage(input: { experiment: "${experiment}", text: "from the access test" }) { author } }`;
  const posts = (): number => elog.requests.filter((r) => r.route === 'new_elog_entry').length;

  beforeAll(async () => {
    flux = await startFluxSimulator({ dataset });
    elog = await startElogSimulator({ dataset });
    const config = loadConfig({
      env: {
        JOBGRAPH_PORT: '0',
        JOBGRAPH_PLAYGROUND: 'off',
        FLUX_URI: flux.uri,
        ...callers.env,
        JOBGRAPH_ELOG_URL: elog.url,
        JOBGRAPH_ELOG_AUTH: 'kerberos',
        JOBGRAPH_ELOG_KERBEROS_COMMAND: `printf '%s\\n' ${elog.negotiateToken('jobgraphsvc')}`,
      },
    });
    ({ datasources } = createDatasources(config, { users: createStaticUserDatabase(dataset.users) }));
    server = await createServer({ config, datasources, logger: pino({ level: 'silent' }) });
    url = `${await server.listen()}/graphql`;
  });
  afterAll(async () => {
    await server.close(1000);
    await closeDatasources(datasources);
    await flux.close();
    await elog.close();
  });

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
