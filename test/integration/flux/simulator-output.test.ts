import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLUX_MSGFLAG } from '../../../src/datasources/flux/flux-message';
import { fixtureDataset } from '../../support/flux-fixture-dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { generateDataset } from '../../../src/simulators/dataset';
import { outputKind } from '../../../src/simulators/flux/job-output';
import { json, rawConnect, replies, request, RPC, text, waitUntil } from './sim-socket';
import type { RawClient } from './sim-socket';

const RECORDED = readFileSync(join(__dirname, '../../fixtures/flux/output/output.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { case: string; response?: Record<string, string> });

type OutputEvent = { name: string; context: Record<string, unknown> };
const parseLines = (eventlog: string): OutputEvent[] =>
  eventlog
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as OutputEvent);

/** The shape of an output event: its name and context keys in order (`data` and `eof` apart). */
const shape = (e: OutputEvent): string => `${e.name}:${Object.keys(e.context).join(',')}`;

describe('job output (guest.output) in the simulator', () => {
  let sim: FluxSimulator | undefined;
  const clients: RawClient[] = [];
  let now = 0;
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.socket.destroy());
    await sim?.close();
  });
  const open = async (dataset = fixtureDataset()): Promise<RawClient> => {
    now = dataset.now;
    sim = await startFluxSimulator({ dataset, clock: () => now });
    const c = await rawConnect(sim.socketPath);
    clients.push(c);
    await c.waitFor(1);
    return c;
  };
  const lookup = async (c: RawClient, id: bigint, tag: number): Promise<{ errnum: number; text?: string }> => {
    c.socket.write(request('job-info.lookup', json(`{"id":${id},"keys":["guest.output"],"flags":0}`), tag));
    await waitUntil(() => replies(c).some((m) => m.aux2 === tag));
    const m = replies(c).find((r) => r.aux2 === tag);
    return { errnum: m?.aux1 ?? -1, ...(text(m) !== undefined ? { text: text(m) } : {}) };
  };

  it('a finished 2-task job: header, lines per rank and stream, every eof; shaped like the recording', async () => {
    const dataset = fixtureDataset();
    const c = await open(dataset);
    const geometry = 320142835712n;
    const reply = await lookup(c, geometry, 3);
    expect(reply.errnum).toBe(0);
    const raw = JSON.parse(reply.text as string) as { id: number; 'guest.output': string };
    const events = parseLines(raw['guest.output']);
    const recorded = parseLines(RECORDED[0]?.response?.['guest.output'] as string);
    expect(new Set(events.map(shape))).toEqual(new Set(recorded.map(shape)));
    expect(events[0]?.context).toEqual({ ...recorded[0]?.context, count: { stdout: 2, stderr: 2 } });
    const eofs = events.filter((e) => e.context.eof === true).map((e) => `${e.context.stream}${e.context.rank}`);
    expect(eofs.sort()).toEqual(['stderr0', 'stderr1', 'stdout0', 'stdout1']);
    expect(events.slice(-4).every((e) => e.context.eof === true)).toBe(true);
    const times = events.map((e) => (e as unknown as { timestamp: number }).timestamp);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // jansson's bytes: the header line as recorded but for its timestamp
    const header = (RECORDED[0]?.response?.['guest.output'] as string).split('\n')[0] as string;
    const ours = raw['guest.output'].split('\n')[0] as string;
    expect(ours.replace(/^\{"timestamp":[0-9.]+,/, '')).toBe(header.replace(/^\{"timestamp":[0-9.]+,/, ''));
    expect(raw['guest.output'].endsWith('}\n')).toBe(true);
  });

  it('a job that never ran: ENOENT "guest.output: key not found" (lookup) and ENOENT without text (watch)', async () => {
    const dataset = fixtureDataset();
    const c = await open(dataset);
    const never = dataset.jobs.find((j) => j.job.state === 'INACTIVE' && j.job.tRun === undefined)?.job.id as bigint;
    expect(await lookup(c, never, 4)).toEqual({ errnum: 2, text: 'guest.output: key not found' });
    c.socket.write(
      request(
        'job-info.eventlog-watch',
        json(`{"id":${never},"path":"guest.output","flags":1}`),
        5,
        RPC | FLUX_MSGFLAG.STREAMING,
      ),
    );
    await waitUntil(() => replies(c).some((m) => m.aux2 === 5));
    expect(
      replies(c)
        .filter((m) => m.aux2 === 5)
        .map((m) => [m.aux1, m.payload]),
    ).toEqual([[2, undefined]]);
  });

  it('watch of a running job: header and lines so far, lines as time passes, ENODATA after the last eof', async () => {
    const dataset = generateDataset({ seed: 3, jobCount: 400, now: 1_800_000_000 });
    const c = await open(dataset);
    const running = dataset.jobs.find((j) => j.job.state === 'RUN' && outputKind(j.job.id) === 'text')?.job
      .id as bigint;
    c.socket.write(
      request(
        'job-info.eventlog-watch',
        json(`{"id":${running},"path":"guest.output","flags":1}`),
        6,
        RPC | FLUX_MSGFLAG.STREAMING,
      ),
    );
    await waitUntil(() => replies(c).length >= 1);
    const first = replies(c).length;
    now += 3600;
    sim?.advance({ start: 0, finish: 0 });
    await waitUntil(() => replies(c).length > first);
    while (sim?.store.get(running)?.job.state === 'RUN') sim.advance({ start: 0, finish: 1 });
    await waitUntil(() => replies(c).some((m) => m.aux1 === 61));
    const got = replies(c);
    const events = got.filter((m) => m.aux1 === 0).map((m) => JSON.parse(JSON.parse(text(m) as string).event));
    expect(events[0].name).toBe('header');
    expect(got.at(-1)?.flags).toBe(0x49);
    const writers = events[0].context.count.stdout + events[0].context.count.stderr;
    expect(events.filter((e: OutputEvent) => e.context.eof === true)).toHaveLength(writers);
    expect(events.slice(-writers).every((e: OutputEvent) => e.context.eof === true)).toBe(true);
  });

  it('gives some jobs redirected output (path, no data) and some output that is not UTF-8 (base64)', async () => {
    const dataset = generateDataset({ seed: 3, jobCount: 400, now: 1_800_000_000 });
    const c = await open(dataset);
    const ran = dataset.jobs.filter((j) => j.job.state === 'INACTIVE' && j.job.tRun !== undefined);
    const redirect = ran.find((j) => outputKind(j.job.id) === 'redirect')?.job.id as bigint;
    const binary = ran.find((j) => outputKind(j.job.id) === 'binary')?.job.id as bigint;
    const r = parseLines(JSON.parse((await lookup(c, redirect, 7)).text as string)['guest.output']);
    const recorded = parseLines(RECORDED[1]?.response?.['guest.output'] as string);
    expect(r.slice(1).map(shape)).toEqual(recorded.slice(1).map(shape));
    const b = parseLines(JSON.parse((await lookup(c, binary, 8)).text as string)['guest.output']);
    const encoded = b.find((e) => e.context.encoding === 'base64');
    expect(Object.keys(encoded?.context ?? {})).toEqual(['stream', 'rank', 'encoding', 'data']);
    expect(Buffer.from(encoded?.context.data as string, 'base64').includes(0xff)).toBe(true);
  });
});
