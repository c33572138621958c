import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { JobgraphError } from '../../errors';
import type { ElogCallOptions } from './elog-types';

const execFileAsync = promisify(execFile);

/** `JOBGRAPH_ELOG_AUTH`: how the client authenticates to the proxy in front of explgbk. */
export type ElogAuthMode = 'none' | 'basic' | 'kerberos' | 'bearer' | 'auto';

/** The proxy prefix each mode goes through (§1.1). */
export type ElogPrefix = 'ws' | 'ws-auth' | 'ws-kerb' | 'ws-jwt';

/** A prefix and the `Authorization` header value to send with it (none for `ws`). */
export interface ElogCredentials {
  prefix: ElogPrefix;
  authorization?: string;
  /**
   * The caller's own forwarded Negotiate token: sent unchanged on every request of the GraphQL
   * request, so such requests are never retried (a proxy with a replay cache accepts it once).
   */
  forwarded?: boolean;
}

/** Secrets and sources of credentials; never logged. */
export interface ElogAuthOptions {
  mode: ElogAuthMode;
  /** Operator password (first line of `JOBGRAPH_ELOG_OPR_PASSWORD_FILE`); needed by `basic` and `auto`. */
  oprPassword?: string;
  /** `JOBGRAPH_ELOG_KERBEROS_COMMAND`: prints one base64 GSS-API token line; 5 s limit. */
  kerberosCommand?: string;
  /** `JOBGRAPH_ELOG_BEARER_TOKEN_FILE`, re-read on every call (tokens are short-lived). */
  bearerTokenFile?: string;
  /** The `Authorization` variable of the gateway's environment, used when it starts `Bearer `. */
  bearerFromEnv?: string;
}

/**
 * Reads the operator password: the file's first line without its `\n` / `\r\n` (LUTE drops the
 * last character blindly; a file without a final newline would lose a real character).
 */
export function readOprPassword(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`JOBGRAPH_ELOG_OPR_PASSWORD_FILE: cannot read ${path}: ${(err as Error).message}`);
  }
  return text.split('\n', 1)[0]?.replace(/\r$/, '') ?? '';
}

/** `mfxl1038923` → `mfx`: the hutch whose operator account may write to the experiment. */
export function hutchOf(experiment: string): string {
  return experiment.slice(0, 3).toLowerCase();
}

function unauthenticated(message: string): JobgraphError {
  return new JobgraphError('UNAUTHENTICATED', message, { backend: 'elog' });
}

function notOwn(what: string): JobgraphError {
  return new JobgraphError(
    'FORBIDDEN',
    `workflow changes go out with your own eLog credentials, and eLog auth mode ${what}: operators only; nothing was sent`,
    { backend: 'elog', details: { maybeStored: false } },
  );
}

/** Builds the credentials of one call; `auto` needs to know whether the experiment is its hutch's active one. */
export class ElogAuth {
  constructor(private readonly options: ElogAuthOptions) {}

  get mode(): ElogAuthMode {
    return this.options.mode;
  }

  /**
   * Credentials for a call on `experiment`. `isActive` answers LUTE's question for `auto`
   * (operator account only on the hutch's active experiment, else Kerberos). `write`: the call
   * changes the eLog (see `writeWithCallerCredentials`). `personal`: a workflow write, which must
   * go out as a person, never as the shared `<hutch>opr` account (explgbk refuses it definitions,
   * and the ARP runs jobs as the definition's user): `auto` always takes Kerberos, and a caller
   * who writes with their own credentials only (not an operator) is refused, unsent, where the
   * mode has nothing of theirs (`basic`'s opr account, `bearer`'s gateway token).
   */
  async credentials(
    experiment: string,
    call: ElogCallOptions,
    isActive: () => Promise<boolean>,
    write = false,
    personal = false,
  ): Promise<ElogCredentials> {
    const shared = personal && write && call.writeWithCallerCredentials;
    switch (this.options.mode) {
      case 'none':
        return { prefix: 'ws' };
      case 'basic':
        if (shared) throw notOwn('basic writes as the shared operator account');
        return this.operator(experiment);
      case 'kerberos':
        return this.kerberos(call, write);
      case 'bearer':
        if (shared) throw notOwn("bearer writes with the gateway's ARP token");
        return this.bearer();
      case 'auto':
        return !personal && (await isActive()) ? this.operator(experiment) : this.kerberos(call, write);
      default: {
        const unreachable: never = this.options.mode;
        throw new Error(`unknown eLog auth mode ${String(unreachable)}`);
      }
    }
  }

  /** A bearer token for the JID `get_counters` call, or undefined. */
  async bearerToken(): Promise<string | undefined> {
    if (this.options.bearerTokenFile) {
      const text = await readFile(this.options.bearerTokenFile, 'utf8').catch(() => '');
      const line = text.split('\n', 1)[0]?.trim() ?? '';
      if (line) return line.replace(/^Bearer\s+/i, '');
    }
    const env = this.options.bearerFromEnv;
    return env?.startsWith('Bearer ') ? env.slice('Bearer '.length).trim() : undefined;
  }

  private operator(experiment: string): ElogCredentials {
    const password = this.options.oprPassword;
    if (password === undefined)
      throw unauthenticated('eLog operator password is not configured (JOBGRAPH_ELOG_OPR_PASSWORD_FILE)');
    const basic = Buffer.from(`${hutchOf(experiment)}opr:${password}`, 'utf8').toString('base64');
    return { prefix: 'ws-auth', authorization: `Basic ${basic}` };
  }

  private async kerberos(call: ElogCallOptions, write: boolean): Promise<ElogCredentials> {
    const fromCaller = call.negotiate?.trim().replace(/^Negotiate\s+/i, '');
    if (fromCaller) return { prefix: 'ws-kerb', authorization: `Negotiate ${fromCaller}`, forwarded: true };
    if (write && call.writeWithCallerCredentials) {
      throw unauthenticated(
        "eLog writes go out with your own Kerberos credentials: send X-Jobgraph-Elog-Negotiate (the gateway's own ticket writes for operators only)",
      );
    }
    const command = this.options.kerberosCommand;
    if (!command) {
      throw unauthenticated(
        'eLog needs a Kerberos token: send X-Jobgraph-Elog-Negotiate or configure JOBGRAPH_ELOG_KERBEROS_COMMAND',
      );
    }
    try {
      const { stdout } = await execFileAsync('/bin/sh', ['-c', command], { timeout: 5000, encoding: 'utf8' });
      const token = stdout
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l !== '');
      if (!token) throw new Error('printed no token');
      return { prefix: 'ws-kerb', authorization: `Negotiate ${token.replace(/^Negotiate\s+/i, '')}` };
    } catch (err) {
      const { code, signal } = err as { code?: unknown; signal?: unknown };
      throw unauthenticated(
        `JOBGRAPH_ELOG_KERBEROS_COMMAND gave no token (exit ${String(code ?? 'ok')}${signal ? `, ${String(signal)}` : ''})`,
      );
    }
  }

  private async bearer(): Promise<ElogCredentials> {
    const token = await this.bearerToken();
    if (!token)
      throw unauthenticated(
        'eLog bearer token missing: set JOBGRAPH_ELOG_BEARER_TOKEN_FILE or Authorization=Bearer … in the environment',
      );
    return { prefix: 'ws-jwt', authorization: `Bearer ${token}` };
  }
}
