import { hasLongDigitRun } from './exact-integers';
import type { FluxJobEvent } from './flux-job';
import { parseFluxJson } from './flux-json';
import { FluxProtocolError } from './flux-protocol-error';

/** Maps one eventlog entry object (RFC 18: `timestamp`, `name`, optional `context`). */
export function mapJobEvent(raw: unknown): FluxJobEvent {
  const entry = raw as Record<string, unknown> | null;
  if (!entry || typeof entry !== 'object' || typeof entry.timestamp !== 'number' || typeof entry.name !== 'string') {
    throw new FluxProtocolError('eventlog entry lacks a numeric timestamp or a name');
  }
  const event: FluxJobEvent = { timestamp: entry.timestamp, name: entry.name };
  if (entry.context && typeof entry.context === 'object') event.context = entry.context as Record<string, unknown>;
  return event;
}

/**
 * Parses one eventlog line (JSON, surrounding whitespace allowed). `exact`: the caller checked the
 * line has no run of 16+ digits, so the engine's `JSON.parse` alone is exact (see exact-integers.ts).
 */
export function parseEventLine(line: string, exact = false): FluxJobEvent {
  return parseTrimmedLine(line.trim(), exact);
}

/** {@link parseEventLine} of a line without surrounding whitespace. */
function parseTrimmedLine(json: string, exact: boolean): FluxJobEvent {
  let value: unknown;
  try {
    value = exact ? JSON.parse(json) : parseFluxJson(json);
  } catch (err) {
    throw new FluxProtocolError(`eventlog line is not JSON (${(err as Error).message})`);
  }
  return mapJobEvent(value);
}

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/**
 * Parses a whole eventlog (JSON Lines; blank lines skipped) in one walk. Big integers are looked
 * for once in the whole text: an eventlog without them (the usual one) is parsed by `JSON.parse`
 * line by line, with no per-line check. A line from `{` to `}` (the usual one) is not trimmed:
 * nothing to trim, and each trim of a sliced line cost a call and a check per end.
 */
export function parseEventlog(text: string): FluxJobEvent[] {
  const exact = !hasLongDigitRun(text);
  const events: FluxJobEvent[] = [];
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let line = text.slice(start, end);
    if (text.charCodeAt(start) !== OPEN_BRACE || text.charCodeAt(end - 1) !== CLOSE_BRACE) line = line.trim();
    if (line !== '') events.push(parseTrimmedLine(line, exact));
    start = end + 1;
  }
  return events;
}
