import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, TS_REGISTER, startDemo } from './support/demo-process';
import type { DemoProcess } from './support/demo-process';
import { newestRunningJob } from './support/running-job';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const VENV_PYTHON = path.join(ROOT, '.venv/bin/python');
const EXECUTED_NOTEBOOK = path.join(ROOT, 'test-output/jobs.executed.ipynb');

describe('the clients against a running jobgraph demo', () => {
  let demo: DemoProcess;
  beforeAll(async () => {
    demo = await startDemo({ JOBGRAPH_JOB_CONTROL: 'on' });
  }, 120_000);
  afterAll(() => demo?.stop());

  const summary = (args: string[], url = demo.graphqlUrl): Promise<Run> =>
    run(
      process.execPath,
      ['-r', TS_REGISTER, path.join(ROOT, 'examples/typescript-client/summary.ts'), ...args],
      { JOBGRAPH_URL: url },
      60_000,
    );

  it('sends every id as a JSON string, exact above 2^53', async () => {
    const response = await fetch(demo.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ jobs(first: 50) { nodes { id ids { dec hex f58 dothex } } } }' }),
    });
    const text = await response.text();
    // No bare number anywhere near an id: every value of these keys is a quoted string.
    expect(text).not.toMatch(/"(id|dec|hex|f58|dothex)":\s*[^"\s]/);
    const nodes = (
      JSON.parse(text) as {
        data: { jobs: { nodes: { id: string; ids: { dec: string; hex: string; f58: string } }[] } };
      }
    ).data.jobs.nodes;
    expect(nodes.length).toBe(50);
    for (const node of nodes) {
      expect(node.ids.f58).toBe(node.id);
      expect(BigInt(node.ids.dec)).toBe(BigInt(node.ids.hex));
    }
    expect(nodes.some((node) => BigInt(node.ids.dec) > 2n ** 53n)).toBe(true);
  });

  it("the typed client prints a user's running and failed jobs", async () => {
    const result = await summary(['amorgan']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('jobgraph: jobs of amorgan');
    expect(result.stdout).toMatch(/^Running( \(\d+\):|: none)$/m);
    expect(result.stdout).toMatch(/^Failed \(\d+\):$/m);
    expect(result.stdout).toMatch(/^ƒ\S+ .* exit -?\d+/m);
  }, 90_000);

  it('the typed client picks the submitter of the newest failed job when given no user', async () => {
    const result = await summary([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^jobgraph: jobs of [a-z]+ /m);
  }, 90_000);

  it('the typed client reports GraphQL errors with their codes and exits 1', async () => {
    const result = await run(
      process.execPath,
      ['-r', TS_REGISTER, path.join(ROOT, 'examples/typescript-client/summary.ts'), 'amorgan'],
      { JOBGRAPH_URL: `${demo.origin}/nope` },
      60_000,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: /m);
  }, 90_000);

  it("the typed client's cancel button cancels a pending job and prints the note naming the caller", async () => {
    const response = await fetch(demo.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ jobs(filter: { states: [SCHED, PRIORITY, DEPEND] }, first: 200) { nodes { id urgency } } }',
      }),
    });
    const pending = ((await response.json()) as { data: { jobs: { nodes: { id: string; urgency: number }[] } } }).data
      .jobs.nodes;
    // A held job never starts in the live demo: it is still pending when the cancel arrives.
    const job = pending.find((j) => j.urgency === 0) ?? pending[0];
    expect(job).toBeDefined();
    const result = await run(
      process.execPath,
      ['-r', TS_REGISTER, path.join(ROOT, 'examples/typescript-client/cancel.ts'), job?.id ?? '', '--reason', 'e2e'],
      { JOBGRAPH_URL: demo.graphqlUrl },
      60_000,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`^${job?.id} canceled: INACTIVE — canceled by \\S+ via jobgraph: e2e$`, 'm'),
    );
    const again = await run(
      process.execPath,
      ['-r', TS_REGISTER, path.join(ROOT, 'examples/typescript-client/cancel.ts'), job?.id ?? ''],
      { JOBGRAPH_URL: demo.graphqlUrl },
      60_000,
    );
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(`${job?.id} not canceled [BAD_USER_INPUT] job is inactive`);
  }, 90_000);

  it('the typed client follows a running job over WebSocket to its end: events up to clean, its output live', async () => {
    const id = await newestRunningJob(demo.graphqlUrl);
    const result = await run(
      process.execPath,
      ['-r', TS_REGISTER, path.join(ROOT, 'examples/typescript-client/follow.ts'), id],
      { JOBGRAPH_URL: demo.graphqlUrl },
      90_000,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const events = [...result.stdout.matchAll(/^\S+ event (\w+)/gm)].map((m) => m[1]);
    expect(events.slice(0, 2)).toEqual(['submit', 'validate']);
    expect(events.slice(-4)).toEqual(['finish', 'release', 'free', 'clean']);
    // Its output: lines as written, or (1 job in 16 of the demo) where its redirected streams go.
    expect(result.stdout).toMatch(/^(\S+ stdout 0: |stdout of rank \S+ goes to \/)/m);
    expect(result.stdout).toMatch(
      new RegExp(`^job ${id} ended \\(last event clean\\): ${events.length} events, \\d+ output lines$`, 'm'),
    );
  }, 120_000);

  it('the typed client reports a subscription error with its code and exits 1', async () => {
    const result = await run(
      process.execPath,
      ['-r', TS_REGISTER, path.join(ROOT, 'examples/typescript-client/follow.ts'), 'ƒ2'],
      { JOBGRAPH_URL: demo.graphqlUrl },
      60_000,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error \[NOT_FOUND\] job ƒ2 is not known to Flux$/m);
  }, 90_000);

  it("the Python helper's subscribe() follows a running job over SSE to clean, raises typed errors, leaves early", async () => {
    const id = await newestRunningJob(demo.graphqlUrl);
    const result = await run(
      VENV_PYTHON,
      [path.join(ROOT, 'examples/python/jobgraph_client_selftest.py'), id],
      { JOBGRAPH_URL: demo.graphqlUrl },
      120_000,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^followed ${id} to clean: \\d+ events .* same as its eventlog$`, 'm'));
    expect(result.stdout).toContain('unknown job: [NOT_FOUND]');
    expect(result.stdout).toContain('refused: [BAD_USER_INPUT]');
    expect(result.stdout).toContain('left a subscription after its first message: submit');
  }, 150_000);

  it('the notebook runs headless with no error cell and non-empty tables', async () => {
    expect(existsSync(VENV_PYTHON)).toBe(true); // .ci/run: python3 -m venv .venv && pip install -r examples/notebooks/requirements.txt
    const result = await run(
      VENV_PYTHON,
      [
        path.join(ROOT, 'examples/notebooks/run_notebook.py'),
        path.join(ROOT, 'examples/notebooks/jobs.ipynb'),
        EXECUTED_NOTEBOOK,
      ],
      { JOBGRAPH_URL: demo.graphqlUrl, MPLBACKEND: 'module://matplotlib_inline.backend_inline' },
      240_000,
    );
    expect(result.stderr.split('\n').filter((line) => /Error|Traceback/.test(line))).toEqual([]);
    expect(result.code).toBe(0);
    const executed = JSON.parse(readFileSync(EXECUTED_NOTEBOOK, 'utf8')) as {
      cells: { cell_type: string; outputs?: { output_type: string; data?: Record<string, unknown> }[] }[];
    };
    const outputs = executed.cells.flatMap((cell) => cell.outputs ?? []);
    expect(outputs.filter((output) => output.output_type === 'error')).toEqual([]);
    // .ipynb keeps multi-line text as an array of lines.
    const html = (output: (typeof outputs)[number]): string => [output.data?.['text/html'] ?? ''].flat().join('');
    const tables = outputs.map(html).filter((text) => text.includes('<table'));
    expect(tables.length).toBeGreaterThanOrEqual(5);
    for (const table of tables) expect(table).toMatch(/<tbody>\s*<tr>/);
    expect(outputs.some((output) => output.data?.['image/png'] !== undefined)).toBe(true);
    // The cancel cell canceled one of the demo's pending jobs, and the note names the caller.
    const printed = outputs.flatMap((output) => [(output as { text?: string | string[] }).text ?? ''].flat()).join('');
    // The live cell followed the next job to start: its output as written, then its events up to clean.
    expect(printed).toMatch(/^following ƒ\S+ /m);
    expect(printed).toMatch(/^(stdout 0: |stdout of rank \S+ goes to \/)/m);
    expect(tables.some((table) => table.includes('<td>clean</td>'))).toBe(true);
    expect(printed).toMatch(/: INACTIVE CANCELED \| note: canceled by \S+ via jobgraph: canceled from the notebook/);
  }, 300_000);
});
