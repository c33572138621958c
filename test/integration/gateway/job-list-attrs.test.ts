import { Kind, getNamedType, isLeafType, isObjectType, parse } from 'graphql';
import type { FieldNode, GraphQLField, GraphQLObjectType, GraphQLResolveInfo, OperationDefinitionNode } from 'graphql';
import pino from 'pino';
import type { Caller } from '../../../src/auth/caller';
import type { Datasources } from '../../../src/datasources/create-datasources';
import type { GraphQLContext } from '../../../src/resolvers/graphql-context';
import type { JobConnection } from '../../../src/schema/job-connection.type';
import { formatJobId } from '../../../src/datasources/flux/job-id';
import { JOB_ENTRY_REQUIRED_ATTRS } from '../../../src/datasources/flux/job.mapper';
import { JobQueryResolver } from '../../../src/resolvers/job-query.resolver';
import { createContext } from '../../../src/server/context';
import { gatewaySchema } from '../../../src/server/gateway-schema';
import { generateDataset } from '../../../src/simulators/dataset';
import { startClustersGateway } from '../../support/clusters-gateway';
import type { ClustersGateway } from '../../support/clusters-gateway';
import { startGatewayHarness } from '../../support/gateway-harness';
import type { GatewayHarness } from '../../support/gateway-harness';

// Issue 19, stop 4: `jobs` lists only the job-list attributes its selected Job fields read
// (src/resolvers/job-list-attrs.ts) — and every field still answers as from a whole entry.

const Q1 =
  '{ jobs(first: 100) { edges { node { id state submittedAt startedAt inactiveAt runtimeSeconds ' +
  'eventlog { name timestamp context } jobspec { command resources attributes } } } } }';

/** The `attrs` of every job-list.list the simulator received, each sorted. */
function listedAttrs(payloads: string[]): string[][] {
  return payloads.map((text) => [...(JSON.parse(text) as { attrs: string[] }).attrs].sort());
}

/** The resolve info of a document's one root field, as a resolver gets it (no fragments). */
function infoOf(document: string): GraphQLResolveInfo {
  const operation = parse(document).definitions[0] as OperationDefinitionNode;
  const fieldNodes = operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
  return { fieldNodes, fragments: {}, variableValues: {}, path: { key: 'jobs' } } as unknown as GraphQLResolveInfo;
}

/** `jobs(first: 20) { nodes { id } }` through the resolver in a fresh request context: the page and that context. */
async function idsPage(datasources: Datasources): Promise<{ ctx: GraphQLContext; page: JobConnection }> {
  const ctx = createContext({
    requestId: 'prime',
    logger: pino({ level: 'silent' }),
    caller: { kind: 'anonymous' } as unknown as Caller,
    datasources,
  });
  return { ctx, page: await new JobQueryResolver().jobs(ctx, infoOf('{ jobs { nodes { id } } }'), null, 20) };
}

/** A selection of `field` and, for an object, its leaves (two levels down). */
function selectionOf(field: GraphQLField<unknown, unknown>, depth = 0): string {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return field.name;
  if (!isObjectType(type) || depth > 1) return '';
  const inner = Object.values(type.getFields())
    .filter((f) => f.args.every((a) => a.type.toString().endsWith('!') === false))
    .map((f) => selectionOf(f, depth + 1))
    .filter(Boolean);
  return inner.length > 0 ? `${field.name} { ${inner.join(' ')} }` : '';
}

const jobType = gatewaySchema().getType('Job') as GraphQLObjectType;
const jobFields = Object.values(jobType.getFields()).map((field) => selectionOf(field));

describe('jobs lists only the attributes its Job fields read (one cluster)', () => {
  const dataset = generateDataset({ seed: 5, jobCount: 600 });
  let gw: GatewayHarness;
  const payloads: string[] = [];
  beforeAll(async () => {
    gw = await startGatewayHarness(dataset, {
      // One request holds a page per state and job(id:) of each of its jobs.
      env: { JOBGRAPH_LIMIT_ROOT_FIELDS: '100', JOBGRAPH_LIMIT_ALIASES: '100' },
      sim: { onRequest: (topic, payload) => void (topic === 'job-list.list' && payloads.push(payload)) },
    });
  });
  afterAll(() => gw.close());

  it("Q1's listing asks job-list for exactly the mapper's four attributes and t_run, t_cleanup, t_inactive", async () => {
    payloads.length = 0;
    const { body } = await gw.query<{ jobs: { edges: unknown[] } }>(Q1);
    expect(body.errors).toBeUndefined();
    expect(body.data?.jobs.edges).toHaveLength(100);
    expect(payloads.length).toBeGreaterThan(0);
    // The window listings ask Q1's attributes; a one-job probe (max_entries 1) only the submit time's four.
    const q1 = [...JOB_ENTRY_REQUIRED_ATTRS, 't_run', 't_cleanup', 't_inactive'].sort();
    const probe = [...JOB_ENTRY_REQUIRED_ATTRS].sort();
    expect(listedAttrs(payloads)).toEqual(
      payloads.map((text) => ((JSON.parse(text) as { max_entries: number }).max_entries === 1 ? probe : q1)),
    );
    expect(listedAttrs(payloads)).toContainEqual(q1);
  });

  it('a bank filter (applied in the gateway) gets the bank attribute and exactly the bank’s jobs', async () => {
    const bank = dataset.jobs.find((j) => j.job.bank !== undefined)?.job.bank as string;
    const expected = dataset.jobs
      .map((j) => j.job)
      .filter((job) => job.bank === bank)
      .sort((a, b) => b.tSubmit - a.tSubmit || (a.id === b.id ? 0 : a.id > b.id ? -1 : 1))
      .slice(0, 50);
    payloads.length = 0;
    const { body } = await gw.query<{ jobs: { nodes: Array<{ id: string }> } }>(
      `{ jobs(first: 50, filter: { banks: ["${bank}"] }) { nodes { id } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.jobs.nodes.map((n) => n.id)).toEqual(expected.map((job) => formatJobId(job.id)));
    const windows = payloads.filter((text) => (JSON.parse(text) as { max_entries: number }).max_entries !== 1);
    expect(windows.length).toBeGreaterThan(0);
    expect(listedAttrs(windows).every((attrs) => attrs.includes('bank') && !attrs.includes('all'))).toBe(true);
  });

  it('a partial page is not primed into the job loader: a later job(id:) of its jobs in the request reads it whole', async () => {
    // Root fields load at once (before any page is primed), so a later load is what a primed partial job
    // would answer: e.g. ProfileReport.job after the report lookup. The resolver, then the loader, in one context.
    const { ctx, page } = await idsPage(gw.datasources);
    expect(page.nodes).toHaveLength(20);
    expect(page.nodes.every((job) => job.tInactive === undefined && job.name === undefined)).toBe(true);
    const loaded = await Promise.all(page.nodes.map((job) => ctx.loaders.flux.job.load(job.id)));
    const whole = await Promise.all(page.nodes.map((job) => gw.datasources.flux.getJob(job.id)));
    expect(loaded).toEqual(whole);
    expect(whole.some((job) => job?.name !== undefined)).toBe(true);
  });

  it('jobs { id } with job(id:) of its jobs in one request answers job(id:) whole (as without the page)', async () => {
    // Inactive jobs: no field depends on the request's `now`, so the two requests must answer alike.
    const all = jobFields.filter(Boolean).join(' ');
    const page = 'jobs(first: 20, filter: { states: [INACTIVE] }) { nodes { id } }';
    const ids = (await gw.query<{ jobs: { nodes: Array<{ id: string }> } }>(`{ ${page} }`)).body.data?.jobs.nodes ?? [];
    expect(ids).toHaveLength(20);
    const byId = ids.map((n, i) => `j${i}: job(id: "${n.id}") { ${all} }`).join(' ');
    const alone = await gw.query<Record<string, unknown>>(`{ ${byId} }`);
    const withPage = await gw.query<Record<string, unknown>>(`{ ${page} ${byId} }`);
    const { jobs, ...rest } = withPage.body.data as Record<string, unknown>;
    expect(jobs).toEqual({ nodes: ids });
    expect(rest).toEqual(alone.body.data);
    expect((rest.j0 as { name: string | null }).name).not.toBeNull();
  });

  it.each(jobFields.filter(Boolean))(
    'Job.%s answers the same from the partial listing as job(id:) in the same request (a whole entry)',
    async (selection) => {
      // The newest jobs, inactive ones and active ones: every state a field distinguishes.
      const pages = ['', ', filter: { states: [INACTIVE] }', ', filter: { states: [RUN, SCHED, DEPEND] }'];
      const ids = (
        await gw.query<Record<string, { nodes: Array<{ id: string }> }>>(
          `{ ${pages.map((filter, i) => `p${i}: jobs(first: 12${filter}) { nodes { id } }`).join(' ')} }`,
        )
      ).body.data;
      const wanted = pages.flatMap((_filter, i) => ids?.[`p${i}`]?.nodes.map((n) => n.id) ?? []);
      expect(new Set(wanted).size).toBeGreaterThanOrEqual(20);
      payloads.length = 0;
      // One request (one `now`): the pages from partial listings, then job(id:) of each of their jobs (list-id, all).
      const { body } = await gw.query<Record<string, unknown>>(
        `{ ${pages.map((filter, i) => `p${i}: jobs(first: 12${filter}) { nodes { id ${selection} } }`).join(' ')} ` +
          `${wanted.map((id, i) => `j${i}: job(id: "${id}") { id ${selection} }`).join(' ')} }`,
      );
      expect((body.errors ?? []).filter((e) => e.extensions?.code !== 'UPSTREAM_UNAVAILABLE')).toEqual([]);
      const data = body.data as Record<string, { nodes?: unknown[] } | null>;
      const listed = pages.flatMap((_filter, i) => data[`p${i}`]?.nodes ?? []);
      expect(listed).toHaveLength(wanted.length);
      expect(listed).toEqual(wanted.map((_id, i) => data[`j${i}`]));
      expect(listedAttrs(payloads).some((attrs) => attrs.includes('all'))).toBe(false);
      // A field of an unconfigured backend fails the same way on both paths (one error per job each).
      const messages = (body.errors ?? []).map((e) => e.message);
      expect(messages.length % 2).toBe(0);
    },
  );
});

describe('jobs lists only the attributes its Job fields read (several clusters)', () => {
  const NOW = 1_795_400_000;
  const datasets = {
    a: generateDataset({ seed: 3, jobCount: 300, now: NOW, days: 7 }),
    b: generateDataset({ seed: 4, jobCount: 200, now: NOW, days: 7 }),
  };
  const payloads: Record<string, string[]> = { a: [], b: [] };
  let gateway: ClustersGateway;
  beforeAll(async () => {
    const record = (name: 'a' | 'b') => ({
      dataset: datasets[name],
      sim: {
        onRequest: (topic: string, payload: string) =>
          void (topic === 'job-list.list' && payloads[name]?.push(payload)),
      },
    });
    gateway = await startClustersGateway(
      { a: record('a'), b: record('b') },
      { JOBGRAPH_LIMIT_ROOT_FIELDS: '100', JOBGRAPH_LIMIT_ALIASES: '100' },
    );
  });
  afterAll(() => gateway.close());

  it("each cluster lists Q1's attributes only, and every Job field answers as job(id:, cluster:) in the same request", async () => {
    payloads.a = [];
    payloads.b = [];
    const q1 = await gateway.query<{ jobs: { edges: unknown[] } }>(Q1);
    expect(q1.body.errors).toBeUndefined();
    expect(q1.body.data?.jobs.edges).toHaveLength(100);
    const expected = [...JOB_ENTRY_REQUIRED_ATTRS, 't_run', 't_cleanup', 't_inactive'].sort();
    for (const name of ['a', 'b']) {
      const windows = (payloads[name] ?? []).filter(
        (t) => (JSON.parse(t) as { max_entries: number }).max_entries !== 1,
      );
      expect(windows.length).toBeGreaterThan(0);
      expect(listedAttrs(windows)).toEqual(windows.map(() => expected));
    }

    const all = jobFields.filter(Boolean).join(' ');
    const ids = await gateway.query<{ jobs: { nodes: Array<{ id: string; cluster: string }> } }>(
      '{ jobs(first: 24) { nodes { id cluster } } }',
    );
    const nodes = ids.body.data?.jobs.nodes ?? [];
    expect(new Set(nodes.map((n) => n.cluster))).toEqual(new Set(['a', 'b']));
    const byId = nodes.map((n, i) => `j${i}: job(id: "${n.id}", cluster: "${n.cluster}") { ${all} }`).join(' ');
    const { body } = await gateway.query<Record<string, unknown>>(`{ jobs(first: 24) { nodes { ${all} } } ${byId} }`);
    expect((body.errors ?? []).filter((e) => e.extensions?.code !== 'UPSTREAM_UNAVAILABLE')).toEqual([]);
    const data = body.data as Record<string, unknown> & { jobs: { nodes: unknown[] } };
    expect(data.jobs.nodes).toEqual(nodes.map((_n, i) => data[`j${i}`]));
  });

  it('a partial page is not primed into the clusterJob loader', async () => {
    const { ctx, page } = await idsPage(gateway.datasources);
    expect(new Set(page.nodes.map((job) => job.cluster))).toEqual(new Set(['a', 'b']));
    const loaded = await Promise.all(
      page.nodes.map((job) => ctx.loaders.flux.clusterJob.load({ id: job.id, cluster: job.cluster })),
    );
    expect(loaded.every((job) => job?.tInactive !== undefined || job?.state !== 'INACTIVE')).toBe(true);
    expect(loaded.some((job) => job?.name !== undefined)).toBe(true);
  });
});
