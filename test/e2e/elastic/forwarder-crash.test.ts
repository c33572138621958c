import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import { readForwarderState } from '../../../src/datasources/elastic/forwarder-state.store';
import { generateDataset } from '../../../src/simulators/dataset';
import { describeElastic, dropDatasource, elasticUrl, pageAllIds, testDatasource } from './elastic-test-env';

const DATASET = { seed: 11, jobCount: 3000, now: 1_795_400_000 };

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  lines: Array<Record<string, unknown>>;
  stderr: string;
}

/** Runs forward-child.ts; with `killAfter`, SIGKILLs it once that many progress lines were printed. */
function runChild(es: ElasticDatasource, killAfter?: number): Promise<ChildRun> {
  const child = spawn(process.execPath, ['-r', path.join(__dirname, 'ts-register.cjs'), path.join(__dirname, 'forward-child.ts')], {
    env: {
      ...process.env,
      JOBGRAPH_TEST_ELASTICSEARCH_URL: elasticUrl,
      FORWARD_INDEX: es.index,
      FORWARD_STATE_INDEX: es.stateIndex,
      FORWARD_SEED: String(DATASET.seed),
      FORWARD_JOBS: String(DATASET.jobCount),
      FORWARD_NOW: String(DATASET.now),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(JSON.parse(line) as Record<string, unknown>);
    if (killAfter !== undefined && lines.filter((l) => l.event === 'forward-progress').length === killAfter) child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, lines, stderr })));
}

describeElastic('forwarder killed mid-run and restarted', () => {
  let es: ElasticDatasource;
  beforeAll(() => {
    es = testDatasource('crash', { maxRetries: 0 });
  });
  afterAll(async () => dropDatasource(es));

  test('neither loses nor duplicates a job', async () => {
    const inactive = generateDataset(DATASET).jobs.map((j) => j.job).filter((job) => job.state === 'INACTIVE');
    const killed = await runChild(es, 3);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.lines.some((l) => l.event === 'done')).toBe(false);

    await es.refresh();
    const { state } = await readForwarderState(es.client, es.stateIndex, 'sim');
    const mustBeStored = inactive.filter((job) => (job.tInactive as number) <= state.since).map((job) => job.id);
    expect(mustBeStored.length).toBeGreaterThanOrEqual(200);
    expect(mustBeStored.length).toBeLessThan(inactive.length);
    const partial = await es.getJobs(mustBeStored);
    expect(partial.filter((doc) => doc === null)).toHaveLength(0);

    const resumed = await runChild(es);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const done = resumed.lines.find((l) => l.event === 'done');
    expect(done?.previousSince).toBe(state.since);

    await es.refresh();
    const stored = await pageAllIds(es, { sort: [{ field: 'id', order: 'asc' }], first: 1000 });
    expect(stored).toEqual(inactive.map((job) => job.id).sort((a, b) => (a < b ? -1 : 1)).map(String));
    expect((await es.client.count({ index: es.index })).count).toBe(inactive.length);
    const final = await readForwarderState(es.client, es.stateIndex, 'sim');
    expect(final.state.since).toBe(Math.max(...inactive.map((job) => job.tInactive as number)));
  }, 180_000);
});
