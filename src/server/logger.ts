import pino from 'pino';
import type { Logger } from 'pino';

/** Paths never written to logs, whatever a call site passes. */
const REDACT_PATHS = [
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.secret',
  '*.token',
  '*.clientSecret',
  'headers.authorization',
  'headers.cookie',
];

/** The process logger: pino JSON lines to stdout (or `destination`), secrets redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, base: { service: 'jobgraph' }, redact: { paths: REDACT_PATHS, censor: '<redacted>' } };
  return destination ? pino(options, destination) : pino(options);
}
