/** Below this many characters a body is encoded by `Buffer.from` (its pooled slab for small strings). */
const POOLED_BELOW = 4096;

/**
 * `text` as the UTF-8 bytes fastify would write for it, encoded once. Given a string, fastify first
 * measures its UTF-8 length (`Buffer.byteLength`: a pass over the whole text) and then has the socket
 * encode it; given a Buffer it writes it as it is. A large body is written into a buffer sized for
 * the worst case (3 bytes per UTF-16 unit) and the unused tail left out, so it is encoded in ONE pass
 * — a page of 500 jobs answers ~700,000 characters, a two-byte string (job ids hold `ƒ`), whose
 * length pass cost ~0.6 ms (docs/performance.md). Same bytes.
 */
export function utf8Body(text: string): Buffer {
  if (text.length < POOLED_BELOW) return Buffer.from(text, 'utf8');
  const bytes = Buffer.allocUnsafeSlow(text.length * 3);
  return bytes.subarray(0, bytes.write(text, 'utf8'));
}
