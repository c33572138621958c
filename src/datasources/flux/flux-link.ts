import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { ERRNO } from './errno';
import type { ErrnoName } from './errno';
import { FluxConnectionError } from './flux-rpc-error';
import { sshArgs } from './flux-uri';
import type { FluxUri } from './flux-uri';

/** A byte pipe to a broker: a Unix socket, or an ssh child's stdout/stdin. */
export interface FluxLink {
  readonly input: Readable;
  readonly output: Writable;
  /** What to add to an error message about this link (ssh: exit status and stderr). */
  diagnostics(): string;
  /** Settles once the link is fully closed (ssh: the child has exited and its pipes closed). */
  readonly closed: Promise<void>;
  /** Ends the link gracefully (ssh: closes stdin, which ends the relay); destroys it after `graceMs`. */
  end(graceMs: number): void;
  destroy(): void;
}

/** How to reach the broker through ssh: `FLUX_SSH` and `FLUX_SSH_RCMD`, read by src/config, passed in. */
export interface FluxSshOptions {
  /** The ssh command (`FLUX_SSH`). Default `ssh`. */
  ssh?: string;
  /** The remote flux command (`FLUX_SSH_RCMD`). Default `flux`. */
  sshRcmd?: string;
  /** Environment of the ssh child (its PATH also finds the command). Default: inherited. */
  sshEnv?: Record<string, string | undefined>;
}

function errnoOf(err: unknown): number {
  const code = (err as NodeJS.ErrnoException).code;
  return code && code in ERRNO ? ERRNO[code as ErrnoName] : ERRNO.ECONNREFUSED;
}

/** Opens a Unix stream socket; resolves once connected (the handshake byte is not read here). */
export function openLocalLink(path: string): Promise<FluxLink> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ path });
    const onError = (err: Error): void => {
      socket.destroy();
      reject(
        new FluxConnectionError(errnoOf(err), `cannot connect to the Flux broker at local://${path}: ${err.message}`, {
          cause: err,
        }),
      );
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      resolve({
        input: socket,
        output: socket,
        diagnostics: () => '',
        closed: new Promise((done) => socket.once('close', () => done())),
        end: (graceMs) => {
          socket.end();
          setTimeout(() => socket.destroy(), graceMs).unref();
        },
        destroy: () => socket.destroy(),
      });
    });
  });
}

/** Spawns `$FLUX_SSH [-p port] [user@]host $FLUX_SSH_RCMD relay /PATH`; its stdio carries the protocol. */
export function openSshLink(uri: Extract<FluxUri, { kind: 'ssh' }>, options: FluxSshOptions = {}): FluxLink {
  const child = spawn(options.ssh ?? 'ssh', sshArgs(uri, options.sshRcmd ?? 'flux'), {
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.sshEnv ? { env: options.sshEnv } : {}),
  });
  let stderr = '';
  let exit = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    if (stderr.length < 4096) stderr += text.slice(0, 4096 - stderr.length);
  });
  child.on('exit', (code, signal) => {
    exit = signal ? `killed by ${signal}` : `exit status ${code}`;
  });
  child.on('error', (err) => {
    exit = `could not start ${options.ssh ?? 'ssh'}: ${err.message}`;
    child.stdout.destroy(err);
  });
  child.stdin.on('error', () => undefined);
  const closed = new Promise<void>((done) => {
    child.once('close', () => done());
    child.once('error', () => done());
  });
  return {
    input: child.stdout,
    output: child.stdin,
    closed,
    diagnostics: () => [exit, stderr.trim()].filter((s) => s !== '').join('; '),
    end: (graceMs) => {
      child.stdin.end();
      setTimeout(() => child.kill('SIGTERM'), graceMs).unref();
    },
    destroy: () => {
      child.stdin.destroy();
      child.kill('SIGTERM');
    },
  };
}
