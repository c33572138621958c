import { decodeMessageBody, encodeMessage, FluxDecoder, MAX_ROUTES } from '../../../src/datasources/flux/flux-codec';
import { stringifyFluxJson, stringifyLosslessJson } from '../../../src/datasources/flux/flux-json';
import type { FluxJsonStringifyOptions } from '../../../src/datasources/flux/flux-json';
import { FLUX_MSGFLAG, FLUX_MSGTYPE } from '../../../src/datasources/flux/flux-message';
import type { FluxMessage } from '../../../src/datasources/flux/flux-message';
import { FluxProtocolError } from '../../../src/datasources/flux/flux-protocol-error';
import { decodeJsonPayload, payloadText } from '../../../src/datasources/flux/flux-payload';
import { JsonReal } from '../../../src/datasources/flux/json-real';
import { seededRandom } from '../../support/seeded-random';

/** The text, or the error's type and message: what a caller of either way sees. */
function outcome(write: () => string): string {
  try {
    return `ok ${write()}`;
  } catch (error) {
    return `${(error as Error).constructor.name} ${(error as Error).message}`;
  }
}

describe('stringifyFluxJson: the plain fast path writes what lossless-json writes', () => {
  const LEAVES: unknown[] = [
    0,
    -0,
    42,
    -616,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    2 ** 53,
    2 ** 64,
    1.5,
    1795361589.7910175,
    Number.NaN,
    Infinity,
    9223372036854775807n,
    -9223372036854775808n,
    9223372036854775808n,
    -9223372036854775809n,
    18446744073709551615n,
    0n,
    'plain',
    'ƒ2ZvMgb café',
    'quote " backslash \\ slash / newline \n tab \t nul \u0000 bell \u0007',
    'lone surrogate \ud800 pair 😀',
    '',
    true,
    false,
    null,
    undefined,
    new JsonReal(600),
    new Date(0),
    () => 1,
    Object.create(null) as object,
    { toJSON: () => 'from toJSON' },
    [],
    {},
  ];
  const KEYS = ['id', 'keys', 'flags', '', 'ƒ', '"q"', '1', '0', '__proto__x', 'since', 't_submit'];

  function value(rand: () => number, depth: number): unknown {
    const r = rand();
    if (depth < 3 && r < 0.25) {
      const out: Record<string, unknown> = {};
      for (let n = Math.floor(rand() * 4); n > 0; n--)
        out[KEYS[Math.floor(rand() * KEYS.length)] as string] = value(rand, depth + 1);
      return out;
    }
    if (depth < 3 && r < 0.4) return Array.from({ length: Math.floor(rand() * 4) }, () => value(rand, depth + 1));
    return LEAVES[Math.floor(rand() * LEAVES.length)];
  }

  it('on 20,000 generated values (ids near 2^63 and 2^64, reals, unicode, escapes, undefined, toJSON, prototypes), errors included', () => {
    const rand = seededRandom(20261207);
    const options: FluxJsonStringifyOptions[] = [{}, { realStyle: 'python' }];
    let plain = 0;
    for (let i = 0; i < 20_000; i++) {
      const v = value(rand, 0);
      for (const o of options) {
        const fast = outcome(() => stringifyFluxJson(v, o));
        expect([i, fast]).toEqual([i, outcome(() => stringifyLosslessJson(v, o))]);
        if (fast.startsWith('ok') && !/[.]\d|e[+-]/.test(fast)) plain++;
      }
    }
    expect(plain).toBeGreaterThan(5_000);
  });

  it('writes a job-info.lookup request byte for byte, an id near 2^64 as its signed wire form', () => {
    const request = { id: -1n, keys: ['eventlog', 'jobspec'], flags: 3 };
    expect(stringifyFluxJson(request, { realStyle: 'python' })).toBe(
      '{"id":-1,"keys":["eventlog","jobspec"],"flags":3}',
    );
    expect(stringifyFluxJson({ id: 9223372036854775807n })).toBe('{"id":9223372036854775807}');
    expect(() => stringifyFluxJson({ id: 2n ** 64n - 1n })).toThrow(/signed 64-bit/);
    expect(() => stringifyFluxJson({ id: 2 ** 60 })).toThrow(/bigint/);
  });
});

describe('payload text: strict as before without a view of the bytes', () => {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const cases: Array<[string, Buffer]> = [
    ['plain JSON', Buffer.from('{"a":1}\0')],
    ['multi-byte characters right before the NUL', Buffer.from('{"a":"ƒ😀"}\0')],
    ['a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\0')])],
    ['a NUL before the end', Buffer.from('{"a":1}\0 \0')],
    ['a NUL first', Buffer.from('\0{"a":1}\0')],
    ['no NUL at the end', Buffer.from('{"a":1}')],
    ['an empty frame', Buffer.alloc(0)],
    ['the NUL alone', Buffer.from([0])],
    ['a truncated sequence before the NUL', Buffer.from([0x7b, 0x7d, 0xc3, 0])],
    ['a truncated 4-byte sequence before the NUL', Buffer.from([0x7b, 0x7d, 0xf0, 0x9f, 0x98, 0])],
    ['an invalid byte', Buffer.from([0x7b, 0xff, 0x7d, 0])],
  ];

  /** What payloadText answered before: the NUL checked, the bytes before it decoded, then no NUL inside. */
  function reference(bytes: Buffer): string {
    const error = 'error Flux protocol error: JSON payload';
    if (bytes.length === 0 || bytes[bytes.length - 1] !== 0) return `${error} does not end in NUL`;
    let text: string;
    try {
      text = strict.decode(bytes.subarray(0, bytes.length - 1));
    } catch {
      return `${error} is not valid UTF-8`;
    }
    return text.includes('\0') ? `${error} contains NUL before its end` : `ok ${text}`;
  }

  it.each(cases)('%s', (_what, bytes) => {
    let got: string;
    try {
      got = `ok ${payloadText(bytes)}`;
    } catch (error) {
      expect(error).toBeInstanceOf(FluxProtocolError);
      got = `error ${(error as Error).message}`;
    }
    expect(got).toBe(reference(bytes));
  });

  it('decodes a JSON payload from a view into a larger buffer (a socket chunk)', () => {
    const chunk = Buffer.from('xx{"id":18446744073709551615,"s":"ƒ"}\0yy');
    expect(decodeJsonPayload(chunk.subarray(2, chunk.length - 2))).toEqual({ id: 18446744073709551615n, s: 'ƒ' });
  });
});

describe('decodeMessageBody with its shared frame bounds', () => {
  const response = (over: Partial<FluxMessage>): FluxMessage => ({
    type: FLUX_MSGTYPE.RESPONSE,
    flags: FLUX_MSGFLAG.TOPIC | FLUX_MSGFLAG.PAYLOAD,
    userid: 1000,
    rolemask: 5,
    aux1: 0,
    aux2: 7,
    topic: 'job-info.lookup',
    payload: Buffer.from('{"id":1}\0'),
    ...over,
  });
  const body = (msg: FluxMessage): Buffer => encodeMessage(msg).subarray(8);
  const plain = (msg: FluxMessage): unknown => ({
    ...msg,
    payload: msg.payload ? Buffer.from(msg.payload).toString('hex') : undefined,
  });

  it('decodes each message alone, whatever the one before held (routes, more frames, an error)', () => {
    const routed = response({
      flags: FLUX_MSGFLAG.TOPIC | FLUX_MSGFLAG.PAYLOAD | FLUX_MSGFLAG.ROUTE,
      routes: ['a', 'bb', 'ccc', 'dddd', 'e', 'f'],
      aux2: 1,
    });
    const bare = response({ flags: 0, topic: undefined, payload: undefined, aux2: 2 });
    const topicOnly = response({ flags: FLUX_MSGFLAG.TOPIC, payload: undefined, topic: 'x', aux2: 3 });
    // Frames: routes, delimiter, topic, PROTO: MAX_ROUTES + 5 at most.
    const routes = (n: number): FluxMessage =>
      response({
        flags: FLUX_MSGFLAG.TOPIC | FLUX_MSGFLAG.ROUTE,
        routes: Array.from({ length: n }, (_, i) => `r${i}`),
        payload: undefined,
      });
    const most = routes(MAX_ROUTES + 2);
    const tooMany = routes(MAX_ROUTES + 3);
    const big = response({ payload: Buffer.from(`{"s":"${'x'.repeat(70_000)}"}\0`), aux2: 4 });
    for (const msg of [routed, bare, topicOnly, routed, big, bare, routed])
      expect(plain(decodeMessageBody(body(msg)))).toEqual(plain(msg));
    expect(plain(decodeMessageBody(body(most)))).toEqual(plain(most));
    expect(() => decodeMessageBody(body(tooMany))).toThrow(/more than/);
    expect(plain(decodeMessageBody(body(topicOnly)))).toEqual(plain(topicOnly));
    expect(() => decodeMessageBody(Buffer.alloc(0))).toThrow(/PROTO/);
    expect(plain(decodeMessageBody(body(bare)))).toEqual(plain(bare));
  });

  it('tells apart topics that share a prefix on one stream (the topic cache compares whole frames)', () => {
    const topics = ['job-info.lookup', 'job-info.lookupx', 'job-info.look', 'job-list.list', 'job-info.lookup'];
    const stream = Buffer.concat(
      Array.from({ length: 30 }, (_, i) => encodeMessage(response({ topic: topics[i % topics.length], aux2: i }))),
    );
    const got = new FluxDecoder().push(stream).map((m) => `${m.aux2} ${m.topic}`);
    expect(got).toEqual(Array.from({ length: 30 }, (_, i) => `${i} ${topics[i % topics.length]}`));
  });
});

describe('FluxDecoder.decodeEach (no generator) against decode', () => {
  const message = (aux2: number, payload: string): Buffer =>
    encodeMessage({
      type: FLUX_MSGTYPE.RESPONSE,
      flags: FLUX_MSGFLAG.TOPIC | FLUX_MSGFLAG.PAYLOAD | FLUX_MSGFLAG.ROUTE,
      userid: 1000,
      rolemask: 5,
      aux1: 0,
      aux2,
      routes: [],
      topic: 'job-info.lookup',
      payload: Buffer.from(`${payload}\0`),
    });
  const stream = Buffer.concat([
    message(1, '{"id":1}'),
    message(2, `{"s":"${'x'.repeat(300)}"}`),
    message(3, '{"id":18446744073709551615}'),
  ]);
  const seen = (msgs: FluxMessage[]): string[] =>
    msgs.map((m) => `${m.aux2} ${m.topic} ${Buffer.from(m.payload ?? []).toString()}`);

  it('gives the same messages as decode for the stream split at every byte boundary', () => {
    const expected = seen(new FluxDecoder().push(stream));
    expect(expected).toHaveLength(3);
    for (let cut = 0; cut <= stream.length; cut++) {
      const decoder = new FluxDecoder();
      const got: FluxMessage[] = [];
      for (const part of [stream.subarray(0, cut), stream.subarray(cut)])
        decoder.decodeEach(part, (m) => got.push(m) > 0);
      expect([cut, seen(got)]).toEqual([cut, expected]);
      expect(decoder.isIdle()).toBe(true);
    }
  });

  it('stops when told (the rest stays buffered), and a throwing consumer fails nothing in the decoder', () => {
    const decoder = new FluxDecoder();
    const got: FluxMessage[] = [];
    decoder.decodeEach(stream, (m) => (got.push(m), false));
    expect(got.map((m) => m.aux2)).toEqual([1]);
    expect(decoder.pendingBytes).toBe(stream.length - message(1, '{"id":1}').length);
    expect(() =>
      decoder.decodeEach(Buffer.alloc(0), () => {
        throw new FluxProtocolError('consumer');
      }),
    ).toThrow('consumer');
    // Message 2 went to the consumer that threw; decoding goes on with message 3.
    decoder.decodeEach(Buffer.alloc(0), (m) => got.push(m) > 0);
    expect(got.map((m) => m.aux2)).toEqual([1, 3]);
    expect(decoder.isIdle()).toBe(true);
  });

  it('fails for good on a broken stream, as decode does', () => {
    const decoder = new FluxDecoder();
    const broken = Buffer.from(stream);
    broken[message(1, '{"id":1}').length] = 0x13;
    const got: number[] = [];
    expect(() => decoder.decodeEach(broken, (m) => got.push(m.aux2) > 0)).toThrow(/bad stream magic/);
    expect(got).toEqual([1]);
    expect(() => decoder.decodeEach(message(4, '{}'), () => true)).toThrow(/bad stream magic/);
  });
});
