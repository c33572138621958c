import { generateDataset } from '../../../src/simulators/dataset';
import type { ElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import { startKerberosElogGateway } from '../../support/elog-kerberos-gateway';
import type { KerberosElogGateway } from '../../support/elog-kerberos-gateway';
import type { GraphQLBody } from '../../support/gateway-harness';
import { TEST_OPERATOR } from '../../support/test-callers';
import { tempDir } from './elog-helpers';

/**
 * Issue 17 item 3: workflow definitions and jobs through the gateway over real HTTP to the eLog
 * simulator, which checks as explgbk's create_update_workflow_def / create_workflow_job /
 * DELETE workflow_definitions/<id> do. Kerberos mode: members write with their own forwarded
 * token, operators with the gateway's ticket (principal "jobgraphsvc").
 */
describe('workflows through the gateway (eLog simulator)', () => {
  const dataset = generateDataset({ seed: 41, jobCount: 60, now: 1_760_000_000 });
  const experiment = dataset.experiments[0]?.name ?? '';
  const other = dataset.experiments[1]?.name ?? '';
  const run = dataset.experiments[0]?.runs.at(-2)?.number ?? 1;
  const tmp = tempDir();
  let gateway: KerberosElogGateway;
  let elog: ElogSimulator;
  const gql = (
    user: string,
    query: string,
    variables: Record<string, unknown> = {},
    negotiate?: string,
  ): Promise<GraphQLBody<any>> => gateway.gql(user, query, variables, negotiate);
  /** A member (any user with a role) writing with their own token. */
  const member = (query: string, variables: Record<string, unknown> = {}): Promise<GraphQLBody<any>> =>
    gql('amorgan', query, variables, elog.negotiateToken('amorgan'));
  const SAVE = `mutation Save($input: WorkflowDefinitionInput!) {
    saveWorkflowDefinition(input: $input) { id name executable parameters trigger location runAsUser runParamName runParamValue }
  }`;
  const TRIGGER = `mutation Trigger($exp: String!, $name: String!, $run: Int!) {
    triggerWorkflow(experiment: $exp, name: $name, run: $run) { id run status user definition { name trigger } counters { key value } }
  }`;
  const definitions = (exp = experiment): Record<string, unknown>[] => elog.store.experiments.get(exp)?.workflows ?? [];
  const sent = (route: string): number => elog.requests.filter((r) => r.route === route).length;
  const input = (extra: Record<string, unknown>): Record<string, unknown> => ({
    experiment,
    executable: '/sdf/group/lcls/ds/tools/lute/launch_scripts/submit_launch_airflow.sh',
    parameters: '/sdf/group/lcls/ds/tools/lute/launch_scripts/launch_airflow.py -c mfx.yaml -w find_peaks_index',
    ...extra,
  });

  beforeAll(async () => {
    gateway = await startKerberosElogGateway(dataset, async (sim) => ({
      JOBGRAPH_ELOG_BEARER_TOKEN_FILE: tmp.file('arp.jwt', await sim.mintToken('jobgraphsvc', experiment, 3600)),
      JOBGRAPH_ELOG_JID_URL_PREFIXES: sim.jidUrlPrefix,
    }));
    elog = gateway.elog;
  });
  afterAll(async () => {
    await gateway.close();
    tmp.cleanup();
  });

  it("creates a definition from LUTE's names (run_end → END_OF_RUN, param_is → RUN_PARAM_IS_VALUE) as the caller", async () => {
    const created = await member(SAVE, { input: input({ name: 'lute_index', luteTrigger: 'run_end' }) });
    expect(created.errors).toBeUndefined();
    expect(created.data.saveWorkflowDefinition).toMatchObject({
      name: 'lute_index',
      trigger: 'END_OF_RUN',
      location: 'S3DF',
      runAsUser: 'amorgan',
      runParamName: null,
    });
    expect(definitions().find((d) => d.name === 'lute_index')).toMatchObject({
      _id: created.data.saveWorkflowDefinition.id,
      trigger: 'END_OF_RUN',
      run_as_user: 'amorgan',
    });
    const param = await member(SAVE, {
      input: input({ name: 'lute_smd', luteTrigger: 'param_is', runParamName: 'SmallData', runParamValue: 'done' }),
    });
    expect(param.data.saveWorkflowDefinition).toMatchObject({
      trigger: 'RUN_PARAM_IS_VALUE',
      runParamName: 'SmallData',
      runParamValue: 'done',
    });
    // The eLog's own key, not LUTE's run_param_val, is stored.
    expect(definitions().find((d) => d.name === 'lute_smd')).toMatchObject({ run_param_value: 'done' });
    expect(definitions().find((d) => d.name === 'lute_smd')).not.toHaveProperty('run_param_val');
    const read = await member(
      `{ experiment(name: "${experiment}") { workflowLocations workflows { name trigger } } other: experiment(name: "${other}") { workflowLocations } }`,
    );
    expect(read.data.experiment.workflowLocations).toEqual(['S3DF', 'NERSC']);
    expect(read.data.other.workflowLocations).toEqual(['S3DF']);
    expect(read.data.experiment.workflows.map((w: { name: string }) => w.name)).toEqual(
      definitions()
        .map((d) => String(d.name))
        .sort((a, b) => a.localeCompare(b)),
    );
  });

  it('updates a definition by id (whole document replaced), and refuses a second definition of a name', async () => {
    const before = definitions().find((d) => d.name === 'lute_index');
    const updated = await member(SAVE, {
      input: input({ id: before?._id, name: 'lute_index', trigger: 'MANUAL', parameters: '-w index_only' }),
    });
    expect(updated.data.saveWorkflowDefinition).toMatchObject({
      id: before?._id,
      trigger: 'MANUAL',
      parameters: '-w index_only',
    });
    expect(definitions().filter((d) => d.name === 'lute_index')).toEqual([
      expect.objectContaining({ _id: before?._id, trigger: 'MANUAL', parameters: '-w index_only' }),
    ]);
    const duplicate = await member(SAVE, { input: input({ name: 'lute_index', trigger: 'MANUAL' }) });
    expect(duplicate.data).toBeNull();
    expect(duplicate.errors?.[0]).toMatchObject({
      message: 'There already exists a workflow definition for lute_index',
      extensions: { code: 'BAD_USER_INPUT', backend: 'elog' },
    });
    const unknown = await member(SAVE, {
      input: input({ id: 'aaaaaaaaaaaaaaaaaaaaaaaa', name: 'ghost', trigger: 'MANUAL' }),
    });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(unknown.errors?.[0]?.message).toMatch(/^Cannot find workflow definition with id aaaaaaaaaaaaaaaaaaaaaaaa/);
  });

  it("answers each of explgbk's refusals with BAD_USER_INPUT or FORBIDDEN, never INTERNAL_SERVER_ERROR", async () => {
    const cases: Array<[string, Record<string, unknown>, string, RegExp, string | undefined]> = [
      // A DM location without a job service, and one this experiment does not have.
      [
        'amorgan',
        input({ name: 'a', trigger: 'MANUAL', location: 'SRCF_FFB' }),
        'BAD_USER_INPUT',
        /^Invalid location SRCF_FFB in create\/update workflow; this experiment's workflow locations: S3DF, NERSC$/,
        undefined,
      ],
      [
        'amorgan',
        { ...input({ name: 'a', trigger: 'MANUAL', location: 'NERSC' }), experiment: other },
        'BAD_USER_INPUT',
        /^Invalid location NERSC in create\/update workflow; this experiment's workflow locations: S3DF$/,
        undefined,
      ],
      // explgbk refuses root and 6-letter …opr writers.
      [
        'root',
        input({ name: 'a', trigger: 'MANUAL' }),
        'FORBIDDEN',
        /^Cannot create a workflow definition for the user root for security reasons$/,
        undefined,
      ],
      // Checked in the gateway, unsent.
      [
        'amorgan',
        input({ name: 'a', luteTrigger: 'run_middle' }),
        'BAD_USER_INPUT',
        /unknown LUTE workflow trigger "run_middle"; LUTE's names are manual, run_start, run_end, param_is/,
        'unsent',
      ],
      [
        'amorgan',
        input({ name: 'a', trigger: 'MANUAL', luteTrigger: 'manual' }),
        'BAD_USER_INPUT',
        /exactly one of trigger/,
        'unsent',
      ],
      [
        'amorgan',
        input({ name: 'a', trigger: 'RUN_PARAM_IS_VALUE' }),
        'BAD_USER_INPUT',
        /needs runParamName and runParamValue/,
        'unsent',
      ],
      [
        'amorgan',
        input({ name: 'a', trigger: 'MANUAL', runParamName: 'x', runParamValue: 'y' }),
        'BAD_USER_INPUT',
        /RUN_PARAM_IS_VALUE only/,
        'unsent',
      ],
      [
        'amorgan',
        input({ name: 'a', id: 'not-an-id', trigger: 'MANUAL' }),
        'BAD_USER_INPUT',
        /24 hexadecimal digits/,
        'unsent',
      ],
      ['amorgan', input({ name: ' ', trigger: 'MANUAL' }), 'BAD_USER_INPUT', /name must not be blank/, 'unsent'],
    ];
    const stored = definitions().length;
    for (const [user, given, code, message, unsent] of cases) {
      const before = sent('create_update_workflow_def');
      const answer = await gql(user, SAVE, { input: given }, elog.negotiateToken(user));
      expect({ given, error: answer.errors?.[0]?.extensions?.code }).toEqual({ given, error: code });
      expect(answer.errors?.[0]?.message).toMatch(message);
      expect(sent('create_update_workflow_def') - before).toBe(unsent ? 0 : 1);
    }
    expect(definitions()).toHaveLength(stored);
  });

  it('lets only operators and members write: a non-member is FORBIDDEN by the eLog, a caller without credentials of their own is refused unsent', async () => {
    const stored = definitions().length;
    const nobody = await gql(
      'nobody',
      SAVE,
      { input: input({ name: 'x', trigger: 'MANUAL' }) },
      elog.negotiateToken('nobody'),
    );
    expect(nobody.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', backend: 'elog' });
    const before = elog.requests.length;
    for (const op of [
      [SAVE, { input: input({ name: 'x', trigger: 'MANUAL' }) }],
      [TRIGGER, { exp: experiment, name: 'smd_producer', run }],
      [
        'mutation($id: ID!) { deleteWorkflowDefinition(experiment: "' + experiment + '", id: $id) }',
        { id: definitions()[0]?._id },
      ],
    ] as const) {
      const refused = await gql('amorgan', op[0], op[1]);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', backend: 'elog' });
      expect(refused.errors?.[0]?.message).toMatch(/your own Kerberos credentials/);
    }
    expect(elog.requests.length).toBe(before);
    expect(definitions()).toHaveLength(stored);
    expect(elog.store.experiments.get(experiment)?.workflowJobs.filter((j) => j.user === 'nobody')).toEqual([]);
    // An operator writes with the gateway's ticket.
    const operator = await gql(TEST_OPERATOR, SAVE, { input: input({ name: 'ops_check', trigger: 'MANUAL' }) });
    expect(operator.data.saveWorkflowDefinition).toMatchObject({ runAsUser: 'jobgraphsvc' });
  });

  it('triggers a workflow for a run: the job appears in workflowJobs of the experiment and of the run (one workflow_jobs request)', async () => {
    const job = await member(TRIGGER, { exp: experiment, name: 'lute_index', run });
    expect(job.errors).toBeUndefined();
    expect(job.data.triggerWorkflow).toMatchObject({
      run,
      status: 'START',
      user: 'amorgan',
      definition: { name: 'lute_index', trigger: 'MANUAL' },
      counters: [],
    });
    const before = sent('workflow_jobs');
    const read = await member(`{ experiment(name: "${experiment}") {
      workflowJobs(run: ${run}) { id status user definition { name } }
      runs(first: 5) { number workflowJobs { id definition { name } } }
      all: workflowJobs { run }
    } }`);
    expect(read.errors).toBeUndefined();
    expect(sent('workflow_jobs') - before).toBe(1);
    expect(read.data.experiment.workflowJobs).toContainEqual({
      id: job.data.triggerWorkflow.id,
      status: 'START',
      user: 'amorgan',
      definition: { name: 'lute_index' },
    });
    const ofRun = read.data.experiment.runs.find((r: { number: number }) => r.number === run);
    expect(ofRun.workflowJobs).toContainEqual({ id: job.data.triggerWorkflow.id, definition: { name: 'lute_index' } });
    const runs = read.data.experiment.all.map((j: { run: number }) => j.run);
    expect(runs).toEqual([...runs].sort((a: number, b: number) => b - a));
    // An unknown run: NOT_FOUND before anything is sent; an unknown definition: the eLog's answer.
    const writes = sent('create_workflow_job');
    const noRun = await member(TRIGGER, { exp: experiment, name: 'lute_index', run: 999_999 });
    expect(noRun.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(sent('create_workflow_job')).toBe(writes);
    const noDef = await member(TRIGGER, { exp: experiment, name: 'no_such_workflow', run });
    expect(noDef.errors?.[0]).toMatchObject({
      message: 'Cannot find job definition for no_such_workflow',
      extensions: { code: 'NOT_FOUND', backend: 'elog' },
    });
  });

  it('a failing workflow_jobs fails only the workflowJobs fields, the rest of the experiment answers', async () => {
    elog.setFailAfterStore('workflow_jobs', 500);
    try {
      const res = await member(
        `{ experiment(name: "${experiment}") { name workflowJobs { id } runs(first: 2) { number workflowJobs { id } } } }`,
      );
      expect(res.data.experiment).toMatchObject({ name: experiment, workflowJobs: null });
      expect(res.data.experiment.runs).toHaveLength(2);
      for (const r of res.data.experiment.runs) expect(r.workflowJobs).toBeNull();
      expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual(
        expect.arrayContaining([
          ['experiment.workflowJobs', 'UPSTREAM_ERROR'],
          ['experiment.runs.0.workflowJobs', 'UPSTREAM_ERROR'],
        ]),
      );
    } finally {
      elog.setFailAfterStore('workflow_jobs', undefined);
    }
  });

  it('deletes a definition only while no job uses it', async () => {
    const used = definitions().find((d) => d.name === 'lute_index');
    const DELETE = `mutation($exp: String!, $id: ID!) { deleteWorkflowDefinition(experiment: $exp, id: $id) }`;
    const refused = await member(DELETE, { exp: experiment, id: used?._id });
    expect(refused.errors?.[0]).toMatchObject({
      message: 'Cannot delete workflow definition as we have 1 jobs using this definition.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const unused = definitions().find((d) => d.name === 'lute_smd');
    expect(await member(DELETE, { exp: experiment, id: unused?._id })).toEqual({
      data: { deleteWorkflowDefinition: true },
    });
    expect(definitions().some((d) => d.name === 'lute_smd')).toBe(false);
    const again = await member(DELETE, { exp: experiment, id: unused?._id });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads back the ARP job page counters postRunStatus wrote (runStatus, operators only) and shows them on the job', async () => {
    const job = elog.store.experiments.get(experiment)?.workflowJobs.find((j) => j.status === 'START');
    const updateUrl = `${elog.jidUrlPrefix}replace_counters/${experiment}/${job?._id}`;
    const post = await gql(
      TEST_OPERATOR,
      `mutation($u: String, $v: JSON!) { postRunStatus(updateUrl: $u, values: $v) }`,
      { u: updateUrl, v: { status: 'RUNNING', Indexed: 12 } },
    );
    expect(post).toEqual({ data: { postRunStatus: true } });
    const read = await gql(TEST_OPERATOR, `query($u: String) { runStatus(updateUrl: $u) { key value } }`, {
      u: updateUrl,
    });
    expect(read).toEqual({
      data: {
        runStatus: [
          { key: 'status', value: 'RUNNING' },
          { key: 'Indexed', value: '12' },
        ],
      },
    });
    const onJob = await member(
      `{ experiment(name: "${experiment}") { workflowJobs(run: ${run}) { id counters { key value } } } }`,
    );
    expect(onJob.data.experiment.workflowJobs).toContainEqual({
      id: job?._id,
      counters: [
        { key: 'status', value: 'RUNNING' },
        { key: 'Indexed', value: '12' },
      ],
    });
    const getCounters = sent('get_counters');
    const notOperator = await gql('amorgan', `query($u: String) { runStatus(updateUrl: $u) { key } }`, {
      u: updateUrl,
    });
    expect(notOperator.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(sent('get_counters')).toBe(getCounters);
    const elsewhere = await gql(
      TEST_OPERATOR,
      `{ runStatus(updateUrl: "https://evil.example/jid/ws/replace_counters/a/b") { key } }`,
    );
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
