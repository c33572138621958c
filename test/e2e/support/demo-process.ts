import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';

/** Repository root. */
export const ROOT = path.resolve(__dirname, '../../..');
/** Lets a child process run TypeScript sources directly (`node -r TS_REGISTER file.ts`). */
export const TS_REGISTER = path.join(ROOT, 'test/support/ts-register.cjs');

/** Node arguments that run jobgraph from the TypeScript sources. */
export const FROM_SOURCES = ['-r', TS_REGISTER, path.join(ROOT, 'src/cli/main.ts')];

/** A `jobgraph demo` or `jobgraph serve` child process, listening. */
export interface DemoProcess {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:39123/graphql`. */
  graphqlUrl: string;
  /** The gateway's origin, e.g. `http://127.0.0.1:39123`. */
  origin: string;
  /** The child's process id (for /proc/PID measurements). */
  pid: number;
  /** When it was spawned, epoch ms (its `--trace-gc` times count from about then). */
  startedAt: number;
  /** What the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/**
 * Starts `jobgraph demo` from the TypeScript sources (or `entry`, see {@link startJobgraph}) on a
 * free port (`--port 0`) and resolves once it printed its GraphQL endpoint. `env` is added to
 * this process's environment.
 */
export function startDemo(
  env: Record<string, string> = {},
  timeoutMs = 90_000,
  entry: string[] = FROM_SOURCES,
): Promise<DemoProcess> {
  return startJobgraph(['demo', '--port', '0', '--log-level', 'warn'], env, timeoutMs, entry);
}

/**
 * Runs `jobgraph <args>` (from the TypeScript sources, or with other node arguments `entry`, e.g.
 * the compiled `dist/src/cli/main.js`) as a child process with `env` added to this process's
 * environment, and resolves once it printed its GraphQL endpoint (rejects, with all its output,
 * if it exits first).
 */
export function startJobgraph(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 90_000,
  entry: string[] = FROM_SOURCES,
): Promise<DemoProcess> {
  const startedAt = Date.now();
  const child: ChildProcess = spawn(process.execPath, [...entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let listening = false;
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(kill);
  };
  return new Promise<DemoProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`jobgraph ${args[0]} did not print its endpoint within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (listening) return;
      const match = /GraphQL endpoint: (http:\/\/\S+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      listening = true;
      const graphqlUrl = match[1];
      resolve({
        graphqlUrl,
        origin: new URL(graphqlUrl).origin,
        pid: child.pid ?? 0,
        startedAt,
        output: () => output,
        stop,
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`jobgraph ${args[0]} exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}
