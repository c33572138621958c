import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');

/** Waits until `text` matches the child's stdout; resolves to the match. */
function waitFor(child: ChildProcessWithoutNullStreams, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${timeoutMs} ms; stdout:\n${out}`)),
      timeoutMs,
    );
    child.once('exit', () => clearTimeout(timer));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ${pattern}; stdout:\n${out}`)));
  });
}

describe('jobgraph demo as a child process', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first (CI builds before npm test)`);
  });

  it('answers a query on the printed endpoint and shuts down cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [MAIN, 'demo', '--port', '0', '--jobs', '500', '--log-level', 'warn', '--no-playground'],
      { cwd: ROOT, stdio: 'pipe' },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    try {
      const [, endpoint] = await waitFor(child, /GraphQL endpoint: (http:\/\/\S+\/graphql)/, 60_000);
      const response = await fetch(endpoint as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            '{ jobStats { jobStates { total } } jobs(first: 2) { edges { node { id userName eventlog { name } } } } }',
        }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        data: {
          jobStats: { jobStates: { total: number } };
          jobs: { edges: Array<{ node: { id: string; userName: string; eventlog: unknown[] } }> };
        };
      };
      expect(body.data.jobStats.jobStates.total).toBeGreaterThanOrEqual(500);
      expect(body.data.jobs.edges).toHaveLength(2);
      expect(body.data.jobs.edges[0]?.node.id).toMatch(/^ƒ/);
      expect(body.data.jobs.edges[0]?.node.userName).toEqual(expect.any(String));
      // Readiness follows the backends (the Sciagraph index is ready after its first scan): poll.
      const readyz = (endpoint as string).replace('/graphql', '/readyz');
      let ready = 0;
      for (let i = 0; i < 60 && ready !== 200; i += 1) {
        ready = (await fetch(readyz)).status;
        if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(ready).toBe(200);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([
        exited,
        new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timeout'), 15_000))),
      ]);
      clearTimeout(timer);
      if (code === 'timeout') child.kill('SIGKILL');
      expect(code).toBe(0);
      expect(stderr).not.toMatch(/error/i);
    }
  }, 90_000);
});
