/** Where a Flux broker is: a local Unix socket, or one reached through `ssh … flux relay`. */
export type FluxUri =
  { kind: 'local'; path: string } | { kind: 'ssh'; host: string; user?: string; port?: number; path: string };

/** `FLUX_URI` when unset: the system instance. */
export const DEFAULT_FLUX_URI = 'local:///run/flux/local';

/**
 * Parses `local://PATH` (PATH whitespace-trimmed) or `ssh://[user@]host[:port]/PATH` (PATH keeps
 * its leading `/`; no query or fragment). Throws a RangeError naming the URI and the rule broken.
 */
export function parseFluxUri(uri: string): FluxUri {
  const fail = (why: string): never => {
    throw new RangeError(`invalid Flux URI ${JSON.stringify(uri)}: ${why}`);
  };
  if (uri.startsWith('local://')) {
    const path = uri.slice('local://'.length).trim();
    if (path === '') fail('local:// needs a socket path');
    return { kind: 'local', path };
  }
  if (!uri.startsWith('ssh://')) return fail('expected local://PATH or ssh://[user@]host[:port]/PATH');
  const rest = uri.slice('ssh://'.length);
  if (/[?#]/.test(rest)) fail('ssh:// URIs take no query or fragment');
  const slash = rest.indexOf('/');
  if (slash < 0 || slash === rest.length - 1) fail('ssh:// needs a /PATH after the host');
  const authority = rest.slice(0, slash);
  const path = rest.slice(slash);
  const match = /^(?:([^@:/\s]+)@)?([^@:/\s]+)(?::(\d{1,5}))?$/.exec(authority);
  if (!match) return fail('expected [user@]host[:port] before the path');
  const [, user, host, port] = match;
  const parsed: FluxUri = { kind: 'ssh', host: host as string, path };
  if (user) parsed.user = user;
  if (port) {
    const n = Number(port);
    if (n < 1 || n > 65535) fail(`port ${port} is out of range`);
    parsed.port = n;
  }
  return parsed;
}

/** The argv of the ssh connector: `[-p port] [user@]host RCMD relay /PATH` (after the ssh command). */
export function sshArgs(uri: Extract<FluxUri, { kind: 'ssh' }>, rcmd: string): string[] {
  const target = uri.user ? `${uri.user}@${uri.host}` : uri.host;
  return [...(uri.port ? ['-p', String(uri.port)] : []), target, rcmd, 'relay', uri.path];
}
