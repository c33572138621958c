import {
  decodeMessageBody,
  encodeMessage,
  FluxDecoder,
  MAX_MESSAGE_SIZE,
  MessageWriter,
} from '../../../src/datasources/flux/flux-codec';
import {
  FLUX_MSGFLAG,
  FLUX_MSGTYPE,
  FLUX_NODEID_ANY,
  FLUX_USERID_UNKNOWN,
} from '../../../src/datasources/flux/flux-message';
import type { FluxMessage } from '../../../src/datasources/flux/flux-message';
import { FluxProtocolError } from '../../../src/datasources/flux/flux-protocol-error';
import {
  decodeJsonPayload,
  decodeTextPayload,
  encodeTextPayload,
  payloadText,
} from '../../../src/datasources/flux/flux-payload';
import { loadFluxFixtures } from '../../fixtures/flux/flux-fixtures';
import type { FixtureResponse } from '../../fixtures/flux/flux-fixtures';

const { handshake, cases } = loadFluxFixtures();

function asManifest(msg: FluxMessage): FixtureResponse {
  return {
    type: msg.type,
    flags: msg.flags,
    userid: msg.userid,
    rolemask: msg.rolemask,
    errnum: msg.aux1,
    matchtag: msg.aux2,
    topic: msg.topic ?? '',
    payload: msg.payload ? decodeTextPayload(msg.payload) : null,
  };
}

function request(topic: string, payload: string, matchtag: number, streaming: boolean): FluxMessage {
  const flags =
    FLUX_MSGFLAG.TOPIC | FLUX_MSGFLAG.PAYLOAD | FLUX_MSGFLAG.ROUTE | (streaming ? FLUX_MSGFLAG.STREAMING : 0);
  return {
    type: FLUX_MSGTYPE.REQUEST,
    flags,
    userid: FLUX_USERID_UNKNOWN,
    rolemask: 0,
    aux1: FLUX_NODEID_ANY,
    aux2: matchtag,
    routes: [],
    topic,
    payload: encodeTextPayload(payload),
  };
}

describe('Flux codec against the golden vectors', () => {
  it('has the accepted handshake byte', () => {
    expect([...handshake]).toEqual([0]);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: request encodes to the recorded bytes', (_name, c) => {
    const bytes = encodeMessage(request(c.request.topic, c.request.payload, c.request.matchtag, c.request.streaming));
    expect(bytes.toString('hex')).toBe(c.requestBytes.toString('hex'));
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s: responses decode to the manifest and re-encode byte for byte',
    (_name, c) => {
      const msgs = new FluxDecoder().push(c.responseBytes);
      expect(msgs.map(asManifest)).toEqual(c.responses);
      expect(Buffer.concat(msgs.map(encodeMessage)).equals(c.responseBytes)).toBe(true);
      for (const m of msgs) expect(m.routes).toEqual([]);
    },
  );

  it.each(cases.map((c) => [c.name, c] as const))('%s: request decodes back to its fields', (_name, c) => {
    const [msg] = new FluxDecoder().push(c.requestBytes);
    expect(msg).toMatchObject({
      type: 1,
      userid: FLUX_USERID_UNKNOWN,
      rolemask: 0,
      aux1: FLUX_NODEID_ANY,
      aux2: c.request.matchtag,
      topic: c.request.topic,
    });
    expect(payloadText(msg!.payload!)).toBe(c.request.payload);
  });

  it('decodes every fixture stream split at every byte boundary, and byte by byte', () => {
    const all = Buffer.concat(cases.flatMap((c) => [c.requestBytes, c.responseBytes]));
    const expected = new FluxDecoder().push(all).map((m) => encodeMessage(m).toString('hex'));
    for (const c of cases) {
      const whole = new FluxDecoder().push(c.responseBytes).map(asManifest);
      for (let at = 0; at <= c.responseBytes.length; at++) {
        const d = new FluxDecoder();
        const got = [...d.push(c.responseBytes.subarray(0, at)), ...d.push(c.responseBytes.subarray(at))];
        expect(got.map(asManifest)).toEqual(whole);
        expect(d.isIdle()).toBe(true);
      }
    }
    const d = new FluxDecoder();
    const got: string[] = [];
    for (let i = 0; i < all.length; i++)
      got.push(...d.push(all.subarray(i, i + 1)).map((m) => encodeMessage(m).toString('hex')));
    expect(got).toEqual(expected);
  });

  it('reads the JSON payloads as objects with exact integers', () => {
    const list = cases.find((c) => c.name === '02-list-all-streaming')!;
    const msgs = new FluxDecoder().push(list.responseBytes);
    const first = decodeJsonPayload(msgs[0]!.payload!);
    expect(first.version).toBe(1);
    expect((first.jobs as Array<Record<string, unknown>>)[0]!.dependencies).toEqual(['after-success=ƒEC6YN4P']);
    expect(msgs.at(-1)).toMatchObject({ flags: 0x49, aux1: 61 });
    expect(msgs.at(-1)!.payload).toBeUndefined();
  });
});

describe('Flux decoder on malformed input', () => {
  const good = cases.find((c) => c.name === '19-attr-get')!.responseBytes;
  const mutate = (at: number, byte: number): Buffer => {
    const b = Buffer.from(good);
    b[at] = byte;
    return b;
  };
  const protoAt = good.length - 20;

  it.each([
    ['wrong magic', mutate(0, 0x13)],
    ['length below 21', Buffer.from('1200eeff00000014', 'hex')],
    ['length of gigabytes', Buffer.from('1200eeff40000000', 'hex')],
    [
      'length just over the cap',
      Buffer.concat([Buffer.from('1200eeff', 'hex'), Buffer.from([(MAX_MESSAGE_SIZE + 1) >>> 24, 0, 0, 1])]),
    ],
    ['bad PROTO magic', mutate(protoAt, 0x8f)],
    ['bad PROTO version', mutate(protoAt + 1, 2)],
    ['bad message type', mutate(protoAt + 2, 3)],
    ['NORESPONSE with STREAMING', mutate(protoAt + 3, 0x4f)],
    ['TOPIC flag cleared (extra frame)', mutate(protoAt + 3, 0x0a)],
    ['ROUTE cleared (delimiter left over)', mutate(protoAt + 3, 0x03)],
    ['frame overrunning the message', mutate(9, 0x30)],
    ['topic not UTF-8', mutate(10, 0xc3)],
  ])('%s: typed protocol error', (_name, bytes) => {
    const d = new FluxDecoder();
    expect(() => d.push(bytes)).toThrow(FluxProtocolError);
    expect(() => d.push(Buffer.alloc(0))).toThrow(FluxProtocolError);
  });

  it('round-trips the smallest valid message (21 bytes: the PROTO frame alone, as a keepalive is)', () => {
    const keepalive: FluxMessage = {
      type: FLUX_MSGTYPE.CONTROL,
      flags: 0,
      userid: FLUX_USERID_UNKNOWN,
      rolemask: 0,
      aux1: 0,
      aux2: 0,
    };
    const bytes = encodeMessage(keepalive);
    expect(bytes.length).toBe(8 + 21);
    expect(bytes.readUInt32BE(4)).toBe(21);
    const d = new FluxDecoder();
    const [decoded, ...rest] = d.push(bytes);
    expect(rest).toEqual([]);
    expect(decoded).toMatchObject({ ...keepalive });
    expect(d.isIdle()).toBe(true);
  });

  it('rejects a gigabyte length from the header alone, buffering nothing', () => {
    const d = new FluxDecoder();
    expect(() => d.push(Buffer.from('1200eeffffffffff', 'hex'))).toThrow(/length/);
    expect(d.pendingBytes).toBe(0);
  });

  it('waits for a truncated message without yielding or throwing', () => {
    const d = new FluxDecoder();
    expect(d.push(good.subarray(0, good.length - 1))).toEqual([]);
    expect(d.isIdle()).toBe(false);
    expect(d.push(good.subarray(good.length - 1))).toHaveLength(1);
  });

  it('rejects a body whose frames do not fill the length', () => {
    const body = Buffer.from(good.subarray(8));
    expect(() => decodeMessageBody(body.subarray(0, body.length - 1))).toThrow(FluxProtocolError);
    expect(() => decodeMessageBody(Buffer.concat([Buffer.from([0]), body]))).toThrow(FluxProtocolError);
  });

  it('rejects too many route frames without building them', () => {
    const frames = Buffer.alloc(100000, 0x01);
    for (let i = 0; i < frames.length; i += 2) frames[i + 1] = 0x41;
    expect(() => decodeMessageBody(Buffer.concat([frames, good.subarray(good.length - 21)]))).toThrow(/frames/);
  });

  it.each([
    ['no NUL', Buffer.from('{}')],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d, 0])],
    ['not JSON', Buffer.from('{"a":\0')],
    ['an array', Buffer.from('[1]\0')],
    ['a number', Buffer.from('1\0')],
    ['null', Buffer.from('null\0')],
    ['NUL inside', Buffer.from('{}\0{}\0')],
  ])('JSON payload with %s: typed protocol error', (_name, bytes) => {
    expect(() => decodeJsonPayload(bytes)).toThrow(FluxProtocolError);
  });

  it('refuses to encode fields that disagree with the flags', () => {
    const base = request('a.b', '{}', 1, false);
    expect(() =>
      encodeMessage({ ...base, flags: base.flags | FLUX_MSGFLAG.NORESPONSE | FLUX_MSGFLAG.STREAMING }),
    ).toThrow(RangeError);
    expect(() => encodeMessage({ ...base, topic: 'a\0b' })).toThrow(RangeError);
    expect(() => encodeMessage({ ...base, flags: FLUX_MSGFLAG.ROUTE })).toThrow(RangeError);
    expect(() => encodeMessage({ ...base, aux2: -1 })).toThrow(RangeError);
  });

  it('writes frames of 255 bytes and more in the long form', () => {
    const payload = Buffer.alloc(255, 0x61);
    const bytes = encodeMessage({ ...request('t', '', 2, false), payload });
    expect(bytes.subarray(8 + 1 + 2, 8 + 1 + 2 + 5).toString('hex')).toBe('ff000000ff');
    expect(Buffer.from(new FluxDecoder().push(bytes)[0]!.payload!).equals(payload)).toBe(true);
  });
});

describe('MessageWriter', () => {
  const message = (i: number, payloadBytes: number): FluxMessage => ({
    type: FLUX_MSGTYPE.RESPONSE,
    flags: FLUX_MSGFLAG.TOPIC | FLUX_MSGFLAG.PAYLOAD | FLUX_MSGFLAG.ROUTE | FLUX_MSGFLAG.STREAMING,
    userid: 1001,
    rolemask: 5,
    aux1: 0,
    aux2: i,
    routes: [],
    topic: 'job-list.list',
    payload: encodeTextPayload(`{"jobs":[{"id":${i},"pad":"${'x'.repeat(payloadBytes)}"}]}`),
  });

  it('writes the same bytes as encodeMessage, across chunk boundaries, oversized messages and recycled chunks', () => {
    const writer = new MessageWriter(4096);
    const expected: Buffer[] = [];
    const written: Buffer[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 1; i <= 200; i++) {
        const msg = message(round * 1000 + i, i % 50 === 0 ? 6000 : (i * 37) % 900);
        expected.push(encodeMessage(msg));
        writer.append(msg);
      }
      const chunks = writer.take();
      expect(writer.size).toBe(0);
      // Copy out, then recycle: the next round reuses these chunks and must not corrupt what was taken.
      written.push(...chunks.map((c) => Buffer.from(c)));
      for (const chunk of chunks) writer.recycle(chunk);
    }
    expect(Buffer.concat(written).equals(Buffer.concat(expected))).toBe(true);
    const decoded = [...new FluxDecoder().decode(Buffer.concat(written))];
    expect(decoded.map((m) => m.aux2)).toEqual(expected.map((_, k) => Math.floor(k / 200) * 1000 + (k % 200) + 1));
  });
});
