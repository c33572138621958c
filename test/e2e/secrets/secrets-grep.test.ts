import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDataset } from '../../../src/simulators/dataset';
import { startElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import type { ElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { startJobsAggsSimulator } from '../../../src/simulators/jobs-aggs/jobs-aggs.simulator';
import type { JobsAggsSimulator } from '../../../src/simulators/jobs-aggs/jobs-aggs.simulator';
import { TEST_OPERATOR, jwtCallers } from '../../support/test-callers';
import type { TestCallers } from '../../support/test-callers';
import { ROOT, TS_REGISTER, startJobgraph } from '../support/demo-process';

/**
 * Issue 10 §8: `jobgraph serve` runs (as a child process, trace-level logs) with every
 * secret-bearing setting set to a unique marker — from the environment and from files, right
 * and wrong values, so both the working and the failing paths of each backend run — then the
 * test greps everything the process wrote, every HTTP response (bodies and headers), the output
 * of `jobgraph config` and of a refused start for each marker.
 */
const marker = (name: string): string => `MARK${name}${randomBytes(6).toString('hex')}`;
const secrets = {
  jobsSecret: marker('jobssecret'), // the jobs/aggs client secret the simulator accepts (given as a file)
  jobsWrong: marker('jobswrong'), // a wrong one (given in the environment)
  oprPassword: marker('oprpassword'), // the eLog operator password the simulator accepts (file)
  kerberos: marker('kerberos'), // what JOBGRAPH_ELOG_KERBEROS_COMMAND prints (refused by the eLog)
  bearerFile: marker('bearerfile'), // an ARP token file (refused by the eLog)
  arpAuthorization: marker('arpauthorization'), // `Authorization: Bearer …` of the environment
  elasticPassword: marker('elasticpassword'), // the password in JOBGRAPH_ELASTICSEARCH_URL
  callerNegotiate: marker('callernegotiate'), // a caller's X-Jobgraph-Elog-Negotiate header
  callerToken: marker('callertoken'), // a caller's malformed bearer token
  callerCookie: marker('callercookie'),
};

interface Exchange {
  what: string;
  status: number;
  text: string;
}

describe('secrets never reach logs, responses or printed config (jobgraph serve, every secret setting)', () => {
  const dataset = generateDataset({ seed: 29, jobCount: 200, now: 1_760_000_000 });
  const experiment = dataset.experiments[0]?.name ?? '';
  let flux: FluxSimulator;
  let elog: ElogSimulator;
  let jobsAggs: JobsAggsSimulator;
  let callers: TestCallers;
  let dir: string;
  let closedPort: number;
  /** Everything to grep: process output, response texts and headers. */
  const captured: Array<{ what: string; text: string }> = [];
  /** Tokens the valid callers sent: secrets too. */
  const validTokens: string[] = [];

  const file = (name: string, content: string): string => {
    const target = path.join(dir, name);
    writeFileSync(target, content, { mode: 0o600 });
    return target;
  };

  /** The env of one `jobgraph serve` run; `variant` picks which credentials are right. */
  const env = (variant: 'env-secrets' | 'file-secrets'): Record<string, string> => ({
    JOBGRAPH_PORT: '0',
    JOBGRAPH_LOG_LEVEL: 'trace',
    JOBGRAPH_PLAYGROUND: 'off',
    FLUX_URI: flux.uri,
    ...callers.env,
    JOBGRAPH_OPERATORS: TEST_OPERATOR,
    JOBGRAPH_JOBS_API_URL: jobsAggs.url,
    JOBGRAPH_JOBS_API_TOKEN_URL: jobsAggs.tokenUrl,
    JOBGRAPH_JOBS_API_CLIENT_ID: jobsAggs.clientId,
    ...(variant === 'env-secrets'
      ? { JOBGRAPH_JOBS_API_CLIENT_SECRET: secrets.jobsWrong }
      : { JOBGRAPH_JOBS_API_CLIENT_SECRET_FILE: file('jobs-secret', `${secrets.jobsSecret}\n`) }),
    JOBGRAPH_ELOG_URL: elog.url,
    JOBGRAPH_ELOG_JID_URL_PREFIXES: elog.jidUrlPrefix,
    JOBGRAPH_ELOG_AUTH: variant === 'env-secrets' ? 'auto' : 'bearer',
    JOBGRAPH_ELOG_OPR_PASSWORD_FILE: file('opr', `${secrets.oprPassword}\n`),
    JOBGRAPH_ELOG_KERBEROS_COMMAND: `cat ${file('krb', `${secrets.kerberos}\n`)}`,
    JOBGRAPH_ELOG_BEARER_TOKEN_FILE: file('arp-token', `${secrets.bearerFile}\n`),
    Authorization: `Bearer ${secrets.arpAuthorization}`,
    JOBGRAPH_ELASTICSEARCH_URL: `http://jobgraph:${secrets.elasticPassword}@127.0.0.1:${closedPort}`,
    JOBGRAPH_ELASTICSEARCH_TIMEOUT_MS: '500',
  });

  /** Sends one request and keeps its status, headers and body for the grep. */
  async function exchange(what: string, url: string, init: RequestInit): Promise<Exchange> {
    const response = await fetch(url, init);
    const text = await response.text();
    captured.push({ what: `${what} (response)`, text: `${JSON.stringify([...response.headers])}\n${text}` });
    return { what, status: response.status, text };
  }

  async function asOperator(url: string, query: string, extraHeaders: Record<string, string> = {}): Promise<Exchange> {
    const headers = await callers.headers(TEST_OPERATOR);
    validTokens.push(headers.authorization?.replace(/^Bearer /, '') ?? '');
    return exchange(query.slice(0, 40), url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers, ...extraHeaders },
      body: JSON.stringify({ query }),
    });
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'jobgraph-secrets-'));
    callers = await jwtCallers();
    flux = await startFluxSimulator({ dataset });
    elog = await startElogSimulator({ dataset, operatorPassword: secrets.oprPassword });
    jobsAggs = await startJobsAggsSimulator({ dataset, clientSecret: secrets.jobsSecret, dailyQuota: 1_000_000 });
    // A port nothing listens on: the Elasticsearch calls fail (and their errors are grepped too).
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });
  afterAll(async () => {
    await flux.close();
    await elog.close();
    await jobsAggs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([['env-secrets'], ['file-secrets']] as const)(
    'serves requests (working and failing) with %s and leaks none',
    async (variant) => {
      const gateway = await startJobgraph(['serve'], env(variant));
      const outcomes: Exchange[] = [];
      try {
        const url = gateway.graphqlUrl;
        outcomes.push(
          await asOperator(
            url,
            '{ jobs(first: 3) { nodes { id environment } } jobAggregations(source: JOBS_API, aggs: [{ name: "s", terms: { rawField: "job.state" } }]) { total } }',
          ),
        );
        outcomes.push(await asOperator(url, '{ jobHistory(first: 1) { nodes { id } } }'));
        outcomes.push(
          await asOperator(url, `{ experiment(name: "${experiment}") { name runs(first: 1) { number params } } }`),
        );
        outcomes.push(
          await asOperator(url, `{ experiment(name: "${experiment}") { name } }`, {
            'x-jobgraph-elog-negotiate': secrets.callerNegotiate,
          }),
        );
        outcomes.push(
          await asOperator(
            url,
            `mutation { postElogMessage(input: { experiment: "${experiment}", text: "secrets test" }) { id } }`,
          ),
        );
        outcomes.push(
          await asOperator(
            url,
            `mutation { postRunStatus(values: { a: 1 }, updateUrl: "${elog.jidUrlPrefix}replace_counters/${experiment}/1") }`,
          ),
        );
        outcomes.push(
          await exchange('malformed token', url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${secrets.callerToken}`,
              cookie: `session=${secrets.callerCookie}`,
            },
            body: '{"query":"{ jobs { nodes { id } } }"}',
          }),
        );
        outcomes.push(
          await exchange('bad JSON', url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${secrets.callerToken}` },
            body: `{"query": "${secrets.callerToken}`,
          }),
        );
        outcomes.push(await exchange('readyz', `${gateway.origin}/readyz`, {}));
      } finally {
        await gateway.stop();
        captured.push({ what: `jobgraph serve output (${variant})`, text: gateway.output() });
      }
      // The failing paths did run: wrong or refused credentials reached each backend and came back typed.
      const all = outcomes.map((o) => o.text).join('\n');
      expect(outcomes.find((o) => o.what === 'malformed token')?.status).toBe(401);
      expect(all).toMatch(/"backend":"elasticsearch"/);
      expect(all).toMatch(/"backend":"elog"/);
      if (variant === 'env-secrets') expect(all).toMatch(/"backend":"jobs-aggs"/);
      else expect(outcomes[0]?.text).toMatch(/"jobAggregations":\{"total":\d+\}/);
      expect(gateway.output()).toMatch(/"errorCodes":\["UPSTREAM_UNAVAILABLE"\]/);
    },
    120_000,
  );

  it('prints the config of both runs and refuses a bad start without any secret', () => {
    for (const variant of ['env-secrets', 'file-secrets'] as const) {
      const printed = spawnSync(process.execPath, ['-r', TS_REGISTER, path.join(ROOT, 'src/cli/main.ts'), 'config'], {
        cwd: ROOT,
        env: { ...process.env, ...env(variant) },
        encoding: 'utf8',
      });
      expect(printed.status).toBe(0);
      expect(printed.stdout).toMatch(/<redacted>/);
      captured.push({ what: `jobgraph config (${variant})`, text: printed.stdout + printed.stderr });
      const refused = spawnSync(process.execPath, ['-r', TS_REGISTER, path.join(ROOT, 'src/cli/main.ts'), 'serve'], {
        cwd: ROOT,
        env: { ...process.env, ...env(variant), JOBGRAPH_ELOG_AUTH: 'bogus', JOBGRAPH_PORT: 'not-a-port' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toMatch(/JOBGRAPH_ELOG_AUTH/);
      captured.push({ what: `refused start (${variant})`, text: refused.stdout + refused.stderr });
    }
  }, 120_000);

  it('jobgraph forward (one pass, and --follow) against the unreachable cluster fails without any secret', async () => {
    // Spawned asynchronously: the forwarder first asks the Flux simulator (in this process) for its
    // cluster name, and spawnSync would block the simulator from answering.
    const cli = (args: string[], timeoutMs: number) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          ['-r', TS_REGISTER, path.join(ROOT, 'src/cli/main.ts'), 'forward', ...args],
          {
            cwd: ROOT,
            env: { ...process.env, ...env('env-secrets'), JOBGRAPH_ELASTICSEARCH_FOLLOW_INTERVAL_MS: '300' },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          stderr += chunk;
          // A follower keeps retrying an unreachable cluster: stop it once it has reported the failure.
          if (args.includes('--follow') && /ECONNREFUSED/.test(stderr)) child.kill('SIGTERM');
        });
        const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
        child.on('close', (status) => {
          clearTimeout(timer);
          resolve({ status, stdout, stderr });
        });
      });
    for (const args of [[], ['--follow']]) {
      const run = await cli(args, 60_000);
      // One pass fails; a follower reports the failure and goes on until it is stopped.
      const failed = args.length === 0 ? run.status !== 0 : true;
      expect([args, failed, run.stderr]).toEqual([args, true, expect.stringMatching(/ECONNREFUSED/)]);
      captured.push({ what: `jobgraph forward ${args.join(' ')}`, text: run.stdout + run.stderr });
    }
  }, 150_000);

  it('none of it contains any secret', () => {
    expect(captured.length).toBeGreaterThan(20);
    // Credentials also travel base64-encoded (HTTP Basic): look for those forms too.
    const encoded = [
      Buffer.from(`jobgraph:${secrets.elasticPassword}`).toString('base64'),
      ...Object.values(secrets).map((s) => Buffer.from(s).toString('base64')),
    ];
    const leaks = [...Object.values(secrets), ...encoded, ...validTokens.filter((t) => t !== '')].flatMap((secret) =>
      captured.filter((c) => c.text.includes(secret)).map((c) => `${secret} in ${c.what}`),
    );
    expect(leaks).toEqual([]);
  });
});
