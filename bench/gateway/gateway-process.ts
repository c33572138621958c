import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { extname, join } from 'node:path';
import type { GatewayChildRequest } from './gateway-child';

/** The gateway running in its own process (bench/gateway/gateway-child.ts). */
export interface GatewayProcess {
  /** The GraphQL endpoint. */
  url: string;
  /** The hand-written page endpoint beside it (page-ceiling.ts), same client, no GraphQL. */
  ceilingUrl: string;
  /** The child's CPU time so far, ms (process.cpuUsage, µs resolution). */
  cpuMs(): Promise<number>;
  /** CPU ms the child spent fetching `jobs` jobs with eventlog and jobspec `rounds` times with the bare Flux client. */
  bareClientCpuMs(jobs: number, rounds: number): Promise<number>;
  close(): void;
}

function ask(child: ChildProcess, request: GatewayChildRequest): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve((m as { cpuMs: number }).cpuMs));
    child.send(request);
  });
}

/**
 * Starts the gateway in a child process over the simulator at `fluxUri`; the dataset options
 * name the simulator's dataset (for its users). `env` adds JOBGRAPH_* settings (e.g. the executor).
 */
export async function startGatewayProcess(
  fluxUri: string,
  dataset: { jobCount: number; seed: number; now: number },
  env: Record<string, string> = {},
): Promise<GatewayProcess> {
  const child = fork(
    join(__dirname, `gateway-child${extname(__filename)}`),
    [fluxUri, String(dataset.jobCount), String(dataset.seed), String(dataset.now)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...env },
      // From the TypeScript sources (a jest test) the child needs the test tier's TypeScript loader.
      ...(extname(__filename) === '.ts'
        ? { execArgv: ['-r', join(__dirname, '../../test/support/ts-register.cjs')] }
        : {}),
    },
  );
  const { url, ceilingUrl } = await new Promise<{ url: string; ceilingUrl: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`gateway child exited (${code})`)));
    child.once('message', (m) => resolve(m as { url: string; ceilingUrl: string }));
  });
  return {
    url,
    ceilingUrl,
    cpuMs: () => ask(child, { type: 'cpu' }),
    bareClientCpuMs: (jobs, rounds) => ask(child, { type: 'bare', jobs, rounds }),
    close: () => child.disconnect(),
  };
}
