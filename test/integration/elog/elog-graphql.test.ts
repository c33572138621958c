import { generateDataset } from '../../../src/simulators/dataset';
import type { Dataset } from '../../../src/simulators/dataset';
import { startElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import type { ElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import { tempDir } from './elog-helpers';
import { startElogGateway } from './elog-gateway';
import type { ElogGateway } from './elog-gateway';

describe('eLog through the GraphQL gateway', () => {
  let dataset: Dataset;
  let sim: ElogSimulator;
  let gateway: ElogGateway;
  const tmp = tempDir();
  beforeAll(async () => {
    dataset = generateDataset({ seed: 11, jobCount: 800, now: 1_760_000_000 });
    sim = await startElogSimulator({ dataset });
    gateway = await startElogGateway(sim, dataset, {
      JOBGRAPH_ELOG_AUTH: 'auto',
      JOBGRAPH_ELOG_OPR_PASSWORD_FILE: tmp.file('opr', `${sim.operatorPassword}\n`),
      JOBGRAPH_ELOG_WRITE_TIMEOUT_MS: '1500',
      Authorization: `Bearer ${await sim.mintToken('jdoe', dataset.experiments[0]?.name ?? '')}`,
    });
  });
  afterAll(async () => {
    await gateway.close();
    await sim.close();
    tmp.cleanup();
  });
  beforeEach(() => sim.requests.splice(0));
  const jdoe = (): string => sim.negotiateToken('jdoe');
  const byId = (id: string) => dataset.jobs.find((j) => j.job.id === BigInt(id));

  it('joins 100 jobs to their runs with one eLog request per experiment, not per job', async () => {
    // This request's own lookups: the Flux client's counter is process-wide (other tests add to it).
    const lookupsBefore = gateway.datasources.flux.rpcCounts()['job-info.lookup'] ?? 0;
    const res = await gateway.query(
      `{ jobs(first: 100) { nodes { ids { dec } elogRun { experiment number tags params(names: ["events", "sample"]) } } } }`,
      undefined,
      jdoe(),
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data.jobs.nodes as Array<{
      ids: { dec: string };
      elogRun: { experiment: string; number: number; tags: string[]; params: Record<string, unknown> } | null;
    }>;
    expect(nodes).toHaveLength(100);
    const linked = nodes.filter((n) => byId(n.ids.dec)?.experiment !== undefined);
    expect(linked.length).toBeGreaterThan(10);
    for (const n of nodes) {
      const job = byId(n.ids.dec);
      if (job?.experiment === undefined) {
        expect(n.elogRun).toBeNull();
        continue;
      }
      expect(n.elogRun).toMatchObject({ experiment: job.experiment, number: job.run });
      const run = dataset.experiments.find((e) => e.name === job.experiment)?.runs.find((r) => r.number === job.run);
      expect(n.elogRun?.params).toEqual({ events: run?.params.events, sample: run?.params.sample });
      expect([...(n.elogRun?.tags ?? [])].sort()).toEqual([...(run?.tags ?? [])].sort());
    }
    // The tag comparison above must not pass on empty lists alone.
    expect(linked.some((n) => (n.elogRun?.tags.length ?? 0) > 0)).toBe(true);
    const experiments = new Set(linked.map((n) => n.elogRun?.experiment)).size;
    const counts = sim.requestCounts();
    expect(counts.runs).toBe(experiments);
    expect(counts.get_run_params_for_all_runs).toBe(experiments);
    expect(counts.get_runs_to_tags).toBe(experiments);
    // One lookup per job: jobspec and J of a job are merged into one job-info.lookup.
    expect((gateway.datasources.flux.rpcCounts()['job-info.lookup'] ?? 0) - lookupsBefore).toBe(100);
  });

  it('links jobs by their jobspec user attributes and by the environment alone', async () => {
    const withUser = dataset.jobs.find(
      (j) => j.experiment !== undefined && (j.jobspec.attributes as { user?: unknown }).user !== undefined,
    );
    const envOnly = dataset.jobs.find(
      (j) =>
        j.experiment !== undefined &&
        (j.jobspec.attributes as { user?: unknown }).user === undefined &&
        j.environment.EXPERIMENT !== undefined,
    );
    expect(withUser && envOnly).toBeTruthy();
    for (const job of [withUser, envOnly]) {
      const res = await gateway.query(
        `query($id: JobId!) { job(id: $id) { elogRun { experiment number beginTime } } }`,
        { id: String(job?.job.id) },
        jdoe(),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.job.elogRun).toMatchObject({ experiment: job?.experiment, number: job?.run });
    }
  });

  it('answers experiment, activeExperiment and elogRun, with runs by tag and workflows', async () => {
    const active = dataset.experiments.find((e) => e.isActive && e.station === 0);
    const res = await gateway.query(
      `query($hutch: String!, $name: String!) {
        activeExperiment(hutch: $hutch) { name instrument isActive workflows { name trigger } runs(first: 3) { number } dark: runs(tag: "DARK", first: 1000) { number tags } lower: runs(tag: "dark", first: 1000) { number } mixed: runs(tag: "Dark", first: 1000) { number } }
        experiment(name: $name) { name isActive run(number: 1) { number beginTime } }
        missing: experiment(name: "mfxl0000000") { name }
        elogRun(experiment: $name, run: 999999) { number }
      }`,
      { hutch: active?.hutch, name: active?.name },
      jdoe(),
    );
    expect(res.errors).toBeUndefined();
    const exp = res.data.activeExperiment;
    expect(exp).toMatchObject({ name: active?.name, instrument: active?.instrument, isActive: true });
    expect(exp.workflows.map((w: { name: string }) => w.name)).toEqual(
      [...(active?.workflows ?? [])].map((w) => w.name).sort(),
    );
    const newest = Math.max(...(active?.runs ?? []).map((r) => r.number));
    expect(exp.runs.map((r: { number: number }) => r.number)).toEqual([newest, newest - 1, newest - 2]);
    expect(exp.dark.map((r: { number: number }) => r.number).sort((a: number, b: number) => a - b)).toEqual(
      active?.runs.filter((r) => r.tags.includes('DARK')).map((r) => r.number),
    );
    // Tags match in any case (issue 17 item 5): `dark` and `Dark` find the DARK runs.
    expect(exp.dark.length).toBeGreaterThan(0);
    expect(exp.lower).toEqual(exp.dark.map((r: { number: number }) => ({ number: r.number })));
    expect(exp.mixed).toEqual(exp.lower);
    expect(res.data.experiment).toMatchObject({ name: active?.name, isActive: true, run: { number: 1 } });
    expect(res.data.missing).toBeNull();
    expect(res.data.elogRun).toBeNull();
  });

  it('answers runs { params } (every parameter) with ONE runs?includeParams=true, not a list and then the params (issue 17)', async () => {
    const exp = dataset.experiments[0];
    const runsSent = () => sim.requests.filter((r) => r.route.startsWith('runs')).map((r) => `${r.route}${r.query}`);
    for (const query of [
      `query($e: String!) { experiment(name: $e) { runs(first: 30) { number params } } }`,
      `query($e: String!, $n: [String!]) { experiment(name: $e) { runs(first: 30) { number ...P } } } fragment P on ElogRun { params(names: $n) }`,
    ]) {
      sim.requests.splice(0);
      const res = await gateway.query(query, { e: exp?.name }, jdoe());
      expect(res.errors).toBeUndefined();
      expect(runsSent()).toEqual(['runs?includeParams=true']);
      const got = res.data.experiment.runs as Array<{ number: number; params: Record<string, unknown> }>;
      expect(got).toHaveLength(Math.min(30, exp?.runs.length ?? 0));
      for (const run of got) {
        const source = exp?.runs.find((r) => r.number === run.number);
        expect(run.params).toMatchObject({ events: source?.params.events, sample: source?.params.sample });
      }
    }
    // Named parameters, or a page of one run, keep their cheaper requests.
    sim.requests.splice(0);
    await gateway.query(
      `query($e: String!) { experiment(name: $e) { runs(first: 30) { params(names: ["events"]) } } }`,
      { e: exp?.name },
      jdoe(),
    );
    expect(runsSent()).toEqual(['runs?includeParams=false']);
    sim.requests.splice(0);
    await gateway.query(
      `query($e: String!) { experiment(name: $e) { runs(first: 1) { params } } }`,
      { e: exp?.name },
      jdoe(),
    );
    expect(runsSent()).toEqual(['runs?includeParams=false', `runs/<n>`]);
  });

  it('fails ElogRun.jobs alone and clearly without a job history, never an empty list', async () => {
    const exp = dataset.experiments[0];
    const res = await gateway.query(
      `query($e: String!) { elogRun(experiment: $e, run: 1) { number jobs { nodes { id } } } }`,
      { e: exp?.name },
      jdoe(),
    );
    expect(res.data).toEqual({ elogRun: { number: 1, jobs: null } });
    expect(res.errors?.[0]).toMatchObject({
      path: ['elogRun', 'jobs'],
      extensions: { code: 'UPSTREAM_UNAVAILABLE', backend: 'elasticsearch' },
    });
    expect(res.errors?.[0]?.message).toMatch(/Elasticsearch is not configured/);
  });

  it('posts a message with base64 attachments that arrive byte for byte, then updates the run table', async () => {
    const active = dataset.experiments.find((e) => e.isActive && e.station === 0);
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256));
    const res = await gateway.query(
      `mutation($input: ElogMessageInput!) { postElogMessage(input: $input) { id author run tags title insertedAt attachments { name type } } }`,
      {
        input: {
          experiment: active?.name,
          text: 'indexing summary',
          title: 'r1',
          tags: ['SFX_SUMMARY'],
          run: 1,
          attachments: [{ name: 'hist.png', base64: bytes.toString('base64') }],
        },
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.postElogMessage).toMatchObject({
      author: `${active?.hutch}opr`,
      run: 1,
      tags: ['SFX_SUMMARY'],
      attachments: [{ name: 'hist.png', type: 'image/png' }],
    });
    const stored = sim.store.experiments
      .get(active?.name ?? '')
      ?.entries.find((e) => e._id === res.data.postElogMessage.id);
    expect(Buffer.from(stored?.attachments?.[0]?.data ?? []).equals(bytes)).toBe(true);

    const values = { 'IndexCrystFEL rate': 0.5, 'MFX:X.VAL': 'done' };
    const update = await gateway.query(
      `mutation($e: String!, $v: JSON!) { updateRunTable(experiment: $e, run: 1, values: $v) }`,
      { e: active?.name, v: values },
    );
    expect(update).toEqual({ data: { updateRunTable: true } });
    const read = await gateway.query(
      `query($e: String!) { elogRun(experiment: $e, run: 1) { tags params(names: ["IndexCrystFEL rate", "MFX:X.VAL"]) } }`,
      { e: active?.name },
    );
    expect(read.data.elogRun.params).toEqual(values);
    expect(read.data.elogRun.tags).toContain('SFX_SUMMARY');
  });

  it('a post that times out is not re-sent and the error says it may have been stored', async () => {
    const active = dataset.experiments.find((e) => e.isActive && e.station === 0);
    sim.setDelay('new_elog_entry', 5000);
    try {
      const res = await gateway.query(
        `mutation($e: String!) { postElogMessage(input: { experiment: $e, text: "slow" }) { id } }`,
        { e: active?.name },
      );
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'UPSTREAM_TIMEOUT',
        backend: 'elog',
        maybeStored: true,
        sentAt: expect.any(String),
      });
      expect(res.errors?.[0]?.message).toMatch(/may or may not have been stored/);
      expect(sim.requestCounts().new_elog_entry).toBe(1);
    } finally {
      sim.setDelay('new_elog_entry', undefined);
    }
  });

  it('posts run status with the ARP token of the environment to an allowed JID URL, and refuses others unsent', async () => {
    const exp = dataset.experiments[0]?.name ?? '';
    sim.store.counters.set(`${exp}/42`, [{ key: 'stage', value: 'indexing' }]);
    const ok = await gateway.query(`mutation($u: String, $v: JSON!) { postRunStatus(values: $v, updateUrl: $u) }`, {
      u: `${sim.jidUrlPrefix}replace_counters/${exp}/42`,
      v: { 'IndexCrystFEL status': 'COMPLETED' },
    });
    expect(ok).toEqual({ data: { postRunStatus: true } });
    expect(sim.store.counters.get(`${exp}/42`)).toEqual([
      { key: 'stage', value: 'indexing' },
      { key: 'IndexCrystFEL status', value: 'COMPLETED' },
    ]);
    expect(sim.requests.map((r) => r.route)).toEqual(['get_counters', 'replace_counters']);
    const bad = await gateway.query(
      `mutation { postRunStatus(values: { a: 1 }, updateUrl: "https://evil.example/jid/ws/replace_counters/x/1") }`,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(sim.requests).toHaveLength(2);
  });
});
