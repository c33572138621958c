import { parseFluxJson } from './flux-json';
import { FluxProtocolError } from './flux-protocol-error';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The parts of a signed jobspec `J` (RFC 15 / flux-security `HEADER.PAYLOAD.SIGNATURE`). */
export interface SignedJobspec {
  /** Header pairs, values decoded by their type prefix (`i` int, `s` string), e.g. `{version: 1, userid: 1001, mechanism: 'none'}`. */
  header: Record<string, string | number>;
  /** The submitted jobspec, with `attributes.system.environment`. */
  jobspec: Record<string, unknown>;
  /** The signature part (`none` without flux-security). */
  signature: string;
}

function base64(part: string, what: string): Buffer {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(part)) throw new FluxProtocolError(`J ${what} is not base64`);
  return Buffer.from(part, 'base64');
}

function parseHeader(bytes: Buffer): Record<string, string | number> {
  const fields = bytes.toString('utf8').split('\0');
  if (fields.at(-1) === '') fields.pop();
  const header: Record<string, string | number> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const value = fields[i + 1] as string;
    header[fields[i] as string] = value.startsWith('i') ? Number(value.slice(1)) : value.slice(1);
  }
  return header;
}

/**
 * Unwraps `J`: standard or URL-safe base64, padding optional; the middle part is the original
 * jobspec (no signature check: under flux-security the broker has already verified it).
 * Throws {@link FluxProtocolError} when J is not three dot-separated parts or its payload not a JSON object.
 */
export function unwrapSignedJobspec(J: string): SignedJobspec {
  const parts = J.trim().split('.');
  if (parts.length !== 3) throw new FluxProtocolError(`J has ${parts.length} dot-separated parts, expected 3`);
  const [header, payload, signature] = parts as [string, string, string];
  let jobspec: unknown;
  try {
    jobspec = parseFluxJson(utf8.decode(base64(payload, 'payload')));
  } catch (err) {
    if (err instanceof FluxProtocolError) throw err;
    throw new FluxProtocolError(`J payload is not UTF-8 JSON (${(err as Error).message})`);
  }
  if (!jobspec || typeof jobspec !== 'object' || Array.isArray(jobspec))
    throw new FluxProtocolError('J payload is not a JSON object');
  return { header: parseHeader(base64(header, 'header')), jobspec: jobspec as Record<string, unknown>, signature };
}
