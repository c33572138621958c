import { parseFluxJson, stringifyFluxJson } from './flux-json';
import type { FluxJsonParseOptions, FluxJsonStringifyOptions } from './flux-json';
import { FluxProtocolError } from './flux-protocol-error';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function withNul(text: string): Buffer {
  const n = Buffer.byteLength(text, 'utf8');
  const out = Buffer.allocUnsafe(n + 1);
  out.write(text, 0, 'utf8');
  out[n] = 0;
  return out;
}

function stripNul(bytes: Uint8Array, what: string): string {
  if (bytes.length === 0 || bytes[bytes.length - 1] !== 0)
    throw new FluxProtocolError(`${what} payload does not end in NUL`);
  let text: string;
  try {
    // The whole frame, its NUL included, then the string without it: no view of the bytes per payload.
    text = utf8.decode(bytes);
  } catch {
    throw new FluxProtocolError(`${what} payload is not valid UTF-8`);
  }
  const end = text.length - 1;
  if (text.indexOf('\0') !== end) throw new FluxProtocolError(`${what} payload contains NUL before its end`);
  return text.slice(0, end);
}

/** A JSON payload frame: compact JSON text (see {@link stringifyFluxJson}) + one NUL. */
export function encodeJsonPayload(value: Record<string, unknown>, options?: FluxJsonStringifyOptions): Buffer {
  return withNul(stringifyFluxJson(value, options));
}

/** An error payload frame: plain text + one NUL. */
export function encodeTextPayload(text: string): Buffer {
  if (text.includes('\0')) throw new RangeError('payload text must not contain NUL');
  return withNul(text);
}

/** The JSON text of a payload frame, NUL stripped, strictly UTF-8; throws {@link FluxProtocolError}. */
export function payloadText(bytes: Uint8Array): string {
  return stripNul(bytes, 'JSON');
}

/**
 * Reads a JSON payload frame: NUL-terminated, strict UTF-8, a JSON object (BigInt-safe, see
 * {@link parseFluxJson}). Throws {@link FluxProtocolError} otherwise.
 */
export function decodeJsonPayload(bytes: Uint8Array, options?: FluxJsonParseOptions): Record<string, unknown> {
  const text = stripNul(bytes, 'JSON');
  let value: unknown;
  try {
    value = parseFluxJson(text, options);
  } catch (err) {
    throw new FluxProtocolError(`payload is not valid JSON (${(err as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new FluxProtocolError('payload JSON is not an object');
  return value as Record<string, unknown>;
}

/** Reads an error payload: text with its NUL stripped (tolerates a missing NUL), strict UTF-8. */
export function decodeTextPayload(bytes: Uint8Array): string {
  const hasNul = bytes.length > 0 && bytes[bytes.length - 1] === 0;
  return hasNul ? stripNul(bytes, 'error') : stripNul(Buffer.concat([bytes, Buffer.from([0])]), 'error');
}
