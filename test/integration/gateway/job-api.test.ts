import { formatJobId } from '../../../src/datasources/flux/job-id';
import type { FluxJob } from '../../../src/datasources/flux/flux-job';
import { generateDataset } from '../../../src/simulators/dataset';
import type { DatasetJob } from '../../../src/simulators/dataset';
import { countRpcs, startGatewayHarness } from '../../support/gateway-harness';
import type { GatewayHarness } from '../../support/gateway-harness';

const dataset = generateDataset({ seed: 11, jobCount: 700 });
const byKey = (a: FluxJob, b: FluxJob): number =>
  a.tSubmit !== b.tSubmit ? b.tSubmit - a.tSubmit : a.id < b.id ? 1 : -1;
const iso = (s: number | undefined): string | null =>
  s === undefined ? null : new Date(Math.round(s * 1000)).toISOString();
const nameOf = (uid: number): string | undefined => dataset.users.find((u) => u.uid === uid)?.name;

const JOB_FIELDS = `id ids { dec hex dothex kvs words f58 } userId userName name queue project bank cwd state result status statusAbbrev remainingSeconds urgency priority
  submittedAt startedAt cleanupAt inactiveAt queuedSeconds runtimeSeconds timeLimitSeconds expiresAt ntasks ncores nnodes ranks nodelist
  success exception { occurred type severity note } waitStatus exitCode annotations dependencies
  eventlog { timestamp name context } jobspec { version command durationSeconds userAttributes resources tasks attributes }
  environment(names: ["EXPERIMENT", "RUN_NUM", "NOT_SET"])`;

interface PageBody {
  jobs: {
    edges: Array<{ cursor: string; node: { id: string; state: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('the Job API over HTTP against the Flux simulator', () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGatewayHarness(dataset);
  });
  afterAll(() => gw.close());

  it('job(id) answers every Job field as the dataset has it, for every RFC 19 form of the id', async () => {
    const sample = dataset.jobs.find(
      (j) => j.job.state === 'INACTIVE' && j.job.waitStatus !== undefined && j.environment['EXPERIMENT'],
    ) as DatasetJob;
    const { job } = sample;
    const { status, body } = await gw.query<{ job: Record<string, unknown> }>(
      `query($id: JobId!) { job(id: $id) { ${JOB_FIELDS} } }`,
      { id: formatJobId(job.id, 'words') },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const got = body.data?.job as Record<string, unknown>;
    expect(got).toMatchObject({
      id: formatJobId(job.id),
      ids: {
        dec: job.id.toString(),
        hex: formatJobId(job.id, 'hex'),
        dothex: formatJobId(job.id, 'dothex'),
        kvs: formatJobId(job.id, 'kvs'),
        words: formatJobId(job.id, 'words'),
        f58: formatJobId(job.id),
      },
      userId: job.userId,
      userName: nameOf(job.userId),
      name: job.name ?? null,
      queue: job.queue ?? null,
      state: 'INACTIVE',
      result: job.result,
      status: job.result,
      statusAbbrev: { COMPLETED: 'CD', FAILED: 'F', CANCELED: 'CA', TIMEOUT: 'TO' }[job.result as string],
      remainingSeconds: 0,
      submittedAt: iso(job.tSubmit),
      startedAt: iso(job.tRun),
      inactiveAt: iso(job.tInactive),
      waitStatus: job.waitStatus,
      environment: { EXPERIMENT: sample.environment['EXPERIMENT'], RUN_NUM: sample.environment['RUN_NUM'] },
    });
    const ws = job.waitStatus as number;
    expect(got['exitCode']).toBe(ws & 0x7f ? -(ws & 0x7f) : (ws >> 8) & 0xff);
    expect(got['runtimeSeconds']).toBeCloseTo(job.tRun !== undefined ? (job.tCleanup as number) - job.tRun : 0, 6);
    expect((got['eventlog'] as Array<{ name: string; timestamp: string }>).map((e) => [e.name, e.timestamp])).toEqual(
      sample.eventlog.map((e) => [e.name, iso(e.timestamp)]),
    );
    expect((got['jobspec'] as { command: string[] }).command).toEqual(
      (sample.jobspec['tasks'] as Array<{ command: string[] }>)[0]?.command,
    );
    for (const form of ['dec', 'hex', 'dothex', 'kvs', 'f58'] as const) {
      const again = await gw.query<{ job: { id: string } }>(`{ job(id: "${formatJobId(job.id, form)}") { id } }`);
      expect(again.body.data?.job.id).toBe(formatJobId(job.id));
    }
    expect((await gw.query(`{ job(id: "${formatJobId(job.id).replace('ƒ', 'f')}") { id } }`)).body.data).toEqual({
      job: { id: formatJobId(job.id) },
    });
  });

  it('a running job has status RUN / R and the seconds left before its expiration (0 without one)', async () => {
    const runningJobs = dataset.jobs.map((j) => j.job).filter((j) => j.state === 'RUN');
    const running = runningJobs.find((j) => (j.expiration ?? 0) > 0) ?? runningJobs[0];
    expect(running).toBeDefined();
    const before = Date.now() / 1000;
    const { body } = await gw.query<{ job: { status: string; statusAbbrev: string; remainingSeconds: number } }>(
      `{ job(id: "${formatJobId(running!.id)}") { status statusAbbrev remainingSeconds } }`,
    );
    const after = Date.now() / 1000;
    expect(body.data?.job).toMatchObject({ status: 'RUN', statusAbbrev: 'R' });
    const expiration = running!.expiration ?? 0;
    const left = body.data!.job.remainingSeconds;
    expect(left).toBeLessThanOrEqual(Math.max(0, expiration - before) + 0.001);
    expect(left).toBeGreaterThanOrEqual(Math.max(0, expiration - after) - 0.001);
  });

  it('job(id) is null for an unknown id and BAD_USER_INPUT naming a malformed one', async () => {
    expect((await gw.query('{ job(id: "ƒjpXCZedGfJo") { id } }')).body).toEqual({ data: { job: null } });
    const bad = await gw.query('query($id: JobId!) { job(id: $id) { id } }', { id: 'ƒ0OIl' });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', value: 'ƒ0OIl' });
    expect(bad.body.errors?.[0]?.message).toContain('"ƒ0OIl"');
  });

  it('pages through every job newest first, without duplicates or gaps', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const response: { body: { data?: PageBody | null } } = await gw.query<PageBody>(
        'query($after: String) { jobs(first: 100, after: $after) { edges { cursor node { id state } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      const jobs = response.body.data?.jobs as PageBody['jobs'];
      seen.push(...jobs.edges.map((e) => e.node.id));
      if (!jobs.pageInfo.hasNextPage) break;
      after = jobs.pageInfo.endCursor;
    }
    expect(seen).toEqual(
      [...dataset.jobs]
        .map((j) => j.job)
        .sort(byKey)
        .map((j) => formatJobId(j.id)),
    );
  });

  it('keeps cursors exact while jobs change state between pages', async () => {
    const first = await gw.query<PageBody>(
      '{ jobs(first: 50) { edges { node { id state } } pageInfo { endCursor } } }',
    );
    const moved = gw.sim.advance({ start: 3, finish: 3, submit: 2 });
    expect(moved.started.length + moved.finished.length).toBeGreaterThan(0);
    const second = await gw.query<PageBody>(
      'query($after: String) { jobs(first: 100, after: $after) { edges { node { id } } } }',
      { after: first.body.data?.jobs.pageInfo.endCursor },
    );
    const expected = [...dataset.jobs]
      .map((j) => j.job)
      .sort(byKey)
      .slice(50, 150)
      .map((j) => formatJobId(j.id));
    expect(second.body.data?.jobs.edges.map((e) => e.node.id)).toEqual(expected);
    const head = await gw.query<PageBody>('{ jobs(first: 2) { edges { node { id state } } } }');
    expect(head.body.data?.jobs.edges.map((e) => e.node.id)).toEqual(
      moved.submitted.map((id) => formatJobId(id)).reverse(),
    );
  });

  it('filters by state, result, user name, queue, bank and submit window', async () => {
    const inactive = dataset.jobs.map((j) => j.job).filter((j) => j.result === 'FAILED');
    const user = nameOf(inactive[0]?.userId as number) as string;
    const expected = inactive.filter((j) => nameOf(j.userId) === user).sort(byKey);
    const { body } = await gw.query<PageBody>(
      'query($user: String!) { jobs(first: 500, filter: { states: [INACTIVE], results: [FAILED], users: [$user] }) { edges { node { id } } } }',
      { user },
    );
    expect(body.data?.jobs.edges.map((e) => e.node.id)).toEqual(expected.map((j) => formatJobId(j.id)));

    // The dataset is generated relative to now: take the first job from the 200th newest on that has a queue and a bank.
    const pivot = [...dataset.jobs]
      .map((j) => j.job)
      .sort(byKey)
      .slice(200)
      .find((j) => j.queue !== undefined && j.bank !== undefined) as FluxJob;
    const window = {
      from: new Date((pivot.tSubmit - 6 * 3600) * 1000).toISOString(),
      to: new Date(pivot.tSubmit * 1000).toISOString(),
    };
    const queue = pivot.queue as string;
    const bank = pivot.bank as string;
    const windowed = dataset.jobs
      .map((j) => j.job)
      .filter(
        (j) =>
          j.queue === queue &&
          j.bank === bank &&
          j.tSubmit * 1000 >= Date.parse(window.from) &&
          j.tSubmit * 1000 < Date.parse(window.to),
      )
      .sort(byKey);
    const got = await gw.query<PageBody>(
      'query($f: JobFilter) { jobs(first: 500, filter: $f) { edges { node { id } } } }',
      { f: { queues: [queue], banks: [bank], submitted: window } },
    );
    expect(got.body.errors).toBeUndefined();
    expect(got.body.data?.jobs.edges.map((e) => e.node.id)).toEqual(windowed.map((j) => formatJobId(j.id)));
  });

  it('validates first and time windows as BAD_USER_INPUT', async () => {
    const tooMany = await gw.query('{ jobs(first: 501) { edges { cursor } } }');
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', max: 500 });
    const unordered = await gw.query(
      '{ jobs(filter: { submitted: { from: "2026-11-02T00:00:00Z", to: "2026-11-01T00:00:00Z" } }) { edges { cursor } } }',
    );
    expect(unordered.body.errors?.[0]?.message).toMatch(/filter\.submitted: from .* must be before to/);
    const cursor = await gw.query('{ jobs(after: "bogus") { edges { cursor } } }');
    expect(cursor.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', value: 'bogus' });
  });

  it('jobStats counts what the dataset holds', async () => {
    const { body } = await gw.query<{ jobStats: { jobStates: Record<string, number>; successful: number } }>(
      '{ jobStats { jobStates { total inactive run } successful failed canceled timeout queues { name } } }',
    );
    const jobs = gw.sim.store.lists();
    expect(body.data?.jobStats.jobStates['total']).toBe(
      jobs.pending.length + jobs.running.length + jobs.inactive.length,
    );
    expect(body.data?.jobStats.jobStates['inactive']).toBe(jobs.inactive.length);
    expect(body.data?.jobStats.successful).toBe(jobs.inactive.filter((j) => j.result === 'COMPLETED').length);
  });

  it("loads N jobs' eventlog, jobspec and environment with N job-info.lookup RPCs in one wave, duplicates coalesced", async () => {
    const q1 =
      '{ jobs(first: 100) { edges { node { id state submittedAt runtimeSeconds eventlog { name timestamp } jobspec { command } environment(names: ["EXPERIMENT"]) userName } } } }';
    const counts = await countRpcs(gw.datasources, async () =>
      expect((await gw.query(q1)).body.errors).toBeUndefined(),
    );
    expect(counts['job-info.lookup']).toBe(100);
    expect(counts['job-list.list-id'] ?? 0).toBe(0);

    const id = formatJobId((dataset.jobs[5] as DatasetJob).job.id);
    const twice = `{ a: job(id: "${id}") { eventlog { name } } b: job(id: "${id}") { jobspec { command } environment } }`;
    expect(await countRpcs(gw.datasources, () => gw.query(twice))).toEqual({
      'job-list.list-id': 1,
      'job-info.lookup': 1,
    });

    // One wave: all 100 lookups are in flight at the same moment (a naive resolver would have 1).
    const flux = gw.datasources.flux;
    const lookup = flux.lookup.bind(flux);
    let inFlight = 0;
    let peak = 0;
    flux.lookup = async (...args) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      try {
        return await lookup(...args);
      } finally {
        inFlight -= 1;
      }
    };
    gw.sim.setDelay(50);
    try {
      await gw.query(q1);
      expect(peak).toBe(100);
    } finally {
      gw.sim.setDelay(0);
      flux.lookup = lookup;
    }
  });

  it('logs one line per request with operation name, duration and backend calls', async () => {
    gw.logs.length = 0;
    await gw.query('query StatsForLog { jobStats { successful } }');
    const lines = gw.logs.filter((l) => l['msg'] === 'graphql request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ operationName: 'StatsForLog', backendCalls: { 'flux.jobStats': 1 } });
    expect(typeof lines[0]?.['durationMs']).toBe('number');
    expect(typeof lines[0]?.['requestId']).toBe('string');
  });
});

describe('when Flux is down or slow', () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGatewayHarness(generateDataset({ seed: 3, jobCount: 50 }), {
      env: { JOBGRAPH_FLUX_TIMEOUT_MS: '1000' },
    });
  });
  afterAll(() => gw.close());

  it('serves the rest with HTTP 200, the Flux fields null with UPSTREAM_TIMEOUT and backend flux; /readyz says 503', async () => {
    const id = formatJobId(gw.sim.store.lists().inactive[0]?.id as bigint);
    const ok = await gw.query<{ job: { id: string } }>(`{ job(id: "${id}") { id } }`);
    expect(ok.body.data?.job.id).toBe(id);
    gw.sim.stall(true);
    try {
      const { status, body } = await gw.query(`{ __typename jobStats { successful } job(id: "${id}") { id } }`);
      expect(status).toBe(200);
      expect(body.data).toEqual({ __typename: 'Query', jobStats: null, job: null });
      expect(
        body.errors?.map((e) => [e.path?.join('.'), e.extensions?.['code'], e.extensions?.['backend']]).sort(),
      ).toEqual([
        ['job', 'UPSTREAM_TIMEOUT', 'flux'],
        ['jobStats', 'UPSTREAM_TIMEOUT', 'flux'],
      ]);
      const ready = await fetch(`${gw.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'unavailable', backends: { flux: { status: 'down' } } });
    } finally {
      gw.sim.stall(false);
    }
  });

  it('answers UPSTREAM_UNAVAILABLE while the broker is gone, and recovers', async () => {
    const restarting = gw.sim.restart(2_000);
    const down = await gw.query('{ __typename jobStats { successful } }');
    expect(down.status).toBe(200);
    expect(down.body.data).toEqual({ __typename: 'Query', jobStats: null });
    expect(down.body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', backend: 'flux' });
    await restarting;
    let recovered: unknown;
    for (let attempt = 0; attempt < 20 && !recovered; attempt += 1) {
      recovered = (await gw.query<{ jobStats: unknown }>('{ jobStats { successful } }')).body.data?.jobStats;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(recovered).toMatchObject({ successful: expect.any(Number) });
  });
});
