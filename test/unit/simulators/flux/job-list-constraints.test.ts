import { COMPARISON_BUDGET_ERRNO } from '../../../../src/simulators/flux/job-list.service';
import { fixtureDataset } from '../../../support/flux-fixture-dataset';
import { asManifest, call, testBroker } from './sim-helpers';

const EPROTO = 71;

async function list(
  payload: Record<string, unknown> | string,
  settings = {},
  streaming = false,
): Promise<{ errnum: number; payload: string | null }[]> {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return (await call(testBroker(fixtureDataset(), settings), 'job-list.list', text, streaming)).map(asManifest);
}

async function ids(constraint: unknown, extra: Record<string, unknown> = {}): Promise<string[]> {
  const [reply] = await list({ max_entries: 0, attrs: ['name'], constraint, ...extra });
  if (!reply || reply.errnum !== 0 || reply.payload === null)
    throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
  return (JSON.parse(reply.payload) as { jobs: { name: string }[] }).jobs.map((j) => j.name);
}

describe('job-list.list errors (list.c / match.c texts)', () => {
  it.each([
    [{ max_entries: 0 }, 'invalid payload: Object item not found: attrs'],
    [{ attrs: [] }, 'invalid payload: Object item not found: max_entries'],
    ['{"max_entries":1.0,"attrs":[]}', 'invalid payload: Expected integer, got real'],
    [{ max_entries: 0, attrs: [], since: 'x' }, 'invalid payload: Expected real or integer, got string'],
    [{ max_entries: -1, attrs: [] }, 'invalid payload: max_entries < 0 not allowed'],
    [{ max_entries: 0, attrs: [], since: -1 }, 'invalid payload: since < 0.0 not allowed'],
    [{ max_entries: 0, attrs: 'name' }, 'invalid payload: attrs must be an array'],
    ['[1]', 'invalid payload: Expected object, got array'],
  ])('%j → %s', async (payload, text) => {
    expect(await list(payload)).toEqual([{ errnum: EPROTO, payload: text }]);
  });

  it.each([
    [[], 'constraint must be JSON object'],
    [{ name: ['a'], queue: ['b'] }, 'constraint must only contain 1 element'],
    [{ and: {} }, 'operator and values not an array'],
    [{ bogus: [] }, 'unknown constraint operator: bogus'],
    [{ userid: ['alice'] }, 'userid value must be an integer'],
    [{ name: [1] }, 'name value must be a string'],
    [{ queue: [true] }, 'queue value must be a string'],
    [{ states: ['pending'] }, "invalid states value 'pending' specified"],
    [{ states: [128] }, "invalid states value '80h' specified"],
    [{ states: [{}] }, 'states value invalid type'],
    [{ results: ['bogus'] }, "invalid results value 'bogus' specified"],
    [{ results: [16] }, "invalid results value '10h' specified"],
    [{ results: [null] }, 'results value invalid type'],
    [{ t_submit: ['>x'] }, 'Invalid timestamp value specified'],
    [{ t_submit: ['5'] }, 'timestamp comparison operator not specified'],
    [{ t_submit: ['>=-1'] }, 'timestamp value must be >= 0.0'],
    [{ t_run: [5] }, 't_run value must be a string'],
    [{ t_run: [] }, 'timestamp value not specified'],
    [{ hostlist: [3] }, 'host value must be a string'],
    [{ and: [{ or: [{ bogus: [] }] }] }, 'unknown constraint operator: bogus'],
  ])('constraint %j → %s', async (constraint, text) => {
    expect(await list({ max_entries: 0, attrs: [], constraint })).toEqual([
      { errnum: EPROTO, payload: `invalid payload: constraint object invalid: ${text}` },
    ]);
  });

  it('reports an unknown attribute only when a job matches', async () => {
    expect(await list({ max_entries: 0, attrs: ['bogus'] })).toEqual([
      { errnum: 22, payload: 'bogus is not a valid attribute' },
    ]);
    expect(await list({ max_entries: 0, attrs: ['bogus'], constraint: { name: ['nosuch'] } })).toEqual([
      { errnum: 0, payload: '{"jobs":[]}' },
    ]);
  });

  it('stops at the comparison budget, scanning only the lists the constraint can match', async () => {
    const budget = { maxComparisons: 12 };
    expect(await list({ max_entries: 0, attrs: [] }, budget)).toEqual([
      { errnum: COMPARISON_BUDGET_ERRNO, payload: 'Excessive comparisons made, limit search via states or since' },
    ]);
    const [inactive] = await list({ max_entries: 0, attrs: [], constraint: { states: ['inactive'] } }, budget);
    expect(inactive?.errnum).toBe(0);
  });
});

describe('job-list.list constraint semantics (RFC 43)', () => {
  it('matches states and results by mask or any name form; results only for inactive jobs', async () => {
    for (const s of ['inactive', 'INACTIVE', 'I', 'i', 64]) expect(await ids({ states: [s] })).toHaveLength(11);
    expect(await ids({ states: [14] })).toEqual(['after_monitor', 'queued_hold']);
    expect(await ids({ states: ['RUN', 'cleanup'] })).toEqual(['live_monitor']);
    for (const r of ['completed', 'COMPLETED', 'CD', 'cd', 1]) expect(await ids({ results: [r] })).toHaveLength(7);
    expect(await ids({ results: ['F', 'to'] })).toEqual(['slow_analysis', 'find_peaks']);
    expect(await ids({ results: ['CA'] })).toEqual(['sleep', 'sleep']);
  });

  it('combines with and/or/not; empty and/or match everything', async () => {
    expect(await ids({ or: [] })).toHaveLength(14);
    expect(await ids({ and: [] })).toHaveLength(14);
    expect(await ids({})).toHaveLength(14);
    expect(await ids({ not: [{ states: ['inactive'] }] })).toEqual(['after_monitor', 'queued_hold', 'live_monitor']);
    expect(
      await ids({ or: [{ name: ['summarize'] }, { and: [{ name: ['sleep'] }, { results: ['completed'] }] }] }),
    ).toEqual(['summarize', 'sleep']);
  });

  it('matches userid (4294967295 = any), name, queue, hostlist, ranks and timestamps', async () => {
    expect(await ids({ userid: [1001] })).toHaveLength(14);
    expect(await ids({ userid: [4294967295] })).toHaveLength(14);
    expect(await ids({ userid: [42] })).toEqual([]);
    expect(await ids({ queue: ['batch'] })).toEqual([]);
    expect(await ids({ hostlist: ['vm'] })).toHaveLength(11);
    expect(await ids({ hostlist: ['node[1-3]'] })).toEqual([]);
    expect(await ids({ ranks: ['0'] })).toHaveLength(11);
    expect(await ids({ t_run: ['>=0'] })).toHaveLength(11);
    expect(await ids({ t_inactive: ['>1795361582.2'] })).toEqual(['slow_analysis']);
    expect(await ids({ t_submit: ['<1795361578.2'] })).toEqual(['smd_producer', 'smd_producer']);
    expect(await ids({ t_depend: ['<=1795361578.1231711'] })).toEqual(['smd_producer', 'smd_producer']);
  });

  it('honors since (inactive only), max_entries across lists and the legacy form', async () => {
    expect(await ids(undefined, { since: 1795361582.13 })).toEqual([
      'after_monitor',
      'queued_hold',
      'live_monitor',
      'slow_analysis',
      'summarize',
    ]);
    expect(await ids(undefined, { max_entries: 4 })).toEqual([
      'after_monitor',
      'queued_hold',
      'live_monitor',
      'slow_analysis',
    ]);
    const [legacy] = await list({
      max_entries: 0,
      attrs: ['name'],
      userid: 1001,
      states: 0,
      results: 2,
      name: 'find_peaks',
    });
    expect(legacy?.payload).toBe('{"jobs":[{"id":316015640576,"name":"find_peaks"}]}');
    const [incomplete] = await list({ max_entries: 1, attrs: ['name'], userid: 42, states: 64 });
    expect(incomplete?.payload).toBe('{"jobs":[{"id":505329745920,"name":"after_monitor"}]}');
  });

  it('writes explicit attributes in request order, each once, and absent ones not at all', async () => {
    const [reply] = await list({
      max_entries: 1,
      attrs: ['t_run', 'name', 'name', 'state'],
      constraint: { name: ['queued_hold'] },
    });
    expect(reply?.payload).toBe('{"jobs":[{"id":508483862528,"name":"queued_hold","state":8}]}');
  });

  it('answers once without version in pre-0.82 mode, even when asked to stream', async () => {
    const replies = await list({ max_entries: 2, attrs: ['state'] }, { preV082: true }, true);
    expect(replies).toEqual([
      { errnum: 0, payload: '{"jobs":[{"id":505329745920,"state":2},{"id":508483862528,"state":8}]}' },
    ]);
  });

  it('shows guests only their own jobs in private mode', async () => {
    const broker = testBroker(fixtureDataset(), { privateMode: true });
    const [guest] = await call(broker, 'job-list.list', '{"max_entries":0,"attrs":[]}', false, {
      uid: 2000,
      owner: false,
    });
    expect(guest && asManifest(guest).payload).toBe('{"jobs":[]}');
    const [byId] = await call(broker, 'job-list.list-id', '{"id":320142835712,"attrs":[]}', false, {
      uid: 2000,
      owner: false,
    });
    expect(byId && asManifest(byId)).toEqual({ errnum: 2, payload: null });
  });
});
