import type { GraphQLFieldResolver, GraphQLObjectType } from 'graphql';
import { generateDataset } from '../../../src/simulators/dataset';
import { gatewaySchema } from '../../../src/server/gateway-schema';
import { startClustersGateway } from '../../support/clusters-gateway';
import type { ClustersGateway } from '../../support/clusters-gateway';
import { countRpcs, startGatewayHarness } from '../../support/gateway-harness';
import type { GatewayHarness, GraphQLBody } from '../../support/gateway-harness';
import { TEST_OPERATOR, forbiddenPaths, proxyHeaderCallers } from '../../support/test-callers';

/**
 * The `jobs` page look-ahead (src/resolvers/job-details-ahead.ts) over HTTP against the Flux
 * simulator: the page's eventlog/jobspec lookups go out from the `jobs` resolver through the jobInfo
 * loader (one job-info.lookup per job with all its keys, as before), and Job.eventlog / Job.jobspec
 * answer values, not promises. Each case is compared with the same operation made lazy by an
 * `@include(if: true)` (the look-ahead does not evaluate directives: the fields load as before).
 */
const dataset = generateDataset({ seed: 11, jobCount: 700 });

/** What Job.eventlog and Job.jobspec returned since the last reset: promises or plain values (and throws). */
const returned = { promises: 0, values: 0 };
const restore: Array<() => void> = [];

beforeAll(() => {
  // The process-wide schema every gateway of this file serves: counted before any query compiles.
  const fields = (gatewaySchema().getType('Job') as GraphQLObjectType).getFields();
  for (const name of ['eventlog', 'jobspec']) {
    const field = fields[name] as { resolve?: GraphQLFieldResolver<unknown, unknown> };
    const resolve = field.resolve as GraphQLFieldResolver<unknown, unknown>;
    field.resolve = (root, args, context, info) => {
      let value: unknown;
      try {
        value = resolve(root, args, context, info);
      } catch (error) {
        returned.values += 1;
        throw error;
      }
      if (value instanceof Promise) returned.promises += 1;
      else returned.values += 1;
      return value;
    };
    restore.push(() => (field.resolve = resolve));
  }
});
afterAll(() => restore.forEach((undo) => undo()));

const reset = (): void => {
  returned.promises = 0;
  returned.values = 0;
};

/** A page of `first` jobs with eventlog and jobspec; `lazy` puts `@include(if: true)` on eventlog. */
const page = (first: number, lazy: boolean, fields = 'id userId'): string =>
  `{ jobs(first: ${first}) { edges { node { ${fields} eventlog${lazy ? ' @include(if: true)' : ''} { name timestamp context } jobspec { command resources attributes } } } } }`;

interface PageBody {
  jobs: { edges: Array<{ node: { id: string; userId: number; eventlog: unknown[] | null; jobspec: unknown } }> };
}

/**
 * A body as JSON without what differs between two requests of the same page by design: error
 * locations (the lazy operation's text is longer) and request ids. Errors keep their order.
 */
const comparable = (body: GraphQLBody<PageBody>): string =>
  JSON.stringify(body, (key, value: unknown) => (key === 'locations' || key === 'requestId' ? undefined : value));

async function post(url: string, query: string, headers: Record<string, string> = {}): Promise<GraphQLBody<PageBody>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as GraphQLBody<PageBody>;
}

describe('one cluster, an operator', () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGatewayHarness(dataset);
  });
  afterAll(() => gw.close());

  it('a 100-job page: one job-info.lookup per job with both keys, eventlog and jobspec answered as values', async () => {
    const lookup = jest.spyOn(gw.datasources.flux, 'lookup');
    try {
      reset();
      let body: GraphQLBody<PageBody> = {};
      expect(await countRpcs(gw.datasources, async () => (body = await post(gw.url, page(100, false))))).toEqual({
        'job-list.list': expect.any(Number),
        'job-info.lookup': 100,
      });
      expect(body.errors).toBeUndefined();
      expect(returned).toEqual({ promises: 0, values: 200 });
      const ids = body.data?.jobs.edges.map((e) => e.node.id);
      expect(lookup.mock.calls.map(([, keys]) => keys)).toEqual(ids?.map(() => ['eventlog', 'jobspec']));
      expect(body.data?.jobs.edges.every((e) => e.node.eventlog !== null && e.node.jobspec !== null)).toBe(true);

      // The same page made lazy: the fields load as before, one promise each, the same answer and RPCs.
      reset();
      lookup.mockClear();
      let lazy: GraphQLBody<PageBody> = {};
      expect(await countRpcs(gw.datasources, async () => (lazy = await post(gw.url, page(100, true))))).toEqual({
        'job-list.list': expect.any(Number),
        'job-info.lookup': 100,
      });
      expect(returned).toEqual({ promises: 200, values: 0 });
      expect(lookup.mock.calls.map(([, keys]) => keys)).toEqual(ids?.map(() => ['eventlog', 'jobspec']));
      expect(comparable(lazy)).toBe(comparable(body));
    } finally {
      lookup.mockRestore();
    }
  });

  it('looks up only the keys asked, and nothing when no detail is asked', async () => {
    const lookup = jest.spyOn(gw.datasources.flux, 'lookup');
    try {
      reset();
      const body = await post(gw.url, '{ jobs(first: 30) { nodes { id eventlog { name } } edges { cursor } } }');
      expect(body.errors).toBeUndefined();
      expect(lookup.mock.calls.map(([, keys]) => keys)).toEqual(Array.from({ length: 30 }, () => ['eventlog']));
      expect(returned).toEqual({ promises: 0, values: 30 });
      lookup.mockClear();
      expect(await countRpcs(gw.datasources, () => post(gw.url, '{ jobs(first: 30) { nodes { id state } } }'))).toEqual(
        {
          'job-list.list': expect.any(Number),
        },
      );
      expect(lookup).not.toHaveBeenCalled();
    } finally {
      lookup.mockRestore();
    }
  });
});

describe('one cluster, the gateway a Flux guest: another user’s job fails alone', () => {
  const guest = dataset.jobs[dataset.jobs.length - 1]?.job.userId as number;
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGatewayHarness(dataset, { sim: { peerUid: guest, guestPolicy: 'allow' } });
  });
  afterAll(() => gw.close());

  it('null and the broker’s error at exactly jobs.edges.N.node.eventlog / jobspec of those jobs, as on the lazy path', async () => {
    reset();
    const body = await post(gw.url, page(60, false));
    expect(returned).toEqual({ promises: 0, values: 120 });
    const edges = body.data?.jobs.edges ?? [];
    expect(edges).toHaveLength(60);
    const others = edges.flatMap((e, i) => (e.node.userId === guest ? [] : [i]));
    expect(others.length).toBeGreaterThan(0);
    expect(others.length).toBeLessThan(60);
    expect((body.errors ?? []).map((e) => e.path?.join('.')).sort()).toEqual(
      others.flatMap((i) => [`jobs.edges.${i}.node.eventlog`, `jobs.edges.${i}.node.jobspec`]).sort(),
    );
    expect(new Set(body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    edges.forEach((e, i) => {
      const failed = others.includes(i);
      expect([i, e.node.eventlog === null, e.node.jobspec === null]).toEqual([i, failed, failed]);
    });

    reset();
    const lazy = await post(gw.url, page(60, true));
    expect(returned).toEqual({ promises: 120, values: 0 });
    expect(comparable(lazy)).toBe(comparable(body));
  });
});

describe('one cluster, callers named by a proxy: a non-operator', () => {
  const callers = proxyHeaderCallers();
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGatewayHarness(dataset, { env: callers.env });
  });
  afterAll(() => gw.close());

  it('FORBIDDEN per field on other users’ jobs (never looked up), the caller’s own jobs answered, no promises', async () => {
    const probe = await post(gw.url, '{ jobs(first: 60) { edges { node { id userId } } } }', {
      'x-remote-user': TEST_OPERATOR,
    });
    const owners = (probe.data?.jobs.edges ?? []).map((e) => e.node.userId);
    const uid = owners.find((u) => owners.filter((o) => o === u).length > 1 && dataset.users.some((x) => x.uid === u));
    const user = dataset.users.find((u) => u.uid === uid)?.name as string;
    const own = owners.filter((o) => o === uid).length;
    expect(own).toBeGreaterThan(1);
    const lookup = jest.spyOn(gw.datasources.flux, 'lookup');
    try {
      reset();
      const body = await post(gw.url, page(60, false), await callers.headers(user));
      expect(lookup).toHaveBeenCalledTimes(own);
      expect(returned).toEqual({ promises: 0, values: 120 });
      const edges = body.data?.jobs.edges ?? [];
      expect(forbiddenPaths(body)).toEqual(
        edges
          .flatMap((e, i) =>
            e.node.userId === uid ? [] : [`jobs.edges.${i}.node.eventlog`, `jobs.edges.${i}.node.jobspec`],
          )
          .sort(),
      );
      expect(body.errors?.find((e) => e.path?.[4] === 'jobspec')?.message).toBe(
        `jobspec is visible only to the job's owner and operators; ${user} is neither`,
      );
      for (const e of edges) expect(e.node.eventlog !== null).toBe(e.node.userId === uid);

      lookup.mockClear();
      reset();
      const lazy = await post(gw.url, page(60, true), await callers.headers(user));
      expect(lookup).toHaveBeenCalledTimes(own);
      expect(returned).toEqual({ promises: 120, values: 0 });
      expect(comparable(lazy)).toBe(comparable(body));
    } finally {
      lookup.mockRestore();
    }
  });
});

describe('several clusters', () => {
  const NOW = 1_795_400_000;
  const a = generateDataset({ seed: 3, jobCount: 300, now: NOW, days: 7 });
  const b = generateDataset({ seed: 4, jobCount: 200, now: NOW, days: 7 });
  let gateway: ClustersGateway;
  beforeAll(async () => {
    gateway = await startClustersGateway({ a: { dataset: a }, b: { dataset: b } });
  });
  afterAll(() => gateway.close());

  it('a merged page: each cluster gets one job-info.lookup per job of its own, values not promises, as lazy', async () => {
    const lookups = (): number[] => ['a', 'b'].map((name) => gateway.sims[name]?.requestCounts['job-info.lookup'] ?? 0);
    const query = (lazy: boolean): string => page(80, lazy, 'id cluster');
    const before = lookups();
    reset();
    const body = await post(gateway.url, query(false));
    expect(body.errors).toBeUndefined();
    expect(returned).toEqual({ promises: 0, values: 160 });
    const clusters = (body.data?.jobs.edges ?? []).map((e) => (e.node as unknown as { cluster: string }).cluster);
    const perCluster = ['a', 'b'].map((name) => clusters.filter((c) => c === name).length);
    expect(perCluster.every((n) => n > 0)).toBe(true);
    const after = lookups();
    expect(after.map((n, i) => n - (before[i] ?? 0))).toEqual(perCluster);

    reset();
    const lazy = await post(gateway.url, query(true));
    expect(returned).toEqual({ promises: 160, values: 0 });
    expect(lookups().map((n, i) => n - (after[i] ?? 0))).toEqual(perCluster);
    expect(comparable(lazy)).toBe(comparable(body));
  });
});
