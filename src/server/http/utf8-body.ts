import type { FormattedExecutionResult } from 'graphql';

/** Below this many characters a body is encoded by `Buffer.from` (its pooled slab for small strings). */
const POOLED_BELOW = 4096;
const NEWLINE = 0x0a;

/**
 * `text` (and a newline after it when `newline`) as the UTF-8 bytes fastify would write for it, encoded
 * once. Given a string, fastify first measures its UTF-8 length (`Buffer.byteLength`: a pass over the whole
 * text) and then has the socket encode it; given a Buffer it writes it as it is. A large body is written
 * into a buffer sized for the worst case (3 bytes per UTF-16 unit) and the unused tail left out, so it is
 * encoded in ONE pass — a page of 500 jobs answers ~700,000 characters, a two-byte string (job ids hold
 * `ƒ`), whose length pass cost ~0.6 ms (docs/performance.md). Same bytes.
 */
export function utf8Body(text: string, newline = false): Buffer {
  if (text.length < POOLED_BELOW) return Buffer.from(newline ? `${text}\n` : text, 'utf8');
  const bytes = Buffer.allocUnsafeSlow(text.length * 3 + 1);
  let length = bytes.write(text, 'utf8');
  if (newline) bytes[length++] = NEWLINE;
  return bytes.subarray(0, length);
}

/** Apollo's answer texts of one server and their bytes ({@link createAnswerEncoder}). */
export interface AnswerEncoder {
  /** Apollo's `stringifyResult`: exactly its default's text, `JSON.stringify(value) + "\n"`. */
  stringifyResult(value: FormattedExecutionResult): string;
  /** An answer text Apollo handed back (or any other complete body) as its UTF-8 bytes. */
  bytes(text: string): Buffer;
}

/**
 * Apollo's answer texts and their UTF-8 bytes. Apollo's default `stringifyResult` returns
 * `JSON.stringify(value) + "\n"`: a two-piece string that every reader of its bytes (fastify's length
 * pass, the socket's encoder) first flattens, a copy of the whole answer (~1.4 MB for a 500-job page).
 * This one makes the same text and remembers its JSON piece, so the answer Apollo hands back — the same
 * string, compared by reference first — is encoded from that piece, the newline written after it. Any
 * other text (an answer of a request that interleaved, a body Apollo made otherwise) is encoded as it
 * is. The bytes are the same either way.
 */
export function createAnswerEncoder(): AnswerEncoder {
  let last: { text: string; json: string } | undefined;
  return {
    stringifyResult(value) {
      const json = JSON.stringify(value);
      const text = `${json}\n`;
      last = { text, json };
      return text;
    },
    bytes(text) {
      const made = last;
      last = undefined;
      return made !== undefined && made.text === text ? utf8Body(made.json, true) : utf8Body(text);
    },
  };
}
