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

/** Parses one eventlog line (JSON, trailing newline allowed). */
export function parseEventLine(line: string): FluxJobEvent {
  let value: unknown;
  try {
    value = parseFluxJson(line.trim());
  } catch (err) {
    throw new FluxProtocolError(`eventlog line is not JSON (${(err as Error).message})`);
  }
  return mapJobEvent(value);
}

/** Parses a whole eventlog (JSON Lines; blank lines skipped). */
export function parseEventlog(text: string): FluxJobEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(parseEventLine);
}
