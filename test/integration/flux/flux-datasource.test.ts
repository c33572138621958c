import { createFluxDatasource } from '../../../src/datasources/flux/create-flux-datasource';
import type { FluxDatasource } from '../../../src/datasources/flux/flux-datasource';
import { getBrokerAttr } from '../../../src/datasources/flux/broker-attr';
import { FluxRpcClient } from '../../../src/datasources/flux/flux-rpc';
import { listJobAttrs, listJobId, listJobs } from '../../../src/datasources/flux/job-list';
import { JobgraphError } from '../../../src/errors';
import { startReplayBroker } from './replay-broker';

type Broker = Awaited<ReturnType<typeof startReplayBroker>>;
const ALL_STATES = ['DEPEND', 'PRIORITY', 'SCHED', 'RUN', 'CLEANUP', 'INACTIVE'] as const;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('createFluxDatasource against the recorded broker', () => {
  let broker: Broker;
  let flux: FluxDatasource;
  beforeAll(async () => {
    broker = await startReplayBroker({ stall: ['job-list.job-stats'] });
    flux = createFluxDatasource({ uri: `local://${broker.path}`, timeoutMs: 5000 });
  });
  afterAll(async () => {
    await flux.close();
    await broker.close();
  });

  it('lists every job, streamed, in broker order', async () => {
    const jobs = await collect(flux.listJobs({ states: [...ALL_STATES], since: 0 }));
    expect(jobs).toHaveLength(14);
    expect(jobs.slice(0, 3).map((j) => j.state)).toEqual(['DEPEND', 'SCHED', 'RUN']);
    expect(typeof jobs[0]!.id).toBe('bigint');
  });

  it('stops at maxEntries and filters banks client-side', async () => {
    const lcls = await collect(flux.listJobs({ states: [...ALL_STATES], since: 0, banks: ['lcls'] }));
    expect(lcls.map((j) => j.bank)).toEqual(Array(6).fill('lcls'));
    const two = await collect(flux.listJobs({ states: [...ALL_STATES], since: 0, banks: ['lcls'], maxEntries: 2 }));
    expect(two.map((j) => j.id)).toEqual(lcls.slice(0, 2).map((j) => j.id));
  });

  it('gets one job; null for an unknown id', async () => {
    expect(await flux.getJob(320142835712n)).toMatchObject({ name: 'geometry_opt', result: 'COMPLETED' });
    expect(await flux.getJob(12345n)).toBeNull();
  });

  it('looks up J, eventlog, jobspec+R; null for an unknown job', async () => {
    const j = await flux.lookup(320142835712n, ['J']);
    expect((j!.J!.attributes as { system: { environment: Record<string, string> } }).system.environment.RUN_NUM).toBe(
      '7',
    );
    expect((await flux.lookup(320142835712n, ['jobspec', 'R']))!.R).toMatchObject({ version: 1 });
    expect(await flux.lookup(12345n, ['eventlog'])).toBeNull();
  });

  it('watches an eventlog to its end', async () => {
    const events = await collect(flux.watchEventlog(320142835712n));
    expect(events.map((e) => e.name).at(-1)).toBe('clean');
    expect(events).toHaveLength(10);
  });

  it('pings, counts RPCs by topic, and maps a deadline to UPSTREAM_TIMEOUT', async () => {
    await flux.ping();
    const impatient = createFluxDatasource({ uri: `local://${broker.path}`, timeoutMs: 150, poolSize: 1 });
    const err = await impatient.jobStats().catch((e: unknown) => e);
    await impatient.close();
    expect(err).toBeInstanceOf(JobgraphError);
    expect(err).toMatchObject({ code: 'UPSTREAM_TIMEOUT', backend: 'flux' });
    const counts = flux.rpcCounts();
    expect(counts['attr.get']).toBe(1);
    expect(counts['job-list.list-id']).toBe(2);
    expect(counts['job-info.lookup']).toBe(3);
  });

  it('maps an unknown service to UPSTREAM_ERROR naming the errno', async () => {
    const err = await collect(flux.listJobs({ names: ['x'] })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UPSTREAM_ERROR', backend: 'flux', message: expect.stringContaining('ENOSYS') });
  });

  it('a listing read by batches gives the same jobs and the same typed errors as read item by item', async () => {
    const byBatches = async (listing: ReturnType<FluxDatasource['listJobs']>): Promise<unknown[]> => {
      const out: unknown[] = [];
      for await (const batch of listing.batches!()) {
        expect(batch.length).toBeGreaterThan(0);
        out.push(...batch);
      }
      return out;
    };
    for (const query of [
      { states: [...ALL_STATES], since: 0 },
      { states: [...ALL_STATES], since: 0, banks: ['lcls'] },
      { states: [...ALL_STATES], since: 0, banks: ['lcls'], maxEntries: 2 },
    ]) {
      const items = await collect(flux.listJobs(query));
      expect(items.length).toBeGreaterThan(0);
      expect(await byBatches(flux.listJobs(query))).toEqual(items);
    }
    const err = await byBatches(flux.listJobs({ names: ['x'] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JobgraphError);
    expect(err).toMatchObject({ code: 'UPSTREAM_ERROR', backend: 'flux', message: expect.stringContaining('ENOSYS') });
  });
});

describe('typed calls against the recorded broker', () => {
  let broker: Broker;
  let client: FluxRpcClient;
  beforeAll(async () => {
    broker = await startReplayBroker();
    client = new FluxRpcClient({ uri: `local://${broker.path}` });
  });
  afterAll(async () => {
    await client.close();
    await broker.close();
  });

  it('takes a first reply without version as the whole answer (pre-0.82 broker) and frees the tag', async () => {
    const jobs = await collect(listJobs(client, { names: ['pre-0.82'] }));
    expect(jobs.map((j) => j.name)).toEqual(['after_monitor', 'queued_hold', 'live_monitor']);
    expect(client.load.inFlight).toBe(0);
  });

  it('asks list-id to wait for states with a mask', async () => {
    await listJobId(client, 2n ** 64n - 1n, { waitForStates: ['RUN', 'CLEANUP'] }).catch(() => undefined);
    expect(broker.requests.at(-1)!.payload).toBe('{"id":-1,"attrs":["all"],"state":48}');
  });

  it('reads list-attrs and attr.get', async () => {
    expect(await listJobAttrs(client)).toContain('dependencies');
    expect(await getBrokerAttr(client, 'size')).toEqual({ value: '1', flags: 1 });
  });
});

describe('createFluxDatasource without a broker', () => {
  it('maps a refused handshake and a missing socket to UPSTREAM_UNAVAILABLE', async () => {
    const refusing = await startReplayBroker({ handshake: 1 });
    const a = createFluxDatasource({ uri: `local://${refusing.path}` });
    const b = createFluxDatasource({ uri: 'local:///nonexistent/flux', connectAttempts: 1 });
    try {
      await expect(a.ping()).rejects.toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
        backend: 'flux',
        message: expect.stringContaining("EPERM: the gateway's Unix user may not connect"),
      });
      await expect(b.getJob(1n)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', backend: 'flux' });
    } finally {
      await a.close();
      await b.close();
      await refusing.close();
    }
  });
});
