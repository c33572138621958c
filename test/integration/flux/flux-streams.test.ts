import { createFluxDatasource } from '../../../src/datasources/flux/create-flux-datasource';
import type { FluxDatasource } from '../../../src/datasources/flux/flux-datasource';
import type { JournalChange } from '../../../src/datasources/flux/journal-hub';
import { JournalHub } from '../../../src/datasources/flux/journal-hub';
import { StreamFailure } from '../../../src/datasources/streams/bounded-queue';
import { generateDataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { outputKind } from '../../../src/simulators/flux/job-output';
import { waitUntil } from './sim-socket';

const NOW = 1_800_000_000;

describe('job output and the events journal through the Flux datasource (simulator)', () => {
  let sim: FluxSimulator;
  let flux: FluxDatasource;
  const dataset = generateDataset({ seed: 5, jobCount: 300, now: NOW });
  beforeEach(async () => {
    sim = await startFluxSimulator({ dataset });
    flux = createFluxDatasource({ uri: sim.uri, timeoutMs: 5000 });
  });
  afterEach(async () => {
    await flux.close();
    await sim.close();
  });

  it('jobOutput: the output eventlog of a job that ran, null for one that never ran', async () => {
    const ran = dataset.jobs.find((j) => j.job.state === 'INACTIVE' && j.job.tRun && outputKind(j.job.id) === 'text');
    const never = dataset.jobs.find((j) => j.job.state === 'INACTIVE' && j.job.tRun === undefined);
    const events = await flux.jobOutput(ran?.job.id as bigint);
    expect(events?.[0]?.name).toBe('header');
    expect(events?.filter((e) => e.context?.eof === true).length).toBe(
      Number((events?.[0]?.context?.count as { stdout: number }).stdout) * 2,
    );
    expect(await flux.jobOutput(never?.job.id as bigint)).toBeNull();
  });

  it('watchOutput follows a running job to its last eof', async () => {
    const running = dataset.jobs.find((j) => j.job.state === 'RUN' && outputKind(j.job.id) === 'text')?.job
      .id as bigint;
    const seen: string[] = [];
    const done = (async () => {
      for await (const ev of flux.watchOutput(running)) seen.push(ev.context?.eof ? 'eof' : ev.name);
    })();
    await waitUntil(() => seen.length > 0);
    while (sim.store.get(running)?.job.state === 'RUN') sim.advance({ start: 0, finish: 1 });
    await done;
    expect(seen[0]).toBe('header');
    expect(seen.at(-1)).toBe('eof');
  });

  it('eventsJournal: backlog of the active jobs, the sentinel, then live events', async () => {
    const active = dataset.jobs.filter((j) => j.job.state !== 'INACTIVE').length;
    const abort = new AbortController();
    const got: Array<bigint | 'sentinel'> = [];
    const done = (async () => {
      for await (const entry of flux.eventsJournal({ signal: abort.signal }))
        got.push(entry === 'sentinel' ? entry : entry.id);
    })().catch(() => undefined);
    await waitUntil(() => got.includes('sentinel'));
    expect(got.indexOf('sentinel')).toBe(active);
    const step = sim.advance({ start: 1, finish: 1, submit: 1 });
    await waitUntil(() => got.length >= active + 1 + 4 + 3 + 4);
    expect(got.slice(active + 1)).toEqual(
      expect.arrayContaining([...step.finished, ...step.started, ...step.submitted]),
    );
    abort.abort();
    await done;
  });

  it('JournalHub: one stream for all subscribers, opened with the first, closed with the last', async () => {
    const hub = new JournalHub((signal) => flux.eventsJournal({ signal }));
    const a = hub.subscribe({ accept: () => true, maxBacklog: 1000 });
    const b = hub.subscribe({ accept: (c) => c.event.name === 'start', maxBacklog: 1000 });
    expect(hub.streaming).toBe(true);
    await waitUntil(() => hub.live);
    const step = sim.advance({ start: 1, finish: 0 });
    const first = (await a.next()).value as JournalChange;
    expect(first.id).toBe(step.started[0]);
    expect([first.event.name, first.job?.state]).toEqual(['annotations', 'SCHED']);
    const alloc = (await a.next()).value as JournalChange;
    expect([alloc.event.name, alloc.job?.state, alloc.job?.nodelist]).toEqual(['alloc', 'RUN', expect.any(String)]);
    expect(((await b.next()).value as JournalChange).event.name).toBe('start');
    await a.return?.();
    expect(hub.streaming).toBe(true);
    await b.return?.();
    expect(hub.streaming).toBe(false);
    expect(sim.requestCounts['job-manager.events-journal']).toBe(1);
    await waitUntil(() => (sim.requestCounts['job-manager.events-journal-cancel'] ?? 0) === 1);
  });

  it('JournalHub: a dropped connection ends every subscriber with UPSTREAM_UNAVAILABLE; the next one reopens', async () => {
    const hub = new JournalHub((signal) => flux.eventsJournal({ signal }));
    const subs = [1, 2, 3].map(() => hub.subscribe({ accept: () => true, maxBacklog: 1000 }));
    await waitUntil(() => (sim.requestCounts['job-manager.events-journal'] ?? 0) === 1);
    sim.dropConnections();
    for (const s of subs) {
      const item = (await s.next()).value;
      expect(item).toBeInstanceOf(StreamFailure);
      expect((item as StreamFailure).error).toMatchObject({
        extensions: { code: 'UPSTREAM_UNAVAILABLE', backend: 'flux' },
      });
      expect((await s.next()).done).toBe(true);
    }
    expect(hub.streaming).toBe(false);
    const again = hub.subscribe({ accept: () => true, maxBacklog: 1000 });
    await waitUntil(() => hub.live);
    expect(sim.requestCounts['job-manager.events-journal']).toBe(2);
    const step = sim.advance({ start: 0, finish: 1 });
    expect(((await again.next()).value as JournalChange).id).toBe(step.finished[0]);
    hub.close();
  });

  it('JournalHub: a subscriber more than maxBacklog behind gets SLOW_CONSUMER, the others go on', async () => {
    const hub = new JournalHub((signal) => flux.eventsJournal({ signal }));
    const slow = hub.subscribe({ accept: () => true, maxBacklog: 3 });
    const fast = hub.subscribe({ accept: () => true, maxBacklog: 1000 });
    const seen: JournalChange[] = [];
    const reading = (async () => {
      for await (const c of fast) if (!(c instanceof StreamFailure)) seen.push(c);
    })();
    await waitUntil(() => hub.live);
    sim.advance({ start: 1, finish: 1 });
    await waitUntil(() => seen.length >= 6);
    const item = (await slow.next()).value as StreamFailure;
    expect(item.error).toMatchObject({ extensions: { code: 'SLOW_CONSUMER', maxBacklog: 3 } });
    expect((await slow.next()).done).toBe(true);
    expect(hub.size).toBe(1);
    hub.close();
    await reading;
  });
});
