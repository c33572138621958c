/**
 * RFC 29 hostlists (`node[1-3,07],login1`), decoded by the rules of flux-core's `hostlist_decode`
 * (src/common/libhostlist): the one parser of the project, shared by the Flux datasource, the
 * forwarder and the Flux simulator (SIMULATOR_SHARED in eslint.config.mjs). Tested against
 * flux-core's own cases in test/unit/flux/hostlist.test.ts.
 */

/** The most hosts one bracketed range may hold (flux-core's MAX_RANGE: larger is an error, ERANGE). */
export const MAX_HOSTRANGE = 1 << 20;

/** The most comma-separated ranges one pair of brackets may hold (flux-core's MAX_RANGES). */
export const MAX_BRACKET_RANGES = 10_240;

/** How many hosts {@link decodeHostlist} returns at most unless told otherwise: a huge allocation cannot blow up a document. */
export const DEFAULT_HOST_LIMIT = 10_000;

/** One run of hosts: `prefix` + `lo..hi` zero-padded to `width` + `suffix`; a plain host is a run without numbers. */
type HostRun =
  | { kind: 'host'; name: string }
  | { kind: 'range'; prefix: string; suffix: string; lo: bigint; hi: bigint; width: number };

const SEPARATORS = new Set(['\t', ',', ' ']);
const DIGITS = /^[0-9]+$/;

/** Tokens at bracket depth 0 between separators (tab, comma, space); runs of separators count as one. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    const splits = c === undefined || (depth === 0 && SEPARATORS.has(c));
    if (splits) {
      if (start >= 0) out.push(text.slice(start, i));
      start = -1;
      continue;
    }
    if (start < 0) start = i;
    if (c === '[') depth++;
    else if (c === ']') depth--;
  }
  return out;
}

/** `lo` or `lo-hi` (decimal, lo ≤ hi, at most MAX_HOSTRANGE hosts; `lo-` means `lo`); undefined when invalid. */
function range(text: string): { lo: bigint; hi: bigint; width: number } | undefined {
  const dash = text.indexOf('-');
  const loText = dash < 0 ? text : text.slice(0, dash);
  const hiText = dash < 0 ? '' : text.slice(dash + 1);
  if (!DIGITS.test(loText) || (hiText !== '' && !DIGITS.test(hiText))) return undefined;
  const lo = BigInt(loText);
  const hi = hiText === '' ? lo : BigInt(hiText);
  if (lo > hi || hi - lo + 1n > BigInt(MAX_HOSTRANGE)) return undefined;
  return { lo, hi, width: loText.length };
}

/** The runs of one token; undefined when the token is not valid (unbalanced brackets, a bad range). */
function runs(token: string): HostRun[] | undefined {
  const open = token.indexOf('[');
  if (open < 0) return token.includes(']') ? undefined : [{ kind: 'host', name: token }];
  const close = token.indexOf(']', open);
  if (close < 0) return undefined;
  const parts = token.slice(open + 1, close).split(',');
  if (parts.length > MAX_BRACKET_RANGES) return undefined;
  const prefix = token.slice(0, open);
  const suffix = token.slice(close + 1);
  const out: HostRun[] = [];
  for (const part of parts) {
    const r = range(part);
    if (!r) return undefined;
    out.push({ kind: 'range', prefix, suffix, ...r });
  }
  return out;
}

function parse(text: string): HostRun[] | undefined {
  const out: HostRun[] = [];
  for (const token of tokens(text)) {
    const more = runs(token);
    if (!more) return undefined;
    out.push(...more);
  }
  return out;
}

/** How many hosts an RFC 29 hostlist names (duplicates counted), without expanding it; undefined when it is not valid. */
export function hostlistCount(text: string): number | undefined {
  const parsed = parse(text);
  return parsed?.reduce((n, run) => n + (run.kind === 'host' ? 1 : Number(run.hi - run.lo + 1n)), 0);
}

/**
 * The hosts of an RFC 29 hostlist, in order, duplicates kept: `node[1-3,07],login1` → node1 node2
 * node3 node07 login1. Ranges keep the width of their lower bound (`p[00-3]` → p00 … p03); a suffix
 * after the brackets follows each number (`foo[1,3]-bar` → foo1-bar foo3-bar); tabs, commas and
 * spaces separate; `""` is the empty list. Undefined when the text is not a valid hostlist
 * (`foo[`, `foo]`, `foo[]`, `foo[x-y]`, `foo[2--5]`, `foo[5-1]`, a range over {@link MAX_HOSTRANGE}).
 * At most `limit` hosts ({@link DEFAULT_HOST_LIMIT}); the whole text is still validated.
 */
export function decodeHostlist(text: string, limit = DEFAULT_HOST_LIMIT): string[] | undefined {
  const parsed = parse(text);
  if (!parsed) return undefined;
  const hosts: string[] = [];
  for (const run of parsed) {
    if (run.kind === 'host') {
      if (hosts.length >= limit) break;
      hosts.push(run.name);
      continue;
    }
    for (let n = run.lo; n <= run.hi && hosts.length < limit; n++)
      hosts.push(`${run.prefix}${n.toString().padStart(run.width, '0')}${run.suffix}`);
  }
  return hosts;
}
