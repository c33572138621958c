import { referenceLookupReply } from '../../../../bench/reference/job-info.reference';
import { toWireId } from '../../../../src/datasources/flux/wire-id';
import { generateDataset } from '../../../../src/simulators/dataset';
import { jobspecDecoded } from '../../../../src/simulators/flux/job-info.service';
import type { StoredJob } from '../../../../src/simulators/flux/job-store';
import { JobStore } from '../../../../src/simulators/flux/job-store';
import { JobTexts } from '../../../../src/simulators/flux/job-texts';
import { advanceJobs } from '../../../../src/simulators/flux/live-progress';
import type { SimBroker } from '../../../../src/simulators/flux/request-dispatch';
import { fixtureDataset } from '../../../support/flux-fixture-dataset';
import { asManifest, call, testBroker, wireBytes } from './sim-helpers';

const LIVE_MONITOR = 502175629312n;
const QUEUED_HOLD = 508483862528n;
const ALL_KEYS = ['eventlog', 'jobspec', 'R', 'J'];

/** Looks up `keys` of `id` and checks the reply's bytes against the reference writers over the job as it is now. */
async function lookupMatchesJob(b: SimBroker, id: bigint, keys: readonly string[], flags: number): Promise<string> {
  const job = b.store.get(id) as StoredJob;
  const [reply] = await call(b, 'job-info.lookup', `{"id":${id},"keys":${JSON.stringify(keys)},"flags":${flags}}`);
  const expected = referenceLookupReply(job, toWireId(id), keys, flags);
  if (expected === undefined) throw new Error(`job ${id} lacks one of ${keys.join(',')}`);
  expect(wireBytes(reply!).toString()).toBe(`${expected}\0`);
  return expected;
}

const eventNames = (reply: string): string[] =>
  ((JSON.parse(reply) as { eventlog: string }).eventlog.match(/"name":"[^"]*"/g) ?? []).map((m) => m.slice(8, -1));

describe('job-info.lookup from stored texts: a job that changes is never answered from stale text', () => {
  it('shows events appended by live progress and R once allocated', async () => {
    const b = testBroker(fixtureDataset());
    for (const flags of [0, 3]) await lookupMatchesJob(b, LIVE_MONITOR, ALL_KEYS, flags);
    const before = eventNames(await lookupMatchesJob(b, LIVE_MONITOR, ['eventlog'], 0));
    expect(before).not.toContain('clean');
    const [pending] = await call(b, 'job-info.lookup', `{"id":${QUEUED_HOLD},"keys":["eventlog","R"],"flags":0}`);
    expect(asManifest(pending!)).toEqual({ errnum: 2, payload: 'R: key not found' });
    await lookupMatchesJob(b, QUEUED_HOLD, ['eventlog', 'jobspec', 'J'], 3);

    expect(advanceJobs(b.store, 1795361600, { start: 0, finish: 1 }).finished).toEqual([LIVE_MONITOR]);
    const after = eventNames(await lookupMatchesJob(b, LIVE_MONITOR, ['eventlog'], 0));
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(-1)).toEqual(['clean']);
    for (const flags of [0, 3]) await lookupMatchesJob(b, LIVE_MONITOR, ALL_KEYS, flags);

    const [submitted] = advanceJobs(b.store, 1795361601, { start: 0, finish: 0, submit: 1 }).submitted;
    await lookupMatchesJob(b, submitted as bigint, ['eventlog', 'jobspec', 'J'], 3);
    const [started] = advanceJobs(b.store, 1795361602, { start: 1, finish: 0 }).started;
    expect(started).toBe(submitted);
    expect(b.store.get(started as bigint)?.job.state).toBe('RUN');
    expect(eventNames(await lookupMatchesJob(b, started as bigint, ALL_KEYS, 3))).toContain('start');
    await lookupMatchesJob(b, started as bigint, ALL_KEYS, 0);
  });

  it('shows an exception raised through job-manager and urgency changes', async () => {
    const b = testBroker(fixtureDataset());
    await lookupMatchesJob(b, QUEUED_HOLD, ['eventlog'], 0);
    const [urgency] = await call(b, 'job-manager.urgency', `{"id":${QUEUED_HOLD},"urgency":20}`);
    expect(asManifest(urgency!).errnum).toBe(0);
    expect(eventNames(await lookupMatchesJob(b, QUEUED_HOLD, ['eventlog'], 0))).toContain('urgency');
    const [raised] = await call(
      b,
      'job-manager.raise',
      `{"id":${QUEUED_HOLD},"severity":0,"type":"cancel","note":"stale?"}`,
    );
    expect(asManifest(raised!).errnum).toBe(0);
    const names = eventNames(await lookupMatchesJob(b, QUEUED_HOLD, ['eventlog', 'J'], 3));
    expect(names).toContain('exception');
    expect(names.slice(-1)).toEqual(['clean']);
  });

  it('shows a replaced jobspec, environment, R or owner, each on its own', async () => {
    const b = testBroker(fixtureDataset());
    const job = b.store.get(LIVE_MONITOR) as StoredJob;
    const changes: Array<[string, () => void]> = [
      ['"version":2', () => (job.jobspec = { ...job.jobspec, version: 2 })],
      ['"changed":true', () => (job.R = { ...job.R, changed: true })],
      ['', () => (job.environment = { ...job.environment, CHANGED: 'yes' })],
      ['', () => (job.job = { ...job.job, userId: 4242 })],
      ['renamed', () => (job.eventlog = job.eventlog.map((ev, i) => (i === 1 ? { ...ev, name: 'renamed' } : ev)))],
    ];
    for (const [shows, change] of changes) {
      const before = await Promise.all([0, 1].map((flags) => lookupMatchesJob(b, LIVE_MONITOR, ALL_KEYS, flags)));
      change();
      const after = await Promise.all([0, 1].map((flags) => lookupMatchesJob(b, LIVE_MONITOR, ALL_KEYS, flags)));
      for (const [i, reply] of after.entries()) {
        expect(reply).not.toBe(before[i]);
        if (i === 1) expect(reply).toContain(shows);
      }
    }
  });
});

describe('job-info.lookup replies kept by the store', () => {
  it('answer only the same request: same keys in the same order, same flags', async () => {
    const b = testBroker(fixtureDataset());
    const asked: Array<[string[], number]> = [
      [['eventlog', 'jobspec'], 3],
      [['eventlog', 'jobspec'], 3],
      [['jobspec', 'eventlog'], 3],
      [['jobspec', 'eventlog'], 0],
      [['jobspec', 'R'], 0],
      [['jobspec', 'J'], 0],
      [['jobspec', 'J'], 0],
    ];
    const replies: string[] = [];
    for (const [keys, flags] of asked) replies.push(await lookupMatchesJob(b, LIVE_MONITOR, keys, flags));
    expect(new Set(replies).size).toBe(5);
  });

  it('never answer for guest.output, which grows without the job changing', async () => {
    const b = testBroker(fixtureDataset());
    const ask = `{"id":${LIVE_MONITOR},"keys":["eventlog","guest.output"],"flags":0}`;
    const [first] = await call(b, 'job-info.lookup', ask);
    b.store.appendOutput(LIVE_MONITOR, [
      { timestamp: 1795361599, name: 'data', context: { stream: 'stdout', rank: '0', data: 'appended line\n' } },
    ]);
    const [second] = await call(b, 'job-info.lookup', ask);
    expect(asManifest(first!).payload).not.toContain('appended line');
    expect(asManifest(second!).payload).toContain('appended line');
  });
});

describe('JobTexts', () => {
  const store = new JobStore(generateDataset({ jobCount: 300, seed: 5, now: 1_795_400_000 }));
  const jobs = [...store.all()];

  it('keeps what fits its budget: the first jobs stay, the others are written on each lookup', () => {
    const texts = new JobTexts(20_000);
    const mine = jobs.map((job) => ({ ...job }));
    let made = 0;
    const counted = (job: StoredJob): string => (made++, jobspecDecoded(job));
    for (const job of mine) {
      expect(texts.get(job, 'jobspecDecoded', counted)).toBe(jobspecDecoded(job));
      expect(texts.bytes).toBeLessThanOrEqual(20_000);
    }
    const kept = texts.size;
    expect(kept).toBeGreaterThan(5);
    expect(kept).toBeLessThan(mine.length / 4);
    made = 0;
    for (const job of mine) expect(texts.get(job, 'jobspecDecoded', counted)).toBe(jobspecDecoded(job));
    expect(made).toBe(mine.length - kept);
    // A kept job that changes frees its room, which the next job asked takes.
    const first = mine[0] as StoredJob;
    const notKept = mine[mine.length - 1] as StoredJob;
    const tooLong = 'x'.repeat(Math.max(1, 20_000 - texts.bytes - 200 + 1));
    const justTooLong = (): string => (made++, tooLong);
    made = 0;
    texts.get(notKept, 'jobspecDecoded', justTooLong);
    texts.get(notKept, 'jobspecDecoded', justTooLong);
    expect(made).toBe(2);
    first.jobspec = { ...first.jobspec, version: 2 };
    texts.get(first, 'jobspecDecoded', () => '"short"');
    made = 0;
    texts.get(notKept, 'jobspecDecoded', justTooLong);
    texts.get(notKept, 'jobspecDecoded', justTooLong);
    expect(made).toBe(1);
    expect(texts.bytes).toBeLessThanOrEqual(20_000);
  });

  it('keeps the last two replies per job, counted in its budget, dropped with the texts when the job changes', () => {
    const texts = new JobTexts();
    const job = { ...(jobs[3] as StoredJob), eventlog: [...(jobs[3] as StoredJob).eventlog] };
    const frame = (text: string): Uint8Array => Buffer.from(text);
    const empty = texts.bytes;
    texts.keepReply(job, 1n, ['eventlog', 'jobspec'], 3, frame('first'));
    texts.keepReply(job, 1n, ['jobspec', 'eventlog'], 3, frame('second'));
    expect(Buffer.from(texts.reply(job, 1n, ['eventlog', 'jobspec'], 3)!).toString()).toBe('first');
    expect(Buffer.from(texts.reply(job, 1n, ['jobspec', 'eventlog'], 3)!).toString()).toBe('second');
    expect(texts.reply(job, 1n, ['jobspec', 'eventlog'], 1)).toBeUndefined();
    expect(texts.reply(job, 2n, ['jobspec', 'eventlog'], 3)).toBeUndefined();
    expect(texts.reply(job, 1n, ['jobspec'], 3)).toBeUndefined();
    texts.keepReply(job, 1n, ['R'], 0, frame('third'));
    expect(texts.reply(job, 1n, ['eventlog', 'jobspec'], 3)).toBeUndefined();
    expect(Buffer.from(texts.reply(job, 1n, ['R'], 0)!).toString()).toBe('third');
    expect(texts.bytes - empty).toBe('second'.length + 'third'.length + 200);
    job.eventlog.push({ timestamp: 1_795_400_001, name: 'memo', context: {} });
    expect(texts.reply(job, 1n, ['R'], 0)).toBeUndefined();
  });

  it('writes each text once while the job is unchanged', () => {
    const texts = new JobTexts();
    const job = { ...(jobs[2] as StoredJob), eventlog: [...(jobs[2] as StoredJob).eventlog] };
    let made = 0;
    const text = (): string => (made++, `"é${job.eventlog.length}"`);
    for (let i = 0; i < 3; i++) expect(texts.get(job, 'eventlog', text)).toBe(`"é${job.eventlog.length}"`);
    expect(made).toBe(1);
    job.eventlog.push({ timestamp: 1_795_400_001, name: 'memo', context: {} });
    expect(texts.get(job, 'eventlog', text)).toBe(`"é${job.eventlog.length}"`);
    expect(made).toBe(2);
  });
});
