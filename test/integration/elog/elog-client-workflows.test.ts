import { startElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import type { ElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import type { ElogCallOptions } from '../../../src/datasources/elog/elog-types';
import { elogFixtureDataset } from '../../fixtures/elog/elog-dataset.fixture';
import { rejection, simClient } from './elog-helpers';

/** One request as it left the client. */
interface Sent {
  method: string;
  path: string;
  contentType: string | null;
  authorization: string | null;
  body: string;
}

/**
 * The eLog client's workflow calls, request by request, against the simulator (issue 17 item 3):
 * explgbk's routes, methods and JSON bodies, the credentials each auth mode sends, writes sent
 * once; and the simulator's own checks in explgbk's order, hit with raw requests the client would
 * never send (what the gateway cannot express: missing keys, unknown triggers).
 */
describe('eLog client workflows: exact requests', () => {
  let sim: ElogSimulator;
  const sent: Sent[] = [];
  const recording: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    sent.push({
      method: init?.method ?? 'GET',
      path: url.pathname + url.search,
      contentType: headers.get('content-type'),
      authorization: headers.get('authorization'),
      body: typeof init?.body === 'string' ? init.body : '',
    });
    return fetch(input, init);
  };
  const kerberos = (user: string): ElogCallOptions => ({
    negotiate: sim.negotiateToken(user),
    writeWithCallerCredentials: true,
  });
  const client = (mode: 'kerberos' | 'basic' | 'auto' | 'bearer', extra = {}) =>
    simClient(sim, { mode, ...extra }, { transport: { fetch: recording, read: { initialBackoffMs: 5 } } });

  beforeAll(async () => {
    sim = await startElogSimulator({ dataset: elogFixtureDataset() });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sent.splice(0);
    sim.requests.splice(0);
  });

  it('creates with one JSON POST of exactly the definition, updates with its _id, as the caller', async () => {
    const elog = client('kerberos');
    const created = await elog.saveWorkflow(
      {
        experiment: 'mfxl1038923',
        name: 'lute_peaks',
        executable: '/sdf/lute/run.sh',
        parameters: '-w peaks',
        trigger: 'RUN_PARAM_IS_VALUE',
        location: 'S3DF',
        runParamName: 'SmallData',
        runParamValue: 'done',
      },
      kerberos('jdoe'),
    );
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/ws-kerb/lgbk/lgbk/mfxl1038923/ws/create_update_workflow_def',
        contentType: 'application/json',
        authorization: `Negotiate ${sim.negotiateToken('jdoe')}`,
        body: JSON.stringify({
          name: 'lute_peaks',
          executable: '/sdf/lute/run.sh',
          parameters: '-w peaks',
          trigger: 'RUN_PARAM_IS_VALUE',
          location: 'S3DF',
          run_param_name: 'SmallData',
          run_param_value: 'done',
        }),
      },
    ]);
    expect(created).toMatchObject({ name: 'lute_peaks', runAsUser: 'jdoe', runParamValue: 'done' });
    sent.splice(0);
    const replacement = {
      name: 'lute_peaks',
      executable: '/sdf/lute/run.sh',
      parameters: '',
      trigger: 'END_OF_RUN',
      location: 'S3DF',
    };
    await elog.saveWorkflow({ experiment: 'mfxl1038923', id: created.id, ...replacement }, kerberos('jdoe'));
    expect(JSON.parse(sent[0]?.body ?? '')).toEqual({ _id: created.id, ...replacement });
    // Replaced whole: the run parameter is gone.
    expect(sim.store.experiments.get('mfxl1038923')?.workflows.find((w) => w._id === created.id)).toEqual({
      _id: created.id,
      ...replacement,
      run_as_user: 'jdoe',
    });
  });

  it('triggers with {job_name, run_num} after checking the run, deletes with DELETE workflow_definitions/<id>', async () => {
    // The run check reads with the gateway's own ticket: the caller's token goes on the write alone.
    const gatewayToken = sim.negotiateToken('svc-jobgraph');
    const elog = client('kerberos', { kerberosCommand: `echo ${gatewayToken}` });
    const job = await elog.triggerWorkflow('mfxl1038923', 'find_peaks', 12, kerberos('jdoe'));
    expect(sent.map((s) => [s.method, s.path, s.authorization, s.body])).toEqual([
      ['GET', '/ws-kerb/lgbk/lgbk/mfxl1038923/ws/runs?includeParams=false', `Negotiate ${gatewayToken}`, ''],
      [
        'POST',
        '/ws-kerb/lgbk/lgbk/mfxl1038923/ws/create_workflow_job',
        `Negotiate ${sim.negotiateToken('jdoe')}`,
        '{"job_name":"find_peaks","run_num":12}',
      ],
    ]);
    expect(job).toMatchObject({ run: 12, status: 'START', user: 'jdoe', definition: { name: 'find_peaks' } });
    expect((await elog.workflowJobs('mfxl1038923', kerberos('jdoe'))).map((j) => j.id)).toContain(job.id);
    sent.splice(0);
    const spare = await elog.saveWorkflow(
      {
        experiment: 'mfxl1038923',
        name: 'spare',
        executable: '/x',
        parameters: '',
        trigger: 'MANUAL',
        location: 'S3DF',
      },
      kerberos('jdoe'),
    );
    sent.splice(0);
    await expect(elog.deleteWorkflow('mfxl1038923', spare.id, kerberos('jdoe'))).resolves.toBe(true);
    expect(sent).toEqual([
      {
        method: 'DELETE',
        path: `/ws-kerb/lgbk/lgbk/mfxl1038923/ws/workflow_definitions/${spare.id}`,
        contentType: null,
        authorization: `Negotiate ${sim.negotiateToken('jdoe')}`,
        body: '',
      },
    ]);
  });

  it("checks the run with the caller's token only when the gateway has no ticket of its own", async () => {
    const caller = `Negotiate ${sim.negotiateToken('jdoe')}`;
    await client('kerberos').triggerWorkflow('mfxl1038923', 'find_peaks', 15, kerberos('jdoe'));
    expect(sent.map((s) => [s.method, s.authorization])).toEqual([
      ['GET', caller],
      ['POST', caller],
    ]);
    // With the gateway's own ticket an unknown run is refused unsent, the caller's token never used.
    sent.splice(0);
    const gateway = client('kerberos', { kerberosCommand: `echo ${sim.negotiateToken('svc-jobgraph')}` });
    await expect(gateway.triggerWorkflow('mfxl1038923', 'find_peaks', 9_999, kerberos('jdoe'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(sent.map((s) => [s.method, s.authorization])).toEqual([
      ['GET', `Negotiate ${sim.negotiateToken('svc-jobgraph')}`],
    ]);
  });

  it('sends a workflow write once: a 502 after storing is maybeStored, never retried', async () => {
    sim.setFailAfterStore('create_workflow_job', 502);
    try {
      const err = await rejection(
        client('kerberos').triggerWorkflow('mfxl1038923', 'find_peaks', 13, kerberos('jdoe')),
      );
      expect(err).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', extensions: { maybeStored: true } });
      expect(sent.filter((s) => s.path.endsWith('/create_workflow_job'))).toHaveLength(1);
      expect(sim.store.experiments.get('mfxl1038923')?.workflowJobs.some((j) => j.run_num === 13)).toBe(true);
    } finally {
      sim.setFailAfterStore('create_workflow_job', undefined);
    }
  });

  it('never writes workflows as the shared opr account for a non-operator; auto takes Kerberos even on the active experiment', async () => {
    const def = {
      experiment: 'mfxl1038923',
      name: 'as_opr',
      executable: '/x',
      parameters: '',
      trigger: 'MANUAL',
      location: 'S3DF',
    };
    // basic: non-operators refused unsent; an operator's definition refused unsent too (explgbk refuses …opr).
    expect(await rejection(client('basic').saveWorkflow(def, { writeWithCallerCredentials: true }))).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/own eLog credentials.*operators only; nothing was sent/),
    });
    expect(await rejection(client('basic').saveWorkflow(def, {}))).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/^Cannot create a workflow definition for the user mfxopr for security reasons/),
    });
    expect(sent).toEqual([]);
    // An operator may trigger as mfxopr (explgbk does not refuse it there).
    await expect(client('basic').triggerWorkflow('mfxl1038923', 'find_peaks', 14, {})).resolves.toMatchObject({
      user: 'mfxopr',
    });
    sent.splice(0);
    // auto on the active experiment: LUTE would use mfxopr (and be refused); the gateway sends Kerberos.
    const created = await client('auto').saveWorkflow(def, kerberos('jdoe'));
    expect(created.runAsUser).toBe('jdoe');
    expect(sent.filter((s) => s.method === 'POST').map((s) => [s.path, s.authorization])).toEqual([
      ['/ws-kerb/lgbk/lgbk/mfxl1038923/ws/create_update_workflow_def', `Negotiate ${sim.negotiateToken('jdoe')}`],
    ]);
  });

  it("answers raw requests with explgbk's checks in its order and its texts", async () => {
    const post = async (route: string, body: unknown, user = 'jdoe', type = 'application/json') => {
      const res = await fetch(`${sim.url}/ws-kerb/lgbk/lgbk/mfxl1038923/ws/${route}`, {
        method: 'POST',
        headers: { authorization: `Negotiate ${sim.negotiateToken(user)}`, 'content-type': type },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, text: await res.text() };
    };
    const full = { name: 'z', executable: '/x', parameters: '', trigger: 'MANUAL', location: 'S3DF' };
    const refusal = (errormsg: string) => ({
      status: 200,
      text: JSON.stringify({ success: false, errormsg, value: null }),
    });
    expect(await post('create_update_workflow_def', { name: 'z', trigger: 'BOGUS' })).toEqual(
      refusal("Create/update workflow missing keys {'executable', 'location', 'parameters'}"),
    );
    expect(await post('create_update_workflow_def', { ...full, trigger: 'run_end', location: 'NOWHERE' })).toEqual(
      refusal('Invalid trigger run_end in create/update workflow'),
    );
    expect(await post('create_update_workflow_def', { ...full, location: 'SRCF_FFB' }, 'root')).toEqual(
      refusal('Invalid location SRCF_FFB in create/update workflow'),
    );
    expect(await post('create_update_workflow_def', { ...full, name: 'find_peaks' }, 'root')).toEqual(
      refusal('Cannot create a workflow definition for the user root for security reasons'),
    );
    expect(await post('create_update_workflow_def', { ...full, name: 'find_peaks' })).toEqual(
      refusal('There already exists a workflow definition for find_peaks'),
    );
    expect(await post('create_update_workflow_def', {})).toEqual({
      status: 500,
      text: 'Please pass in the workflow definition as a JSON document.',
    });
    expect(
      (await post('create_update_workflow_def', 'name=z', 'jdoe', 'application/x-www-form-urlencoded')).status,
    ).toBe(415);
    expect(await post('create_workflow_job', { job_name: 'find_peaks' })).toEqual(
      refusal("Create/update workflow job missing keys {'run_num'}"),
    );
    expect(await post('create_workflow_job', { job_name: 'nope', run_num: 3 })).toEqual(
      refusal('Cannot find job definition for nope '),
    );
    // No @experiment_exists on the workflow writes: an unknown experiment fails the privilege check.
    const unknown = await fetch(`${sim.url}/ws-kerb/lgbk/lgbk/nosuchexp/ws/create_workflow_job`, {
      method: 'POST',
      headers: { authorization: `Negotiate ${sim.negotiateToken('jdoe')}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unknown.status).toBe(403);
    expect(sim.store.experiments.get('mfxl1038923')?.workflows.filter((w) => w.name === 'z')).toEqual([]);
  });
});
