import type { FluxJobEvent } from '../datasources/flux/flux-job';
import { BadUserInputError } from '../errors';
import type { JobOutputChunk } from '../schema/job-output-chunk.type';
import type { JobOutputLine } from '../schema/job-output-line.type';
import { JobOutputStream } from '../schema/job-output-stream.enum';
import type { JobOutput } from '../schema/job-output.type';

/** Which output a caller asked for: streams (default both) and task ranks (default all). */
export interface OutputSelection {
  streams?: readonly JobOutputStream[] | null | undefined;
  ranks?: ReadonlySet<number> | undefined;
}

/** Largest `maxBytes` (and its default): 16 MiB / 1 MiB of text. */
export const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
export const DEFAULT_OUTPUT_BYTES = 1024 * 1024;

const IDSET = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;
const MAX_RANK_SPAN = 1_000_000;

/** An RFC 22 idset (`0-3,7`) as a set of ranks; BAD_USER_INPUT when malformed. */
export function parseIdset(text: string, field: string): Set<number> {
  const compact = text.replace(/\s+/g, '').replace(/^\[|\]$/g, '');
  if (!IDSET.test(compact))
    throw new BadUserInputError(`${field}: expected an idset such as "0-3,7", got ${JSON.stringify(text)}`, { field });
  const out = new Set<number>();
  for (const part of compact.split(',')) {
    const [lo, hi = lo] = part.split('-').map(Number) as [number, number?];
    if (hi < lo || hi - lo > MAX_RANK_SPAN)
      throw new BadUserInputError(`${field}: range ${part} is empty or too large`, { field });
    for (let r = lo; r <= hi; r++) out.add(r);
  }
  return out;
}

const STREAMS: Readonly<Record<string, JobOutputStream>> = {
  stdout: JobOutputStream.STDOUT,
  stderr: JobOutputStream.STDERR,
};

function selected(ctx: Record<string, unknown>, selection: OutputSelection): JobOutputStream | undefined {
  const stream = STREAMS[String(ctx.stream)];
  if (!stream || (selection.streams && !selection.streams.includes(stream))) return undefined;
  if (!selection.ranks) return stream;
  const ranks = parseIdset(String(ctx.rank), 'rank');
  for (const r of ranks) if (selection.ranks.has(r)) return stream;
  return undefined;
}

const utf8 = new TextDecoder('utf-8');

function line(ev: FluxJobEvent, stream: JobOutputStream, ctx: Record<string, unknown>): JobOutputLine {
  const data = typeof ctx.data === 'string' ? ctx.data : '';
  const out: JobOutputLine = {
    stream,
    rank: String(ctx.rank),
    time: new Date(Math.round(ev.timestamp * 1000)),
    text: data,
  };
  if (ctx.encoding === 'base64') {
    out.base64 = data;
    out.text = utf8.decode(Buffer.from(data, 'base64'));
  }
  return out;
}

/** One output event as a `jobOutput` message, or undefined (the header, a stream or rank not asked for). */
export function outputChunk(ev: FluxJobEvent, selection: OutputSelection): JobOutputChunk | undefined {
  const ctx = ev.context ?? {};
  if (ev.name !== 'data' && ev.name !== 'redirect') return undefined;
  const stream = selected(ctx, selection);
  if (!stream) return undefined;
  if (ev.name === 'redirect') return { redirect: { stream, rank: String(ctx.rank), path: String(ctx.path) } };
  if (ctx.eof === true && ctx.data === undefined) return { eof: line(ev, stream, ctx) };
  return { line: line(ev, stream, ctx) };
}

/**
 * A job's output eventlog as {@link JobOutput}: the selected lines in order, at most `maxBytes` of
 * text (the first ones, or with `tail` the last `tail` lines within the cap), `truncated` when
 * any were left out, redirects, the header's encodings and whether every writer closed.
 */
export function buildJobOutput(
  events: readonly FluxJobEvent[],
  selection: OutputSelection,
  tail: number | undefined,
  maxBytes: number,
): JobOutput {
  const header = events.find((e) => e.name === 'header')?.context ?? {};
  const count = (header.count ?? {}) as Record<string, number>;
  const writers = Object.values(count).reduce((a, b) => a + Number(b), 0);
  let eofs = 0;
  const all: JobOutputLine[] = [];
  const redirects: JobOutput['redirects'] = [];
  for (const ev of events) {
    if (ev.name === 'data' && ev.context?.eof === true) eofs++;
    const chunk = outputChunk(ev, selection);
    if (chunk?.line) all.push(chunk.line);
    if (chunk?.redirect) redirects.push(chunk.redirect);
  }
  const picked = tail !== undefined ? all.slice(Math.max(0, all.length - tail)) : all;
  const size = (l: JobOutputLine): number => Buffer.byteLength(l.text);
  const lines: JobOutputLine[] = [];
  let bytes = 0;
  const order = tail !== undefined ? [...picked].reverse() : picked;
  for (const l of order) {
    if (bytes + size(l) > maxBytes) break;
    bytes += size(l);
    lines.push(l);
  }
  if (tail !== undefined) lines.reverse();
  return {
    lines,
    redirects,
    encoding: (header.encoding ?? {}) as Record<string, string>,
    truncated: lines.length < picked.length,
    complete: writers > 0 && eofs >= writers,
    bytes,
  };
}
