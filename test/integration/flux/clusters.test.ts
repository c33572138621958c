import { generateDataset } from '../../../src/simulators/dataset';
import type { Dataset, DatasetJob } from '../../../src/simulators/dataset';
import { startClustersGateway } from '../../support/clusters-gateway';
import type { ClustersGateway } from '../../support/clusters-gateway';
import type { GraphQLBody } from '../../support/gateway-harness';

const NOW = 1_795_400_000;

/**
 * Cluster `a` and cluster `b`: `b` holds its own jobs plus 40 twins of `a`'s jobs (same id, same
 * submit time, another name) and 40 jobs submitted at exactly the same instants as other `a`
 * jobs under ids of their own: the ties the merged order must break the same way on every page.
 */
function twoClusters(): { a: Dataset; b: Dataset; twins: DatasetJob[] } {
  const a = generateDataset({ seed: 3, jobCount: 500, now: NOW, days: 7 });
  const b = generateDataset({ seed: 4, jobCount: 300, now: NOW, days: 7 });
  const picked = a.jobs.filter((_, i) => i % 6 === 0).slice(0, 80);
  const twins = picked.slice(0, 40).map((j) => ({ ...j, job: { ...j.job, name: `twin-${j.job.name ?? ''}` } }));
  const sameTime = picked.slice(40).map((j, i) => ({ ...j, job: { ...j.job, id: j.job.id + 1_000_003n + BigInt(i) } }));
  const jobs = [...b.jobs, ...twins, ...sameTime].sort(
    (x, y) => x.job.tSubmit - y.job.tSubmit || (x.job.id < y.job.id ? -1 : 1),
  );
  return { a, b: { ...b, jobs }, twins };
}

interface Edge {
  cursor: string;
  node: { id: string; ids: { dec: string }; cluster: string; name: string | null; submittedAt: string };
}
interface JobsPage {
  jobs: { edges: Edge[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null;
}

const PAGE = `query ($first: Int!, $after: String, $filter: JobFilter) {
  jobs(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id ids { dec } cluster name submittedAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('several Flux clusters behind one gateway', () => {
  const { a, b, twins } = twoClusters();
  let gateway: ClustersGateway;
  beforeAll(async () => {
    gateway = await startClustersGateway({ a: { dataset: a }, b: { dataset: b } });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  /** Every job of both clusters in the merged order: submit time descending, cluster ascending, id descending. */
  const merged = [
    ...a.jobs.map((j) => ({ cluster: 'a', t: j.job.tSubmit, id: j.job.id })),
    ...b.jobs.map((j) => ({ cluster: 'b', t: j.job.tSubmit, id: j.job.id })),
  ]
    .sort((x, y) => y.t - x.t || (x.cluster < y.cluster ? -1 : x.cluster > y.cluster ? 1 : x.id > y.id ? -1 : 1))
    .map((j) => `${j.cluster}/${j.id}`);

  it('pages both clusters merged by submit time under one cursor: no gap, no repeat, ties across clusters included', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const response: { body: GraphQLBody<JobsPage> } = await gateway.query<JobsPage>(PAGE, { first: 37, after });
      expect(response.body.errors).toBeUndefined();
      const jobs: JobsPage['jobs'] | undefined = response.body.data?.jobs;
      seen.push(...(jobs?.edges ?? []).map((e) => `${e.node.cluster}/${e.node.ids.dec}`));
      if (!jobs?.pageInfo.hasNextPage) break;
      after = jobs.pageInfo.endCursor;
    }
    expect(seen).toEqual(merged);
    expect(new Set(seen).size).toBe(a.jobs.length + b.jobs.length);
  });

  it('a clusters filter pages only those clusters; an unknown name is BAD_USER_INPUT listing the known ones', async () => {
    const { body } = await gateway.query<JobsPage>(PAGE, { first: 50, filter: { clusters: ['b'] } });
    expect(body.data?.jobs?.edges.map((e) => `${e.node.cluster}/${e.node.ids.dec}`)).toEqual(
      merged.filter((key) => key.startsWith('b/')).slice(0, 50),
    );
    const bad = await gateway.query<JobsPage>(PAGE, { first: 5, filter: { clusters: ['a', 'zz'] } });
    expect(bad.body.data?.jobs).toBeNull();
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', known: 'a,b' });
    expect(bad.body.errors?.[0]?.message).toContain('"zz"');
  });

  it('the same job id on both clusters stays two Jobs: by cluster, each with its own details; bare, BAD_USER_INPUT naming both', async () => {
    const twin = twins[0] as DatasetJob;
    const id = twin.job.id.toString();
    const lookups = {
      a: gateway.sims.a?.requestCounts['job-info.lookup'] ?? 0,
      b: gateway.sims.b?.requestCounts['job-info.lookup'] ?? 0,
    };
    const { body } = await gateway.query<Record<string, { cluster: string; name: string; eventlog: unknown[] } | null>>(
      `query ($id: JobId!) {
        onA: job(id: $id, cluster: "a") { cluster name eventlog { name } }
        onB: job(id: $id, cluster: "b") { cluster name eventlog { name } }
      }`,
      { id },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.onA).toMatchObject({
      cluster: 'a',
      name: a.jobs.find((j) => j.job.id === twin.job.id)?.job.name,
    });
    expect(body.data?.onB).toMatchObject({ cluster: 'b', name: twin.job.name });
    // One lookup on each cluster: the loader keys carry the cluster, so the twins are not merged.
    expect((gateway.sims.a?.requestCounts['job-info.lookup'] ?? 0) - lookups.a).toBe(1);
    expect((gateway.sims.b?.requestCounts['job-info.lookup'] ?? 0) - lookups.b).toBe(1);

    const bare = await gateway.query(`query ($id: JobId!) { job(id: $id) { cluster } }`, { id });
    expect(bare.body.data?.job).toBeNull();
    expect(bare.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', clusters: 'a,b' });

    const only = a.jobs.find((j) => !b.jobs.some((k) => k.job.id === j.job.id)) as DatasetJob;
    const one = await gateway.query(`query ($id: JobId!) { job(id: $id) { cluster ids { dec } } }`, {
      id: only.job.id.toString(),
    });
    expect(one.body).toEqual({ data: { job: { cluster: 'a', ids: { dec: only.job.id.toString() } } } });
    const none = await gateway.query(`{ job(id: "ƒ2DLNrMSKui", cluster: "b") { cluster } }`);
    expect(none.body).toEqual({ data: { job: null } });
  });

  it('jobStats per cluster and added up', async () => {
    const { body } = await gateway.query<Record<string, { jobStates: { total: number } }>>(
      `{ a: jobStats(cluster: "a") { jobStates { total } } b: jobStats(cluster: "b") { jobStates { total } } all: jobStats { jobStates { total } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.a?.jobStates.total).toBe(a.jobs.length);
    expect(body.data?.b?.jobStates.total).toBe(b.jobs.length);
    expect(body.data?.all?.jobStates.total).toBe(a.jobs.length + b.jobs.length);
  });
});

describe('a cluster killed mid-page', () => {
  const { a, b } = twoClusters();
  let gateway: ClustersGateway;
  beforeAll(async () => {
    gateway = await startClustersGateway({ a: { dataset: a }, b: { dataset: b } });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('fails only its part of the page: the other cluster’s jobs are served with a typed error naming the killed one', async () => {
    const first = await gateway.query<JobsPage>(PAGE, { first: 20 });
    expect(first.body.errors).toBeUndefined();
    const after = first.body.data?.jobs?.pageInfo.endCursor;
    const last = first.body.data?.jobs?.edges.at(-1)?.node;
    // b answers slowly, and dies while the second page is being fetched.
    gateway.sims.b?.setDelay(300);
    const pending = gateway.query<JobsPage>(PAGE, { first: 20, after });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await gateway.sims.b?.close();
    const { body } = await pending;
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({
      path: ['jobs'],
      extensions: { code: 'UPSTREAM_UNAVAILABLE', backend: 'flux', cluster: 'b' },
    });
    expect(body.errors?.[0]?.message).toContain('cluster b');
    const served = body.data?.jobs?.edges.map((e) => `${e.node.cluster}/${e.node.ids.dec}`) ?? [];
    // Exactly a's next 20 jobs after the first page's last job.
    const aOrder = [...a.jobs].map((j) => j.job).sort((x, y) => y.tSubmit - x.tSubmit || (x.id > y.id ? -1 : 1));
    const from = aOrder.findIndex(
      (j) =>
        j.tSubmit < Date.parse(last?.submittedAt ?? '') / 1000 - 0.001 ||
        (last?.cluster === 'a' && j.id.toString() === last.ids.dec),
    );
    const start = last?.cluster === 'a' ? from + 1 : from;
    expect(served).toEqual(aOrder.slice(start, start + 20).map((j) => `a/${j.id}`));
    expect(served.length).toBe(20);
    // /readyz: the default cluster up as flux, the killed one down under fluxClusters, named.
    const ready = await fetch(`${gateway.url}/readyz`);
    expect(ready.status).toBe(503);
    const backends = ((await ready.json()) as { backends: Record<string, { status: string; error?: string }> })
      .backends;
    expect(backends['flux']?.status).toBe('up');
    expect(backends['fluxClusters']).toMatchObject({ status: 'down', error: expect.stringContaining('cluster b') });
  });
});
