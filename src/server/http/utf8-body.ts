import type { GraphQLResponse } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { jsonUtf8 } from './json-utf8';

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
  /**
   * Apollo's `stringifyResult`: a stand-in for the answer's text (its bytes written already; see
   * {@link createAnswerEncoder}), or — for a result the bytes writer leaves to JSON.stringify — exactly
   * Apollo's default text, `JSON.stringify(value) + "\n"`.
   */
  stringifyResult(value: FormattedExecutionResult): string;
  /** An answer Apollo handed back (a stand-in or a text), or any other complete body, as its UTF-8 bytes. */
  bytes(text: string): Buffer;
  /**
   * Once the answer of `response`'s result is made (`stringifyResult` of that result), `response` holds an empty body
   * instead: nothing reads an HTTP response's body after its text. Apollo's per-execution copy of the request context
   * (and through it this response) stays reachable for the young-generation GC until the next full GC
   * (src/server/plugins/request-release.plugin.ts says why), so the result's data was copied by every scavenge.
   */
  releaseAfterAnswer(response: { body?: GraphQLResponse['body'] }): void;
}

/** The body a response holds once its answer is made ({@link AnswerEncoder.releaseAfterAnswer}). */
const ANSWERED: GraphQLResponse['body'] = { kind: 'single', singleResult: {} };

/**
 * How the stand-in of an answer's bytes starts. No JSON text holds it (JSON.stringify escapes U+0000): a body
 * holding it that is no stand-in of this encoder was built from one (Apollo's HTTP batching, which is off),
 * and is refused rather than sent.
 */
export const ANSWER_BYTES_MARK = '\u0000jobgraph answer bytes #';

/** How long a stand-in's bytes wait for the route at most (insurance: the route takes them in the same request). */
export const STAND_IN_LIFETIME_MS = 60_000;

/**
 * Apollo's answers as UTF-8 bytes. Apollo's default `stringifyResult` returns `JSON.stringify(value) + "\n"`,
 * which the GraphQL route then encodes. A 500-job page's text is ~700,000 two-byte characters (job ids hold
 * `ƒ`) that JSON.stringify builds in pieces and the encoder must first flatten into one 1.4 MB string
 * (docs/performance.md). So `stringifyResult` writes the bytes straight from the result ({@link jsonUtf8}:
 * the same bytes) and hands Apollo a stand-in (`ANSWER_BYTES_MARK` and a number), which `bytes` — called by
 * the route with what Apollo answered — swaps for them. A result the writer leaves to JSON.stringify gets
 * the text, remembered with its JSON piece so that the answer Apollo hands back — the same string, compared
 * by reference first — is encoded from that piece and a newline byte (no flatten copy of `json + "\n"`).
 * Any other text is encoded as it is. The bytes are the same every way.
 *
 * A stand-in is taken within its own request, microseconds after it is made; one that no route takes (a path
 * that throws between Apollo and the route) would otherwise keep its bytes for the life of the process, so
 * stand-ins older than {@link STAND_IN_LIFETIME_MS} are let go when the next answer is made. `now` is the clock
 * (tests).
 */
export function createAnswerEncoder(now: () => number = Date.now): AnswerEncoder {
  const waiting = new Map<string, { bytes: Buffer; at: number }>();
  // By the result's data object (the value handed to stringifyResult holds the same one): the response to empty.
  const toRelease = new WeakMap<object, { body?: GraphQLResponse['body'] }>();
  let made = 0;
  let last: { text: string; json: string } | undefined;
  const answered = (value: FormattedExecutionResult): void => {
    const response = value.data ? toRelease.get(value.data) : undefined;
    if (!response || !value.data) return;
    toRelease.delete(value.data);
    response.body = ANSWERED;
  };
  return {
    releaseAfterAnswer(response) {
      if (response.body?.kind === 'single' && response.body.singleResult.data)
        toRelease.set(response.body.singleResult.data, response);
    },
    stringifyResult(value) {
      const written = jsonUtf8(value, true);
      if (written !== undefined) {
        const standIn = `${ANSWER_BYTES_MARK}${++made}`;
        // Taken by the route when Apollo hands the stand-in back (its only HTTP integration; both of Apollo's
        // calls of stringifyResult answer a request's complete body): no bound on the count, which a burst of
        // requests finishing in one tick could exceed with every stand-in still to be taken; a bound on age.
        const at = now();
        for (const [old, entry] of waiting) {
          if (at - entry.at < STAND_IN_LIFETIME_MS) break;
          waiting.delete(old);
        }
        waiting.set(standIn, { bytes: written, at });
        answered(value);
        return standIn;
      }
      const json = JSON.stringify(value);
      answered(value);
      const text = `${json}\n`;
      last = { text, json };
      return text;
    },
    bytes(text) {
      const written = waiting.get(text);
      if (written !== undefined) {
        waiting.delete(text);
        return written.bytes;
      }
      const json = last;
      last = undefined;
      // The remembered text first (by reference): a long one is not scanned (nor flattened) for the mark.
      if (json !== undefined && json.text === text) return utf8Body(json.json, true);
      if (text.includes(ANSWER_BYTES_MARK))
        throw new Error('an answer body holds the stand-in of answer bytes not waiting');
      return utf8Body(text);
    },
  };
}
