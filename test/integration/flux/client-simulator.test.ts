import { createFluxDatasource } from '../../../src/datasources/flux/create-flux-datasource';
import type { FluxDatasource } from '../../../src/datasources/flux/flux-datasource';
import type { FluxJob } from '../../../src/datasources/flux/flux-job';
import { FluxRpcClient } from '../../../src/datasources/flux/flux-rpc';
import { listJobId } from '../../../src/datasources/flux/job-list';
import { generateDataset } from '../../../src/simulators/dataset';
import type { Dataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';

const NOW = 1795400000;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function byState(dataset: Dataset, state: FluxJob['state']): FluxJob {
  const found = dataset.jobs.find((j) => j.job.state === state)?.job;
  if (!found) throw new Error(`no ${state} job`);
  return found;
}

describe('the Flux datasource against the simulator (dataset ids above 2^53)', () => {
  const dataset = generateDataset({ now: NOW, jobCount: 2000 });
  let sim: FluxSimulator;
  let flux: FluxDatasource;
  beforeAll(async () => {
    sim = await startFluxSimulator({ dataset });
    flux = createFluxDatasource({ uri: sim.uri, timeoutMs: 10_000 });
  });
  afterAll(async () => {
    await flux.close();
    await sim.close();
  });

  it('lists every job in broker order, each equal to the dataset job', async () => {
    const jobs = await collect(
      flux.listJobs({ states: ['DEPEND', 'PRIORITY', 'SCHED', 'RUN', 'CLEANUP', 'INACTIVE'] }),
    );
    const { pending, running, inactive } = sim.store.lists();
    expect(jobs.map((j) => j.id)).toEqual([...pending, ...running, ...inactive].map((j) => j.id));
    const byId = new Map(dataset.jobs.map((j) => [j.job.id, j.job]));
    expect(jobs).toEqual(jobs.map((j) => byId.get(j.id)));
  });

  it('filters by state, result, user, name, queue, bank and time window like the dataset says', async () => {
    const expectIds = async (
      query: Parameters<FluxDatasource['listJobs']>[0],
      want: (j: FluxJob) => boolean,
    ): Promise<void> => {
      const got = (await collect(flux.listJobs(query))).map((j) => j.id).sort();
      expect(got).toEqual(
        dataset.jobs
          .map((j) => j.job)
          .filter(want)
          .map((j) => j.id)
          .sort(),
      );
    };
    const user = dataset.jobs[100]?.job.userId as number;
    await expectIds(
      { states: ['INACTIVE'], results: ['FAILED', 'TIMEOUT'] },
      (j) => j.result === 'FAILED' || j.result === 'TIMEOUT',
    );
    await expectIds(
      { userIds: [user], states: ['SCHED', 'RUN'] },
      (j) => j.userId === user && (j.state === 'SCHED' || j.state === 'RUN'),
    );
    await expectIds(
      { names: ['smd_producer'], queues: ['milan'] },
      (j) => j.name === 'smd_producer' && j.queue === 'milan',
    );
    await expectIds({ banks: ['cryoem'] }, (j) => j.bank === 'cryoem');
    await expectIds(
      { submitted: { from: NOW - 86400 * 3, to: NOW - 86400 } },
      (j) => j.tSubmit >= NOW - 86400 * 3 && j.tSubmit < NOW - 86400,
    );
  });

  it('gets one job and looks up jobspec, eventlog, R and J with the environment', async () => {
    const { job, eventlog, environment, jobspec } =
      dataset.jobs.find((j) => j.job.state === 'INACTIVE' && j.R && j.experiment) ?? {};
    if (!job) throw new Error('no job');
    expect(job.id).toBeGreaterThan(2n ** 53n);
    expect(await flux.getJob(job.id)).toEqual(job);
    expect(await flux.getJob(job.id + 1n)).toBeNull();
    const info = await flux.lookup(job.id, ['jobspec', 'eventlog', 'R', 'J']);
    expect(info?.id).toBe(job.id);
    expect(info?.jobspec).toEqual(jobspec);
    expect(info?.eventlog).toEqual(eventlog);
    expect((info?.J?.attributes as { system: { environment: unknown } }).system.environment).toEqual(environment);
    expect(await flux.lookup(job.id + 1n, ['eventlog'])).toBeNull();
  });

  it('reports job stats and answers ping', async () => {
    const stats = await flux.jobStats();
    const inactive = dataset.jobs.filter((j) => j.job.state === 'INACTIVE');
    expect(stats.jobStates.total).toBe(dataset.jobs.length);
    expect(stats.jobStates.inactive).toBe(inactive.length);
    expect(stats.successful).toBe(inactive.filter((j) => j.job.result === 'COMPLETED').length);
    await expect(flux.ping()).resolves.toBeUndefined();
  });

  it("follows a running job's eventlog through live progress to clean, and cancels a watch", async () => {
    const running = byState(dataset, 'RUN');
    const seen: string[] = [];
    const done = (async () => {
      for await (const ev of flux.watchEventlog(running.id)) {
        seen.push(ev.name);
        if (ev.name === 'start') sim.advance({ start: 0, finish: 100 });
      }
    })();
    await done;
    expect(seen.slice(-4)).toEqual(['finish', 'release', 'free', 'clean']);

    const held = dataset.jobs.find((j) => j.job.state === 'SCHED' && j.job.urgency === 0)?.job as FluxJob;
    const listeners = sim.store.listenerCount('event');
    const abort = new AbortController();
    const names: string[] = [];
    const watching = (async () => {
      for await (const ev of flux.watchEventlog(held.id, { signal: abort.signal })) {
        names.push(ev.name);
        if (ev.name === 'priority') abort.abort();
      }
    })().catch((e: unknown) => e);
    await watching;
    expect(names).toEqual(['submit', 'validate', 'depend', 'priority']);
    await waitFor(() => sim.store.listenerCount('event') === listeners);
  });
});

describe('the RPC client against a misbehaving simulator', () => {
  const dataset = generateDataset({ now: NOW, jobCount: 3000 });
  let sim: FluxSimulator;
  const clients: FluxRpcClient[] = [];
  const client = (options: Partial<ConstructorParameters<typeof FluxRpcClient>[0]> = {}): FluxRpcClient => {
    const c = new FluxRpcClient({ uri: sim.uri, timeoutMs: 10_000, ...options });
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    sim = await startFluxSimulator({ dataset });
  });
  afterEach(async () => {
    sim.stall(false);
    sim.setDelay(0);
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(() => sim.close());

  it('meets its deadline against a stalled broker, then works once the broker answers again', async () => {
    const rpc = client({ timeoutMs: 300 });
    await rpc.call('attr.get', { name: 'size' });
    sim.stall(true);
    const started = Date.now();
    await expect(rpc.call('job-list.job-stats', {})).rejects.toMatchObject({ name: 'FluxTimeoutError' });
    expect(Date.now() - started).toBeLessThan(3000);
    sim.stall(false);
    await expect(rpc.call('attr.get', { name: 'size' }, { timeoutMs: 5000 })).resolves.toMatchObject({ flags: 1 });
    sim.setDelay(200);
    await expect(rpc.call('attr.get', { name: 'size' }, { timeoutMs: 50 })).rejects.toMatchObject({
      name: 'FluxTimeoutError',
    });
  });

  it('fails a stream at once when the broker restarts mid-stream, then reconnects', async () => {
    const rpc = client();
    const stream = rpc.stream('job-list.list', { max_entries: 0, attrs: ['all'] });
    let got = 0;
    const error = await (async () => {
      while (!(await stream.next()).done) {
        if (++got === 10) void sim.restart(100);
      }
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'FluxConnectionError', errno: 'ECONNRESET' });
    expect(got).toBeLessThan(dataset.jobs.length);
    await waitFor(() => sim.connections === 0);
    const again = await rpc.call('job-list.job-stats', {}, { timeoutMs: 5000 });
    expect(again).toHaveProperty('job_states.total', dataset.jobs.length);
  });

  it('matches 10,000 concurrent list-id RPCs on one connection to their callers', async () => {
    const rpc = client({ maxInFlight: 10_000 });
    const ids = Array.from({ length: 10_000 }, (_, n) => dataset.jobs[n % dataset.jobs.length]?.job.id as bigint);
    const replies = await Promise.all(ids.map((id) => listJobId(rpc, id, { attrs: ['state'] })));
    expect(replies.map((r) => r.id)).toEqual(ids);
    expect(sim.connections).toBe(1);
  });

  it('holds list-id until the asked state', async () => {
    const rpc = client();
    const sched = dataset.jobs.find((j) => j.job.state === 'SCHED' && (j.job.priority ?? 0) > 0)?.job as FluxJob;
    let answered = false;
    const reply = listJobId(rpc, sched.id, { attrs: ['state'], waitForStates: ['RUN'] }).then(
      (r) => ((answered = true), r),
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    while (sim.store.get(sched.id)?.job.state === 'SCHED') sim.advance({ start: 1, finish: 0 });
    expect((await reply).state).toBe(16);
  });
});
