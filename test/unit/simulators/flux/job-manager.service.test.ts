import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFluxJson } from '../../../../src/datasources/flux/flux-json';
import { fixtureDataset } from '../../../support/flux-fixture-dataset';
import { JOURNAL_SENTINEL } from '../../../../src/simulators/flux/events-journal.service';
import { dispatchRequest } from '../../../../src/simulators/flux/request-dispatch';
import type { SimCaller, SimReply } from '../../../../src/simulators/flux/sim-service';
import { asManifest, call, testBroker } from './sim-helpers';

/** One line of test/fixtures/flux/control/control.jsonl (recorded from flux-core 0.88 as the owner). */
interface ControlCase {
  case: string;
  topic?: string;
  request?: Record<string, unknown>;
  response?: Record<string, unknown> | null;
  error?: { errno: number; text: string };
  eventlog?: Array<{ name: string; context?: Record<string, unknown> }>;
}

const CASES = readFileSync(path.join(__dirname, '../../../fixtures/flux/control/control.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as ControlCase);

const OWNER: SimCaller = { uid: 1001, owner: true };
/** The recording's held job and running job, played by the fixture dataset's held and running jobs. */
const RECORDED_TO_FIXTURE = new Map([
  [52766005264384, 508483862528n],
  [52769360707584, 502175629312n],
]);
const QUEUED_HOLD = 508483862528n;
const LIVE_MONITOR = 502175629312n;

describe('job-manager.raise and job-manager.urgency', () => {
  it('answer the recorded sequence byte for byte (control.jsonl)', async () => {
    const broker = testBroker(fixtureDataset());
    const requests = CASES.filter((c) => c.topic !== undefined);
    expect(requests.length).toBe(9);
    for (const c of requests) {
      const id = RECORDED_TO_FIXTURE.get(c.request?.id as number) ?? BigInt(c.request?.id as number);
      const payload = JSON.stringify({ ...c.request, id: 0 }).replace('"id":0', `"id":${id}`);
      const replies = (await call(broker, c.topic as string, payload, false, OWNER)).map(asManifest);
      const expected = c.error
        ? { errnum: c.error.errno, payload: c.error.text }
        : { errnum: 0, payload: c.response === null ? null : JSON.stringify(c.response) };
      expect({ case: c.case, reply: replies }).toEqual({ case: c.case, reply: [expected] });
    }
  });

  it('take a canceled running job through exception, finish, release, free and clean, as recorded', async () => {
    const broker = testBroker(fixtureDataset());
    const recorded = CASES.find((c) => c.eventlog)?.eventlog ?? [];
    await call(broker, 'job-manager.raise', `{"id":${LIVE_MONITOR},"severity":0,"type":"cancel","note":"stop it"}`);
    const stored = broker.store.get(LIVE_MONITOR);
    const names = (events: Array<{ name: string }>): string[] => events.map((e) => e.name);
    const tail = (events: Array<{ name: string }>): string[] => names(events).slice(names(events).indexOf('start'));
    expect(tail(stored?.eventlog ?? [])).toEqual(tail(recorded));
    const exception = stored?.eventlog.find((e) => e.name === 'exception');
    expect(Object.keys(exception?.context ?? {})).toEqual(
      Object.keys(recorded.find((e) => e.name === 'exception')?.context ?? {}),
    );
    expect(exception?.context).toEqual({ type: 'cancel', severity: 0, note: 'stop it', userid: 1001 });
    expect(stored?.eventlog.find((e) => e.name === 'finish')?.context).toEqual({ status: 36608 });
    expect(stored?.job).toMatchObject({
      state: 'INACTIVE',
      result: 'CANCELED',
      success: false,
      waitStatus: 36608,
      exception: { occurred: true, type: 'cancel', severity: 0, note: 'stop it' },
    });
    const timestamps = stored?.eventlog.map((e) => e.timestamp) ?? [];
    expect([...timestamps].sort((a, b) => a - b)).toEqual(timestamps);
  });

  it('cancel a pending job straight to clean, and the eventlog watch sees every event', async () => {
    const broker = testBroker(fixtureDataset());
    const seen: string[] = [];
    broker.store.on('event', (id, ev) => id === QUEUED_HOLD && seen.push(ev.name));
    await call(broker, 'job-manager.raise', `{"id":${QUEUED_HOLD},"severity":0,"type":"cancel","note":"x"}`);
    expect(seen).toEqual(['exception', 'clean']);
    expect(broker.store.get(QUEUED_HOLD)?.job).toMatchObject({ state: 'INACTIVE', result: 'CANCELED' });
    expect(broker.store.get(QUEUED_HOLD)?.job.waitStatus).toBeUndefined();
  });

  it('append urgency and priority events and update the job-list view', async () => {
    const broker = testBroker(fixtureDataset());
    const [reply] = await call(broker, 'job-manager.urgency', `{"id":${QUEUED_HOLD},"urgency":12}`);
    expect(parseFluxJson(asManifest(reply!).payload as string)).toEqual({ old_urgency: 0 });
    const stored = broker.store.get(QUEUED_HOLD);
    expect(stored?.eventlog.slice(-2).map((e) => [e.name, e.context])).toEqual([
      ['urgency', { userid: 1001, urgency: 12 }],
      ['priority', { priority: 12 }],
    ]);
    expect(stored?.job).toMatchObject({ urgency: 12, priority: 12, state: 'SCHED' });
  });

  it("apply the guest rules of urgency.c and raise.c (another user's job, above max(16, current), allocated)", async () => {
    const broker = testBroker(fixtureDataset());
    const one = async (topic: string, payload: string, caller: SimCaller): Promise<unknown> =>
      (await call(broker, topic, payload, false, caller)).map(asManifest);
    const stranger: SimCaller = { uid: 2000, owner: false };
    const alice: SimCaller = { uid: 1001, owner: false };
    expect(await one('job-manager.raise', `{"id":${QUEUED_HOLD},"severity":0,"type":"cancel"}`, stranger)).toEqual([
      { errnum: 1, payload: 'guests can only raise exceptions on their own jobs' },
    ]);
    expect(await one('job-manager.urgency', `{"id":${QUEUED_HOLD},"urgency":4}`, stranger)).toEqual([
      { errnum: 1, payload: 'guests can only reprioritize their own jobs' },
    ]);
    expect(await one('job-manager.urgency', `{"id":${QUEUED_HOLD},"urgency":17}`, alice)).toEqual([
      { errnum: 1, payload: 'guests can only adjust urgency <= default' },
    ]);
    expect(await one('job-manager.urgency', `{"id":${LIVE_MONITOR},"urgency":4}`, alice)).toEqual([
      { errnum: 22, payload: 'urgency cannot be changed once resources are allocated' },
    ]);
    expect(await one('job-manager.raise', `{"id":${QUEUED_HOLD},"severity":8,"type":"cancel"}`, alice)).toEqual([
      { errnum: 71, payload: 'invalid exception severity' },
    ]);
    expect(await one('job-manager.urgency', `{"id":${QUEUED_HOLD}}`, alice)).toEqual([{ errnum: 71, payload: null }]);
    expect(await one('job-manager.urgency', `{"id":${QUEUED_HOLD},"urgency":16}`, alice)).toEqual([
      { errnum: 0, payload: '{"old_urgency":0}' },
    ]);
    expect(broker.store.get(QUEUED_HOLD)?.eventlog.at(-2)?.context).toEqual({ userid: 1001, urgency: 16 });
  });

  it('append through the job store, so job-manager.events-journal streams them as they happen', async () => {
    const broker = testBroker(fixtureDataset());
    const abort = new AbortController();
    const request = { topic: 'job-manager.events-journal', payload: Buffer.from('{}\0'), streaming: true };
    const journal = (dispatchRequest(broker, OWNER, request, abort.signal) as AsyncIterable<SimReply>)[
      Symbol.asyncIterator
    ]();
    const next = async (): Promise<string> => asManifest((await journal.next()).value as SimReply).payload as string;
    for (let i = 0; i < 100 && (await next()) !== JOURNAL_SENTINEL; i++);
    await call(broker, 'job-manager.urgency', `{"id":${QUEUED_HOLD},"urgency":8}`);
    await call(broker, 'job-manager.raise', `{"id":${QUEUED_HOLD},"severity":0,"type":"cancel","note":"x"}`);
    const names: string[] = [];
    for (let i = 0; i < 4; i++)
      names.push((JSON.parse(await next()) as { events: Array<{ name: string }> }).events[0]?.name ?? '');
    abort.abort();
    await journal.return?.(undefined);
    expect(names).toEqual(['urgency', 'priority', 'exception', 'clean']);
  });
});
