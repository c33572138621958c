import { UpstreamError, asSentence, backendLabel } from '../../errors';
import type { BackendName } from '../../errors';

/** The largest JSON answer an HTTP backend may send before the gateway stops reading, bytes (16 MiB). */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Reads a fetch response body whole, but never more than `maxBytes`: a declared
 * `content-length` over the cap is refused before reading, and a body that grows past it
 * while streaming is cancelled. Either way the answer is an `UPSTREAM_ERROR` naming the cap,
 * so a backend answering a runaway body costs the gateway at most `maxBytes` of memory.
 */
export async function readCappedBody(
  response: Response,
  maxBytes: number,
  backend: BackendName,
  what: string,
): Promise<Uint8Array> {
  const tooLarge = (): UpstreamError =>
    new UpstreamError(backend, `${backend} answered ${what} with a body over the ${maxBytes}-byte limit`, {
      details: { maxBytes, upstreamStatus: response.status },
      publicMessage: `${asSentence(backendLabel(backend))} answered with a body over the ${maxBytes}-byte limit`,
    });
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
