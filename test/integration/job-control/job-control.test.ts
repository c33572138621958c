import { applyServeDefaults, loadConfig } from '../../../src/config';
import { ConfigError } from '../../../src/config/config-error';
import { formatJobId } from '../../../src/datasources/flux/job-id';
import { generateDataset } from '../../../src/simulators/dataset';
import type { DatasetJob } from '../../../src/simulators/dataset';
import type { StoredJob } from '../../../src/simulators/flux/job-store';
import { submitJob } from '../../../src/simulators/flux/live-progress';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { startClustersGateway } from '../../support/clusters-gateway';
import { countRpcs, startGatewayHarness } from '../../support/gateway-harness';
import type { GatewayHarness, GraphQLBody } from '../../support/gateway-harness';
import { followSse } from '../../support/subscription-clients';
import { TEST_OPERATOR, proxyHeaderCallers } from '../../support/test-callers';
import { waitUntil } from '../flux/sim-socket';

/**
 * Issue 22 over HTTP against the Flux simulator: users cancel, hold and release their own jobs;
 * every refusal answers its typed error for that id without a job-manager RPC; operators may do
 * all; the audit line, the exception note and /metrics name the caller and the action.
 */
const dataset = generateDataset({ seed: 22, jobCount: 1500, now: 1_795_000_000 });
const callers = proxyHeaderCallers();
const RESULT =
  'id ok previousUrgency job { id state result urgency priority exception { type note } } error { code message reason }';

interface Result {
  id: string;
  ok: boolean;
  previousUrgency: number | null;
  job: {
    id: string;
    state: string;
    result: string | null;
    urgency: number;
    priority: number | null;
    exception: { type: string | null; note: string | null } | null;
  } | null;
  error: { code: string; message: string; reason: string | null } | null;
}

const nameOf = (uid: number): string | undefined => dataset.users.find((u) => u.uid === uid)?.name;
const running = (j: DatasetJob): boolean => j.job.state === 'RUN' && nameOf(j.job.userId) !== undefined;
// A user with a running job and an inactive one, and another user with a running job.
const ownerRun = dataset.jobs.find(
  (r) => running(r) && dataset.jobs.some((j) => j.job.userId === r.job.userId && j.job.state === 'INACTIVE'),
) as DatasetJob;
const USER = nameOf(ownerRun.job.userId) as string;
const othersRunning = dataset.jobs.find((j) => running(j) && j.job.userId !== ownerRun.job.userId) as DatasetJob;
const inactive = dataset.jobs.find(
  (j) => j.job.userId === ownerRun.job.userId && j.job.state === 'INACTIVE',
) as DatasetJob;
/** Pending jobs (SCHED, urgency 16) submitted into the simulator: `count` of the user, one of the other user. */
function submitPending(gw: GatewayHarness, count: number): { mine: StoredJob[]; others: StoredJob } {
  let next = gw.sim.store.maxId();
  const submit = (template: DatasetJob): StoredJob => {
    next += 1n << 24n;
    const stored = submitJob(template as StoredJob, next, dataset.now);
    gw.sim.store.add(stored);
    return stored;
  };
  const mine = Array.from({ length: count }, () => submit(inactive));
  return { mine, others: submit(othersRunning) };
}
const id = (j: { job: { id: bigint } }): string => formatJobId(j.job.id);

describe('job control with JOBGRAPH_JOB_CONTROL=on', () => {
  let gw: GatewayHarness;
  const gql = async <T = Record<string, Result[]>>(
    as: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLBody<T>> => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await callers.headers(as)) },
      body: JSON.stringify({ query, variables }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as GraphQLBody<T>;
  };
  /** Runs one mutation as `as` and returns its results and the job-manager RPCs it cost. */
  const control = async (
    as: string,
    field: string,
    ids: string[],
    extra = '',
  ): Promise<{ results: Result[]; rpcs: Record<string, number> }> => {
    let body: GraphQLBody<Record<string, Result[]>> = {};
    const rpcs = await countRpcs(gw.datasources, async () => {
      body = await gql(as, `mutation($ids: [JobId!]!) { ${field}(ids: $ids${extra}) { ${RESULT} } }`, { ids });
    });
    expect(body.errors).toBeUndefined();
    const managerRpcs = Object.fromEntries(Object.entries(rpcs).filter(([topic]) => topic.startsWith('job-manager.')));
    return { results: body.data?.[field] ?? [], rpcs: managerRpcs };
  };
  const auditLines = (): Array<Record<string, unknown>> => gw.logs.filter((line) => line['audit'] === 'job-control');

  let toCancel: StoredJob, toHold: StoredJob, spare: StoredJob, others: StoredJob, batch: StoredJob[];
  const runningJob = ownerRun;
  beforeAll(async () => {
    gw = await startGatewayHarness(dataset, { env: { ...callers.env, JOBGRAPH_JOB_CONTROL: 'on' } });
    const submitted = submitPending(gw, 43);
    [toCancel, toHold, spare] = submitted.mine as [StoredJob, StoredJob, StoredJob];
    batch = submitted.mine.slice(3);
    others = submitted.others;
  });
  afterAll(() => gw.close());

  it('a user cancels their own pending job: the note names them, the audit line and /metrics count it', async () => {
    const { results, rpcs } = await control(USER, 'cancelJobs', [id(toCancel)], ', reason: "wrong input file"');
    expect(rpcs).toEqual({ 'job-manager.raise': 1 });
    expect(results).toEqual([
      {
        id: id(toCancel),
        ok: true,
        previousUrgency: null,
        error: null,
        job: expect.objectContaining({
          state: 'INACTIVE',
          result: 'CANCELED',
          exception: { type: 'cancel', note: `canceled by ${USER} via jobgraph: wrong input file` },
        }),
      },
    ]);
    const exception = gw.sim.store.get(toCancel.job.id)?.eventlog.find((e) => e.name === 'exception');
    expect(exception?.context).toMatchObject({
      type: 'cancel',
      severity: 0,
      note: `canceled by ${USER} via jobgraph: wrong input file`,
    });
    const line = auditLines().find((l) => l['job'] === id(toCancel));
    expect(line).toMatchObject({ caller: USER, operator: false, action: 'cancel', outcome: 'ok' });
    expect(typeof line?.['requestId']).toBe('string');
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/^jobgraph_job_control_actions_total\{action="cancel",outcome="ok"\} 1$/m);
  });

  it('a user holds their job (urgency 0, priority 0) and releases it back to 16', async () => {
    const held = await control(USER, 'holdJobs', [id(toHold)]);
    expect(held.rpcs).toEqual({ 'job-manager.urgency': 1 });
    expect(held.results[0]).toMatchObject({
      ok: true,
      previousUrgency: 16,
      job: { urgency: 0, priority: 0, state: 'SCHED' },
    });
    const released = await control(USER, 'releaseJobs', [id(toHold)]);
    expect(released.results[0]).toMatchObject({ ok: true, previousUrgency: 0, job: { urgency: 16, priority: 16 } });
    const events = gw.sim.store.get(toHold.job.id)?.eventlog.filter((e) => e.name === 'urgency');
    expect(events?.map((e) => e.context?.['urgency'])).toEqual([0, 16]);
    const again = await control(USER, 'releaseJobs', [id(toHold)]);
    expect(again).toMatchObject({ rpcs: {}, results: [{ ok: false, error: { code: 'BAD_USER_INPUT' } }] });
    // Every action is audited (caller, action, job, outcome, request id) and counted by kind and outcome.
    const lines = auditLines().filter((l) => l['job'] === id(toHold));
    expect(lines.map((l) => [l['caller'], l['action'], l['outcome'], typeof l['requestId']])).toEqual([
      [USER, 'hold', 'ok', 'string'],
      [USER, 'release', 'ok', 'string'],
      [USER, 'release', 'BAD_USER_INPUT', 'string'],
    ]);
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/^jobgraph_job_control_actions_total\{action="hold",outcome="ok"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^jobgraph_job_control_actions_total\{action="release",outcome="ok"\} [1-9]\d*$/m);
    expect(metrics).toMatch(
      /^jobgraph_job_control_actions_total\{action="release",outcome="BAD_USER_INPUT"\} [1-9]\d*$/m,
    );
  });

  it('release gives back the urgency the job had before the gateway held it (operator: 24)', async () => {
    await control(TEST_OPERATOR, 'setJobUrgency', [id(spare)], ', urgency: 24');
    await control(TEST_OPERATOR, 'holdJobs', [id(spare)]);
    const { results } = await control(TEST_OPERATOR, 'releaseJobs', [id(spare)]);
    expect(results[0]).toMatchObject({ ok: true, previousUrgency: 0, job: { urgency: 24 } });
  });

  it('every refusal answers its typed error for its id, without a job-manager RPC; a batch never fails as a whole', async () => {
    const refusedUrgency = await control(
      USER,
      'setJobUrgency',
      [id(others), id(toHold), id(runningJob), id(inactive)],
      ', urgency: 20',
    );
    expect(refusedUrgency.rpcs).toEqual({});
    expect(refusedUrgency.results.map((r) => [r.id, r.ok, r.error?.code])).toEqual([
      [id(others), false, 'FORBIDDEN'],
      [id(toHold), false, 'FORBIDDEN'],
      [id(runningJob), false, 'FORBIDDEN'],
      [id(inactive), false, 'BAD_USER_INPUT'],
    ]);
    expect(refusedUrgency.results[1]?.error?.message).toMatch(/up to the default 16/);
    expect(refusedUrgency.results[3]?.error?.reason).toBe('job is inactive');

    const allocated = await control(USER, 'setJobUrgency', [id(runningJob)], ', urgency: 4');
    expect(allocated).toEqual({
      rpcs: {},
      results: [
        expect.objectContaining({
          ok: false,
          error: expect.objectContaining({
            code: 'BAD_USER_INPUT',
            reason: 'urgency cannot be changed once resources are allocated',
          }),
        }),
      ],
    });
    const unknown = formatJobId(2n ** 63n + 12345n);
    const cancels = await control(USER, 'cancelJobs', [id(others), id(inactive), unknown]);
    expect(cancels.rpcs).toEqual({});
    expect(cancels.results.map((r) => [r.id, r.error?.code, r.error?.reason ?? null])).toEqual([
      [id(others), 'FORBIDDEN', null],
      [id(inactive), 'BAD_USER_INPUT', 'job is inactive'],
      [unknown, 'NOT_FOUND', null],
    ]);
    const range = await control(TEST_OPERATOR, 'setJobUrgency', [id(spare)], ', urgency: 32');
    expect(range).toMatchObject({
      rpcs: {},
      results: [{ ok: false, error: { code: 'BAD_USER_INPUT', reason: 'urgency value is out of range' } }],
    });
    const refusedLines = auditLines().filter((l) => l['caller'] === USER && l['outcome'] !== 'ok');
    expect(refusedLines.length).toBeGreaterThanOrEqual(8);
    expect(gw.sim.store.get(others.job.id)?.job.state).toBe('SCHED');
  });

  it("an operator may do all: expedite another user's job, cancel a running one through finish, release, free, clean", async () => {
    const urgent = await control(TEST_OPERATOR, 'setJobUrgency', [id(others)], ', urgency: 31');
    expect(urgent.results[0]).toMatchObject({
      ok: true,
      previousUrgency: 16,
      job: { urgency: 31, priority: 4294967295 },
    });
    const { results, rpcs } = await control(
      TEST_OPERATOR,
      'cancelJobs',
      [id(othersRunning), id(others)],
      ', reason: "node drain"',
    );
    expect(rpcs).toEqual({ 'job-manager.raise': 2 });
    expect(results.map((r) => [r.ok, r.job?.state, r.job?.result])).toEqual([
      [true, 'INACTIVE', 'CANCELED'],
      [true, 'INACTIVE', 'CANCELED'],
    ]);
    const names = gw.sim.store.get(othersRunning.job.id)?.eventlog.map((e) => e.name) ?? [];
    expect(names.slice(names.indexOf('exception'))).toEqual(['exception', 'finish', 'release', 'free', 'clean']);
    expect(results[0]?.job?.exception?.note).toBe(`canceled by ${TEST_OPERATOR} via jobgraph: node drain`);
    expect(auditLines().filter((l) => l['caller'] === TEST_OPERATOR && l['action'] === 'cancel')).toHaveLength(2);
  });

  it('jobChanges shows a cancel as it happens: the exception naming the caller, then finish, release, free, clean', async () => {
    interface Change {
      jobChanges: {
        state: string;
        event: { name: string; context: Record<string, unknown> | null };
        job: { id: string };
      };
    }
    const sub = followSse<Change>(
      gw.url,
      'subscription($filter: JobFilter) { jobChanges(filter: $filter) { state event { name context } job { id } } }',
      { filter: { users: [USER] } },
      await callers.headers(USER),
    );
    expect(await sub.status).toBe(200);
    const of = (job: { job: { id: bigint } }): Change['jobChanges'][] =>
      sub.messages.map((m) => m.data?.jobChanges).filter((c): c is Change['jobChanges'] => c?.job.id === id(job));
    // The shared journal is live once a change of the user's own reaches the subscriber.
    for (let urgency = 8; of(spare).length === 0; urgency = urgency === 8 ? 7 : 8) {
      expect(urgency).toBeGreaterThan(0);
      await control(USER, 'setJobUrgency', [id(spare)], `, urgency: ${urgency}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const { results } = await control(USER, 'cancelJobs', [id(runningJob)], ', reason: "bad calibration"');
    expect(results[0]).toMatchObject({ ok: true, job: { state: 'INACTIVE', result: 'CANCELED' } });
    await waitUntil(() => of(runningJob).some((c) => c.event.name === 'clean'));
    sub.stop();
    const changes = of(runningJob);
    expect(changes.map((c) => c.event.name)).toEqual(['exception', 'finish', 'release', 'free', 'clean']);
    expect(changes[0]?.event.context).toMatchObject({
      type: 'cancel',
      note: `canceled by ${USER} via jobgraph: bad calibration`,
    });
    expect(changes.at(-1)?.state).toBe('INACTIVE');
    expect(sub.messages.every((m) => !m.errors)).toBe(true);
  });

  it('pipelines many ids: one job-manager RPC per job, all in one datasource call', async () => {
    const rpcs = await countRpcs(gw.datasources, () =>
      gql(USER, 'mutation($ids: [JobId!]!) { holdJobs(ids: $ids) { ok } }', { ids: batch.map(id) }),
    );
    expect(rpcs['job-manager.urgency']).toBe(batch.length);
  });
});

describe('job control off (the default)', () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGatewayHarness(dataset, { env: callers.env });
  });
  afterAll(() => gw.close());

  it('answers every mutation FORBIDDEN naming JOBGRAPH_JOB_CONTROL, without an RPC', async () => {
    const spare = inactive;
    for (const field of ['cancelJobs', 'holdJobs', 'releaseJobs']) {
      const rpcs = await countRpcs(gw.datasources, async () => {
        const response = await fetch(`${gw.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await callers.headers(TEST_OPERATOR)) },
          body: JSON.stringify({ query: `mutation { ${field}(ids: ["${id(spare)}"]) { ok } }` }),
        });
        const body = (await response.json()) as GraphQLBody;
        expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', setting: 'JOBGRAPH_JOB_CONTROL' });
        expect(body.errors?.[0]?.message).toContain('JOBGRAPH_JOB_CONTROL=on');
      });
      expect(rpcs).toEqual({});
    }
  });
});

describe('jobgraph serve', () => {
  it('refuses job control with JOBGRAPH_AUTH=none (exit 2 with the setting named)', () => {
    const config = loadConfig({ env: { JOBGRAPH_AUTH: 'none', JOBGRAPH_JOB_CONTROL: 'on' } });
    expect(() => applyServeDefaults(config)).toThrow(ConfigError);
    expect(() => applyServeDefaults(config)).toThrow(/JOBGRAPH_JOB_CONTROL/);
    expect(() =>
      applyServeDefaults(loadConfig({ env: { JOBGRAPH_AUTH: 'proxy-header', JOBGRAPH_JOB_CONTROL: 'on' } })),
    ).not.toThrow();
  });
});

describe('job control with several Flux clusters', () => {
  it("sends each job's change to the cluster that has it", async () => {
    const a = generateDataset({ seed: 5, jobCount: 200, now: 1_795_000_000 });
    const b = generateDataset({ seed: 6, jobCount: 200, now: 1_795_000_000 });
    const gateway = await startClustersGateway(
      { a: { dataset: a }, b: { dataset: b } },
      { JOBGRAPH_JOB_CONTROL: 'on' },
    );
    try {
      const template = b.jobs[0] as DatasetJob;
      const onB = submitJob(
        template as StoredJob,
        (gateway.sims['b'] as FluxSimulator).store.maxId() + (1n << 40n),
        b.now,
      );
      (gateway.sims['b'] as FluxSimulator).store.add(onB);
      const { body } = await gateway.query<{ cancelJobs: Result[] }>(
        `mutation($ids: [JobId!]!) { cancelJobs(ids: $ids) { ${RESULT} } }`,
        { ids: [id(onB)] },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.cancelJobs[0]).toMatchObject({ ok: true, job: { state: 'INACTIVE', result: 'CANCELED' } });
      expect(gateway.sims['b']?.requestCounts['job-manager.raise']).toBe(1);
      expect(gateway.sims['a']?.requestCounts['job-manager.raise']).toBeUndefined();
    } finally {
      await gateway.close();
    }
  });
});
