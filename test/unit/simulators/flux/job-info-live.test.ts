import { parseFluxJson } from '../../../../src/datasources/flux/flux-json';
import { generateDataset } from '../../../../src/simulators/dataset';
import { fixtureDataset } from '../../../support/flux-fixture-dataset';
import { advanceJobs } from '../../../../src/simulators/flux/live-progress';
import { dispatchRequest } from '../../../../src/simulators/flux/request-dispatch';
import type { SimReply } from '../../../../src/simulators/flux/sim-service';
import { asManifest, call, testBroker } from './sim-helpers';

const OWNER = { uid: 1001, owner: true };
const GUEST = { uid: 2000, owner: false };
const LIVE_MONITOR = 502175629312n;
const QUEUED_HOLD = 508483862528n;

function json(reply: SimReply | undefined): Record<string, unknown> {
  const text = reply && asManifest(reply).payload;
  if (!reply || 'errnum' in reply || !text) throw new Error(`not a JSON reply: ${JSON.stringify(reply)}`);
  return parseFluxJson(text) as Record<string, unknown>;
}

describe('job-info.lookup', () => {
  it("rejects bad flags and payloads, unknown ids and keys, and guests on others' jobs", async () => {
    const b = testBroker(fixtureDataset());
    const one = async (payload: string, caller = OWNER): Promise<unknown> =>
      (await call(b, 'job-info.lookup', payload, false, caller)).map(asManifest);
    expect(await one('{"id":320142835712,"keys":["R"],"flags":4}')).toEqual([
      { errnum: 71, payload: 'lookup request rejected with invalid flag' },
    ]);
    expect(await one('{"id":320142835712,"keys":["R"]}')).toEqual([{ errnum: 71, payload: null }]);
    expect(await one('{"id":320142835712,"keys":"R","flags":0}')).toEqual([{ errnum: 71, payload: null }]);
    expect(await one('{"id":1,"keys":["R"],"flags":0}')).toEqual([{ errnum: 2, payload: 'invalid job id' }]);
    expect(await one(`{"id":${QUEUED_HOLD},"keys":["jobspec","R"],"flags":0}`)).toEqual([
      { errnum: 2, payload: 'R: key not found' },
    ]);
    expect(await one('{"id":320142835712,"keys":["eventlog"],"flags":0}', GUEST)).toEqual([
      { errnum: 1, payload: 'access is restricted to job/instance owner' },
    ]);
  });

  it('keeps the environment out of the stored jobspec and in J', async () => {
    const b = testBroker(fixtureDataset());
    const [reply] = await call(b, 'job-info.lookup', `{"id":${LIVE_MONITOR},"keys":["jobspec","J"],"flags":0}`);
    const { jobspec, J } = json(reply) as { jobspec: string; J: string };
    expect(jobspec).not.toContain('environment');
    const [header, payload, signature] = J.split('.');
    expect(Buffer.from(header as string, 'base64').toString()).toBe('version\0i1\0userid\0i1001\0mechanism\0snone\0');
    expect(signature).toBe('none');
    const original = JSON.parse(Buffer.from(payload as string, 'base64').toString()) as {
      attributes: { system: Record<string, unknown> };
    };
    expect(Object.keys(original.attributes.system).slice(0, 2)).toEqual(['duration', 'environment']);
    expect(original.attributes.system.environment).toMatchObject({ USER: 'alice' });
    const { environment, ...system } = original.attributes.system;
    expect(environment).toBeDefined();
    expect({ ...original, attributes: { ...original.attributes, system } }).toEqual(JSON.parse(jobspec));
  });

  it('answers exact ids above 2^53 and writes ids of 2^63 and more negative', async () => {
    const dataset = generateDataset({ now: 1795400000, jobCount: 40 });
    const job = dataset.jobs[5];
    if (!job) throw new Error('no job');
    expect(job.job.id).toBeGreaterThan(2n ** 53n);
    const [reply] = await call(
      testBroker(dataset),
      'job-info.lookup',
      `{"id":${job.job.id},"keys":["eventlog"],"flags":0}`,
    );
    expect(json(reply).id).toBe(job.job.id);
    const big = fixtureDataset();
    const first = big.jobs[0];
    if (!first) throw new Error('no job');
    first.job = { ...first.job, id: 2n ** 64n - 616n };
    const [listed] = await call(
      testBroker(big),
      'job-list.list',
      '{"max_entries":0,"attrs":[],"constraint":{"name":["smd_producer"]}}',
    );
    expect(listed && asManifest(listed).payload).toContain('{"id":-616}');
    const [byId] = await call(testBroker(big), 'job-list.list-id', '{"id":-616,"attrs":["name"]}');
    expect(byId && asManifest(byId).payload).toBe('{"job":{"id":-616,"name":"smd_producer"}}');
  });
});

describe('job-info.eventlog-watch', () => {
  it('rejects non-streaming requests, bad flags and unknown ids', async () => {
    const b = testBroker(fixtureDataset());
    const watch = async (payload: string, streaming = true, caller = OWNER): Promise<unknown> =>
      (await call(b, 'job-info.eventlog-watch', payload, streaming, caller)).map(asManifest);
    expect(await watch('{"id":320142835712,"path":"eventlog","flags":0}', false)).toEqual([
      { errnum: 71, payload: 'eventlog-watch request rejected without streaming RPC flag' },
    ]);
    expect(await watch('{"id":320142835712,"path":"eventlog","flags":2}')).toEqual([
      { errnum: 71, payload: 'eventlog-watch request rejected with invalid flag' },
    ]);
    expect(await watch('{"id":1,"path":"eventlog","flags":0}')).toEqual([{ errnum: 2, payload: null }]);
    expect(await watch('{"id":320142835712,"path":"eventlog","flags":0}', true, GUEST)).toEqual([
      { errnum: 1, payload: null },
    ]);
  });

  it('sends the backlog, then live appends, and ends with ENODATA after clean', async () => {
    const b = testBroker(fixtureDataset());
    const replies = call(b, 'job-info.eventlog-watch', `{"id":${LIVE_MONITOR},"path":"eventlog","flags":0}`, true);
    await new Promise((r) => setImmediate(r));
    expect(advanceJobs(b.store, 1795361600, { start: 0, finish: 1 }).finished).toEqual([LIVE_MONITOR]);
    const names = (await replies).map((r) =>
      'errnum' in r ? r.errnum : (JSON.parse((json(r) as { event: string }).event) as { name: string }).name,
    );
    expect(names).toEqual([
      'submit',
      'validate',
      'depend',
      'priority',
      'alloc',
      'start',
      'finish',
      'release',
      'free',
      'clean',
      61,
    ]);
  });

  it('ends with ENODATA when cancelled', async () => {
    const b = testBroker(fixtureDataset());
    const cancel = new AbortController();
    const replies = call(
      b,
      'job-info.eventlog-watch',
      `{"id":${QUEUED_HOLD},"path":"eventlog","flags":0}`,
      true,
      OWNER,
      cancel.signal,
    );
    await new Promise((r) => setImmediate(r));
    cancel.abort();
    const got = await replies;
    expect(got).toHaveLength(5);
    expect(got[4]).toEqual({ errnum: 61 });
  });
});

describe('job-list.list-id state wait and live progress', () => {
  it('holds the reply until the job reaches the state, answers inactive jobs at once', async () => {
    const b = testBroker(fixtureDataset());
    let answered = false;
    const waiting = call(b, 'job-list.list-id', `{"id":${LIVE_MONITOR},"attrs":["state"],"state":64}`).then(
      (r) => ((answered = true), r),
    );
    await new Promise((r) => setImmediate(r));
    expect(answered).toBe(false);
    advanceJobs(b.store, 1795361600, { start: 0, finish: 1 });
    expect((await waiting).map(asManifest)).toEqual([
      { errnum: 0, payload: `{"job":{"id":${LIVE_MONITOR},"state":64}}` },
    ]);
    expect(
      (await call(b, 'job-list.list-id', '{"id":320142835712,"attrs":["state"],"state":16}')).map(asManifest),
    ).toEqual([{ errnum: 0, payload: '{"job":{"id":320142835712,"state":64}}' }]);
    expect((await call(b, 'job-list.list-id', '{"id":320142835712,"attrs":[],"state":128}')).map(asManifest)).toEqual([
      { errnum: 71, payload: 'invalid payload: invalid state specified' },
    ]);
  });

  it('streams listings that show each job as it is now, the same attributes listed again after a change', async () => {
    const b = testBroker(fixtureDataset());
    const list = async (): Promise<string[]> =>
      (
        await call(
          b,
          'job-list.list',
          '{"max_entries":0,"attrs":["state","t_inactive","name"],"constraint":{"states":[126]}}',
          true,
        )
      ).map((r) => asManifest(r).payload ?? '');
    const before = await list();
    expect(before.join('\n')).toContain(`{"id":${LIVE_MONITOR},"state":16`);
    expect(await list()).toEqual(before);
    advanceJobs(b.store, 1795361600, { start: 0, finish: 1 });
    const after = await list();
    expect(after.join('\n')).toContain(`{"jobs":[{"id":${LIVE_MONITOR},"state":64,"t_inactive":1795361600.0`);
    expect(after.join('\n')).not.toContain(`{"id":${LIVE_MONITOR},"state":16`);
  });

  it('moves jobs SCHED → RUN → INACTIVE and submits new ones, streaming job-stats as counts change', async () => {
    const b = testBroker(fixtureDataset());
    const cancel = new AbortController();
    const stats: Record<string, unknown>[] = [];
    const stream = (async () => {
      for await (const r of dispatchRequest(
        b,
        OWNER,
        { topic: 'job-list.job-stats', payload: Buffer.from('{}\0'), streaming: true },
        cancel.signal,
      ))
        stats.push(json(r));
    })();
    await new Promise((r) => setImmediate(r));
    const step = advanceJobs(b.store, 1795361600, { start: 5, finish: 5, submit: 2 });
    expect(step.finished).toEqual([LIVE_MONITOR]);
    expect(step.started).toEqual([]);
    expect(step.submitted).toHaveLength(2);
    expect(step.submitted[0]).toBeGreaterThan(QUEUED_HOLD);
    const next = advanceJobs(b.store, 1795361601, { start: 1, finish: 0 });
    expect(next.started).toEqual([step.submitted[0]]);
    expect(b.store.get(step.submitted[0] as bigint)?.job.state).toBe('RUN');
    await new Promise((r) => setImmediate(r));
    cancel.abort();
    await stream;
    expect(stats[0]).toMatchObject({ job_states: { run: 1, inactive: 11, total: 14 } });
    expect(stats[stats.length - 1]).toMatchObject({
      job_states: { sched: 2, run: 1, inactive: 12, total: 16 },
      successful: 8,
    });
  });
});
