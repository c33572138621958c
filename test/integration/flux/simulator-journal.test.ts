import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FluxJob, FluxJobEvent } from '../../../src/datasources/flux/flux-job';
import { FLUX_MSGFLAG } from '../../../src/datasources/flux/flux-message';
import { parseFluxJson, stringifyFluxJson } from '../../../src/datasources/flux/flux-json';
import type { Dataset, DatasetJob } from '../../../src/simulators/dataset';
import { replayJob } from '../../../src/simulators/dataset/job-replay';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { json, rawConnect, replies, request, RPC, text, waitUntil } from './sim-socket';
import type { RawClient } from './sim-socket';

const DIR = join(__dirname, '../../fixtures/flux/journal');
const STREAM = RPC | FLUX_MSGFLAG.STREAMING;
const OWNER = 1001;

interface Recorded {
  id: number;
  events: FluxJobEvent[];
  jobspec?: Record<string, unknown>;
  R?: Record<string, unknown>;
}

/** A recording: its request payload and its responses (the recorder's `note` lines left out). */
function recording(file: string): { request: Record<string, unknown>; lines: string[] } {
  const lines = readFileSync(join(DIR, file), 'utf8').trim().split('\n');
  const request = (JSON.parse(lines[0] as string) as { request: Record<string, unknown> }).request;
  return { request, lines: lines.slice(1).filter((l) => !l.includes('"note"')) };
}

/** A response as the broker wrote it: jansson compact text of the recorded document (reals kept). */
const brokerText = (line: string): string => stringifyFluxJson(parseFluxJson(line, { reals: 'wrap' }));

function storedJob(r: Recorded, events: FluxJobEvent[]): DatasetJob {
  const ran = r.R as { execution: { R_lite: Array<{ rank: string }>; nodelist: string[]; expiration: number } };
  const job: FluxJob = replayJob(
    {
      id: BigInt(r.id),
      ntasks: 1,
      ncores: 1,
      ...(ran
        ? {
            alloc: {
              nnodes: 1,
              ranks: ran.execution.R_lite[0]?.rank ?? '0',
              nodelist: ran.execution.nodelist[0] ?? 'vm',
              expiration: ran.execution.expiration,
            },
          }
        : {}),
    },
    events,
  );
  const entry: DatasetJob = { job, jobspec: r.jobspec ?? {}, environment: {}, eventlog: events };
  if (r.R && events.some((e) => e.name === 'alloc')) entry.R = r.R;
  return entry;
}

/** The recorded backlog (before the sentinel) as a dataset, in the recorded order. */
function backlogDataset(lines: string[]): Dataset {
  const jobs: DatasetJob[] = [];
  for (const line of lines) {
    const r = JSON.parse(line) as Recorded;
    if (r.id === -1) break;
    jobs.push(storedJob(r, r.events));
  }
  return { now: 1796560629, ownerUid: OWNER, users: [{ uid: OWNER, name: 'alice' }], jobs, experiments: [] };
}

/** The records after the sentinel. */
const afterSentinel = (lines: string[]): Recorded[] =>
  lines.slice(lines.findIndex((l) => JSON.parse(l).id === -1) + 1).map((l) => JSON.parse(l) as Recorded);

/**
 * Replays a recorded live job into the store, one event at a time as the job manager posts them.
 * An `allow` recording lacks the filtered events: they are taken from the unfiltered recording.
 */
function replayLive(sim: FluxSimulator, recorded: Recorded[]): void {
  const first = recorded[0] as Recorded;
  const id = BigInt(first.id);
  const template = afterSentinel(recording('journal-nofull.jsonl').lines);
  const byName = new Map(recorded.map((r) => [(r.events[0] as FluxJobEvent).name, r.events[0] as FluxJobEvent]));
  const alloc = template.find((x) => x.R)?.R;
  const events: FluxJobEvent[] = [];
  for (const t of template) {
    const ev = byName.get((t.events[0] as FluxJobEvent).name) ?? (t.events[0] as FluxJobEvent);
    if (ev.name === 'annotations') {
      sim.store.post(id, ev);
      continue;
    }
    events.push(ev);
    const entry = storedJob({ ...first, ...(alloc ? { R: alloc } : {}) }, [...events]);
    if (ev.name === 'submit') sim.store.add(entry);
    else sim.store.update(id, [ev], entry.job, ev.name === 'alloc' ? alloc : undefined);
  }
}

describe('job-manager.events-journal in the simulator, against the recorded broker', () => {
  let sim: FluxSimulator | undefined;
  let client: RawClient | undefined;
  afterEach(async () => {
    client?.socket.destroy();
    await sim?.close();
    sim = undefined;
  });

  const open = async (dataset: Dataset, guest = false): Promise<RawClient> => {
    sim = await startFluxSimulator({ dataset, ...(guest ? { peerUid: 2000, guestPolicy: 'allow' as const } : {}) });
    client = await rawConnect(sim.socketPath);
    await client.waitFor(1);
    return client;
  };
  const ask = async (c: RawClient, payload: Record<string, unknown>, tag: number, count: number): Promise<void> => {
    const before = replies(c).length;
    c.socket.write(request('job-manager.events-journal', json(JSON.stringify(payload)), tag, STREAM));
    await waitUntil(() => replies(c).length >= before + count);
  };

  it.each(['journal-nofull.jsonl', 'journal-allow.jsonl'])(
    '%s: backlog, sentinel and live events byte for byte',
    async (file) => {
      const { request: payload, lines } = recording(file);
      const c = await open(backlogDataset(recording('journal-nofull.jsonl').lines));
      const sentinelAt = lines.findIndex((l) => JSON.parse(l).id === -1);
      await ask(c, payload, 5, sentinelAt + 1);
      replayLive(sim as FluxSimulator, afterSentinel(lines));
      await waitUntil(() => replies(c).length >= lines.length);
      const got = replies(c);
      expect(got.map((m) => text(m))).toEqual(lines.map(brokerText));
      expect(got.every((m) => m.flags === 0x4b && m.aux1 === 0 && m.aux2 === 5)).toBe(true);
      expect(text(got[sentinelAt])).toBe('{"id":-1,"events":[]}');
    },
  );

  it('full: the inactive jobs first (each with jobspec and R), then the active ones, then the sentinel', async () => {
    const { request: payload, lines } = recording('journal-full-excerpt.jsonl');
    const sentinelAt = lines.findIndex((l) => JSON.parse(l).id === -1);
    const active = recording('journal-nofull.jsonl').lines;
    const dataset = backlogDataset([...lines.slice(0, sentinelAt), ...active]);
    const c = await open(dataset);
    await ask(c, payload, 9, dataset.jobs.length + 1);
    const got = replies(c).map((m) => text(m));
    expect(got.slice(0, sentinelAt)).toEqual(lines.slice(0, sentinelAt).map(brokerText));
    expect(got.slice(sentinelAt, dataset.jobs.length)).toEqual(
      active.slice(0, dataset.jobs.length - sentinelAt).map(brokerText),
    );
    expect(got[dataset.jobs.length]).toBe('{"id":-1,"events":[]}');
  });

  it('ends on its cancel request (ENODATA, no text) and drops the listener on disconnect', async () => {
    const c = await open(backlogDataset(recording('journal-nofull.jsonl').lines));
    const base = (sim as FluxSimulator).store.listenerCount('event');
    await ask(c, {}, 7, 4);
    expect((sim as FluxSimulator).store.listenerCount('event')).toBe(base + 1);
    c.socket.write(
      request('job-manager.events-journal-cancel', json('{"matchtag":7}'), 0, RPC | FLUX_MSGFLAG.NORESPONSE),
    );
    await waitUntil(() => replies(c).length >= 5);
    const end = replies(c)[4];
    expect([end?.aux1, end?.flags, end?.payload]).toEqual([61, 0x49, undefined]);
    expect((sim as FluxSimulator).store.listenerCount('event')).toBe(base);
  });

  it('answers the EPROTO texts of journal.c and EPERM to a guest', async () => {
    const dataset = backlogDataset(recording('journal-nofull.jsonl').lines);
    const c = await open(dataset);
    c.socket.write(request('job-manager.events-journal', json('{}'), 1, RPC));
    c.socket.write(request('job-manager.events-journal', json('{"allow":[]}'), 2, STREAM));
    c.socket.write(request('job-manager.events-journal', json('{"deny":"x"}'), 3, STREAM));
    c.socket.write(request('job-manager.events-journal', json('{"full":1}'), 4, STREAM));
    await waitUntil(() => replies(c).length >= 4);
    const got = replies(c).map((m) => [m.aux2, m.aux1, text(m)]);
    expect(got).toEqual([
      [1, 71, 'job-manager.events requires streaming RPC flag'],
      [2, 71, 'job-manager.events allow should be an object'],
      [3, 71, 'job-manager.events deny should be an object'],
      [4, 71, undefined],
    ]);
    await sim?.close();
    client?.socket.destroy();
    const g = await open(dataset, true);
    g.socket.write(request('job-manager.events-journal', json('{}'), 1, STREAM));
    await waitUntil(() => replies(g).length >= 1);
    expect(replies(g).map((m) => [m.aux1, m.payload])).toEqual([[1, undefined]]);
  });

  it('journals every event source of the store: live steps, with the transient annotations before alloc', async () => {
    const c = await open(backlogDataset(recording('journal-nofull.jsonl').lines));
    await ask(c, { allow: { annotations: 1, alloc: 1, submit: 1 } }, 3, 4);
    const s = sim as FluxSimulator;
    const before = replies(c).length;
    s.advance({ start: 0, finish: 0, submit: 1 });
    const step = s.advance({ start: 1, finish: 0 });
    expect(step.started).toHaveLength(1);
    await waitUntil(() => replies(c).length >= before + 3);
    const names = replies(c)
      .slice(before)
      .map((m) => JSON.parse(text(m) as string) as { events: Array<{ name: string }>; jobspec?: unknown; R?: unknown });
    const started = names.filter((r) => r.events[0]?.name !== 'submit').map((r) => [r.events[0]?.name, 'R' in r]);
    expect(started).toEqual(
      step.started.flatMap(() => [
        ['annotations', false],
        ['alloc', true],
      ]),
    );
    expect(names.filter((r) => r.events[0]?.name === 'submit').every((r) => r.jobspec !== undefined)).toBe(true);
  });
});
