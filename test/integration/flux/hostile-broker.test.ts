import { encodeMessage } from '../../../src/datasources/flux/flux-codec';
import { FLUX_MSGFLAG, FLUX_MSGTYPE } from '../../../src/datasources/flux/flux-message';
import { encodeJsonPayload } from '../../../src/datasources/flux/flux-payload';
import { FluxProtocolError } from '../../../src/datasources/flux/flux-protocol-error';
import { FluxConnectionError, FluxRpcError, FluxTimeoutError } from '../../../src/datasources/flux/flux-rpc-error';
import { FluxRpcClient } from '../../../src/datasources/flux/flux-rpc';
import { startScriptedFluxBroker } from '../../support/garbage-flux-broker';
import type { ScriptedFluxBroker } from '../../support/garbage-flux-broker';
import { seededRandom } from '../../support/seeded-random';

const FRAMES = Number(process.env['JOBGRAPH_FUZZ_FLUX_FRAMES'] ?? 10_000);

/** Ways a hostile or broken broker can answer; each yields the bytes written before the socket closes. */
const MUTATIONS: Record<string, (valid: Buffer, random: () => number) => Buffer> = {
  truncated: (b, r) => b.subarray(0, Math.floor(r() * b.length)),
  'wrong magic': (b) => Buffer.concat([Buffer.from([0x13, 0x00, 0xee, 0xff]), b.subarray(4)]),
  'gigabyte length': (b) => {
    const c = Buffer.from(b);
    c.writeUInt32BE(0xfffffff0, 4);
    return c;
  },
  'bad flags': (b, r) => {
    const c = Buffer.from(b);
    c[c.length - 17] = Math.floor(r() * 256);
    return c;
  },
  'bad proto magic': (b) => {
    const c = Buffer.from(b);
    c[c.length - 20] = 0x8f;
    return c;
  },
  'bad type': (b) => {
    const c = Buffer.from(b);
    c[c.length - 18] = 0x03;
    return c;
  },
  'invalid utf-8': (b) => {
    const c = Buffer.from(b);
    const at = c.indexOf('{"v"');
    if (at > 0) {
      c[at + 2] = 0xc3;
      c[at + 3] = 0x28;
    }
    return c;
  },
  'json not an object': (_b, r) =>
    response(Buffer.from(`${['[1,2]', '42', 'null', '"x"', '{"a":', 'NaN'][Math.floor(r() * 6)]}\0`)),
  'payload without NUL': () => response(Buffer.from('{"v":1}')),
  'byte flips': (b, r) => {
    const c = Buffer.from(b);
    for (let i = 0; i < 3; i++) {
      const at = Math.floor(r() * c.length);
      c[at] = (c[at] ?? 0) ^ (1 + Math.floor(r() * 255));
    }
    return c;
  },
  garbage: (_b, r) => Buffer.from(Array.from({ length: 1 + Math.floor(r() * 200) }, () => Math.floor(r() * 256))),
  'length too short': (b) => {
    const c = Buffer.from(b);
    c.writeUInt32BE(5, 4);
    return c;
  },
};
let matchtag = 1;
function response(payload: Buffer): Buffer {
  return encodeMessage({
    type: FLUX_MSGTYPE.RESPONSE,
    flags: FLUX_MSGFLAG.TOPIC | FLUX_MSGFLAG.PAYLOAD | FLUX_MSGFLAG.ROUTE,
    userid: 1001,
    rolemask: 5,
    aux1: 0,
    aux2: matchtag,
    routes: [],
    topic: 'test.hostile',
    payload,
  });
}

describe(`a hostile broker sending ${FRAMES} malformed frames`, () => {
  let broker: ScriptedFluxBroker;
  let served = 0;
  const random = seededRandom(4242);
  const names = Object.keys(MUTATIONS);
  beforeAll(async () => {
    broker = await startScriptedFluxBroker((socket, request) => {
      matchtag = request.aux2;
      const name = names[served % names.length] as string;
      served += 1;
      const valid = response(encodeJsonPayload({ v: 1, text: 'ƒ ok' }));
      socket.end((MUTATIONS[name] as (b: Buffer, r: () => number) => Buffer)(valid, random));
    });
  });
  afterAll(() => broker.close());

  it('fails every call with a typed error, never crashes, hangs or grows without bound', async () => {
    const client = new FluxRpcClient({
      uri: broker.uri,
      timeoutMs: 2_000,
      backoffInitialMs: 0,
      backoffMaxMs: 0,
      connectAttempts: 1,
    });
    const outcomes: Record<string, number> = {};
    const before = process.memoryUsage().rss;
    const started = Date.now();
    try {
      for (let i = 0; i < FRAMES; i += 1) {
        const outcome = await client.call('test.hostile', { i }).then(
          () => 'answered',
          (error: unknown) => {
            if (error instanceof FluxProtocolError) return 'protocol error';
            if (error instanceof FluxConnectionError) return 'connection error';
            if (error instanceof FluxRpcError) return 'rpc error';
            if (error instanceof FluxTimeoutError) return 'timeout';
            throw new Error(`call ${i} failed with an untyped error: ${String(error)}`);
          },
        );
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
    } finally {
      await client.close();
    }
    const growthMb = (process.memoryUsage().rss - before) / 2 ** 20;
    expect(served).toBe(FRAMES);
    expect((outcomes['protocol error'] ?? 0) + (outcomes['connection error'] ?? 0)).toBeGreaterThan(FRAMES / 2);
    expect(outcomes['timeout'] ?? 0).toBe(0);
    expect(growthMb).toBeLessThan(200);
    expect(Date.now() - started).toBeLessThan(240_000);
  }, 300_000);
});
