import { getEventListeners } from 'node:events';
import { Socket } from 'node:net';
import { FluxRpcClient } from '../../../src/datasources/flux/flux-rpc';
import { FluxConnectionError, FluxRpcError, FluxTimeoutError } from '../../../src/datasources/flux/flux-rpc-error';
import { parseFluxJson } from '../../../src/datasources/flux/flux-json';
import { FluxProtocolError } from '../../../src/datasources/flux/flux-protocol-error';
import { loadFluxFixtures } from '../../fixtures/flux/flux-fixtures';
import { startReplayBroker } from './replay-broker';

type Broker = Awaited<ReturnType<typeof startReplayBroker>>;
const { cases } = loadFluxFixtures();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

async function setup(
  options: Parameters<typeof startReplayBroker>[0] = {},
  clientOptions: Partial<ConstructorParameters<typeof FluxRpcClient>[0]> = {},
): Promise<{ broker: Broker; client: FluxRpcClient }> {
  const broker = await startReplayBroker(options);
  const client = new FluxRpcClient({ uri: `local://${broker.path}`, ...clientOptions });
  cleanups.push(
    () => broker.close(),
    () => client.close(),
  );
  return { broker, client };
}

function withTag(bytes: Buffer, tag: number): string {
  const copy = Buffer.from(bytes);
  copy.writeUInt32BE(tag, copy.length - 4);
  return copy.toString('hex');
}

describe('FluxRpcClient against the recorded broker', () => {
  it('sends every fixture request byte for byte (but the matchtag) and reads its replies', async () => {
    const { broker, client } = await setup();
    for (const c of cases) {
      const payload = parseFluxJson(c.request.payload, { reals: 'wrap' }) as Record<string, unknown>;
      const expected = c.responses.map((r) =>
        r.errnum === 0 ? { ok: parseFluxJson(r.payload!) } : { errnum: r.errnum, text: r.payload ?? undefined },
      );
      const got: unknown[] = [];
      try {
        if (c.request.streaming) for await (const v of client.stream(c.request.topic, payload)) got.push({ ok: v });
        else got.push({ ok: await client.call(c.request.topic, payload) });
      } catch (err) {
        expect(err).toBeInstanceOf(FluxRpcError);
        got.push({ errnum: (err as FluxRpcError).errnum, text: (err as FluxRpcError).brokerMessage });
      }
      const wanted = expected.filter((e) => !('errnum' in e && e.errnum === 61 && c.request.streaming));
      expect(got).toEqual(wanted);
      const sent = broker.requests.at(-1)!;
      expect(sent.bytes.toString('hex')).toBe(withTag(c.requestBytes, sent.matchtag));
    }
    expect(client.rpcCounts()['job-list.list']).toBe(7);
    expect(client.load.inFlight).toBe(0);
  });

  it('types broker errors with errnum, errno name and text', async () => {
    const { client } = await setup();
    const err = await client.call('nosuch.method', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FluxRpcError);
    expect(err).toMatchObject({
      errnum: 38,
      errno: 'ENOSYS',
      brokerMessage: 'No service matching nosuch.method is registered',
    });
    const noText = await client.call('job-list.list-id', { id: 12345, attrs: ['all'] }).catch((e: unknown) => e);
    expect(noText).toMatchObject({
      errnum: 2,
      errno: 'ENOENT',
      brokerMessage: undefined,
      message: 'job-list.list-id: ENOENT',
    });
  });

  it('fails with the errno of a refusing handshake and does not retry EPERM', async () => {
    const { broker, client } = await setup({ handshake: 1 });
    const err = await client.call('attr.get', { name: 'size' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FluxConnectionError);
    expect((err as Error).message).toMatch(/^EPERM: the gateway's Unix user may not connect/);
    expect(broker.connections()).toBe(1);
  });

  it('fails with a connection error when nothing listens', async () => {
    const client = new FluxRpcClient({
      uri: 'local:///nonexistent/flux/local',
      connectAttempts: 2,
      backoffInitialMs: 1,
    });
    cleanups.push(() => client.close());
    const err = await client.call('attr.get', { name: 'size' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FluxConnectionError);
    expect(err).toMatchObject({ errno: 'ENOENT' });
  });

  it('cancels a stream with its cancel topic (flags 0F, matchtag 0) and frees the tag', async () => {
    const { broker, client } = await setup();
    const seen: unknown[] = [];
    for await (const item of client.stream('test.watch', {}, { cancelTopic: 'test.watch-cancel' })) {
      seen.push(item.i);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([0, 1, 2]);
    const watch = broker.requests.find((r) => r.topic === 'test.watch')!;
    await waitFor(() => client.load.inFlight === 0);
    const cancel = broker.requests.find((r) => r.topic === 'test.watch-cancel')!;
    expect(cancel).toMatchObject({ flags: 0x0f, matchtag: 0, payload: `{"matchtag":${watch.matchtag}}` });
    expect(watch.flags).toBe(0x4b);
  });

  it("a stream's cancel sent in the same tick as close() still reaches the broker (written before the end)", async () => {
    const { broker, client } = await setup();
    const stream = client.stream('test.watch', {}, { cancelTopic: 'test.watch-cancel' });
    await stream.next();
    const ended = stream.return();
    const closed = client.close();
    await ended;
    await closed;
    await waitFor(() => broker.requests.some((r) => r.topic === 'test.watch-cancel'));
  });

  it('cancels a stream through an AbortSignal', async () => {
    const { client } = await setup();
    const controller = new AbortController();
    const stream = client.stream('test.watch', {}, { cancelTopic: 'test.watch-cancel', signal: controller.signal });
    await stream.next();
    controller.abort(new Error('caller went away'));
    await expect(drain(stream)).rejects.toThrow('caller went away');
    await waitFor(() => client.load.inFlight === 0);
  });

  it('times out a stalled call and a silent stream, keeping the tag until the connection is recycled', async () => {
    const { client } = await setup({ stall: ['attr.get'] });
    const started = Date.now();
    await expect(client.call('attr.get', { name: 'size' }, { timeoutMs: 150 })).rejects.toBeInstanceOf(
      FluxTimeoutError,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(drain(client.stream('attr.get', {}, { idleTimeoutMs: 100 }))).rejects.toThrow(
      /no next item .* within 100 ms/,
    );
    expect(client.load.inFlight).toBe(2);
    expect(await client.call('job-list.job-stats', {})).toHaveProperty('successful', 7);
  });

  it('counts the deadline from the moment an RPC holds a slot, not while it queues', async () => {
    const { client } = await setup({ stall: ['attr.get'] }, { maxInFlight: 1 });
    const stalled = client.call('attr.get', {}, { timeoutMs: 400 }).catch((e: unknown) => e);
    const queued = client.call('job-list.job-stats', {}, { timeoutMs: 250 });
    expect(client.load).toEqual({ inFlight: 1, queued: 1 });
    expect(await stalled).toBeInstanceOf(FluxTimeoutError);
    await expect(queued).resolves.toHaveProperty('successful', 7);
  });

  it('a call aborted while queued never reaches the broker; one aborted after sending keeps its tag (abandoned)', async () => {
    const { broker, client } = await setup({ stall: ['attr.get'] }, { maxInFlight: 2 });
    const sent = new AbortController();
    const stalled = client.call('attr.get', { name: 'size' }, { signal: sent.signal }).catch((e: unknown) => e);
    const holder = client.call('attr.get', { name: 'rank' }).catch((e: unknown) => e);
    const queued = new AbortController();
    const waiting = client.call('job-list.job-stats', {}, { signal: queued.signal }).catch((e: unknown) => e);
    expect(client.load).toEqual({ inFlight: 2, queued: 1 });
    queued.abort(new Error('left the queue'));
    expect(await waiting).toEqual(new Error('left the queue'));
    expect(client.load).toEqual({ inFlight: 2, queued: 0 });
    await waitFor(() => broker.requests.filter((r) => r.topic === 'attr.get').length === 2);
    sent.abort(new Error('gave up'));
    expect(await stalled).toEqual(new Error('gave up'));
    expect(client.load.inFlight).toBe(2);
    expect(broker.requests.some((r) => r.topic === 'job-list.job-stats')).toBe(false);
    await client.close();
    expect(await holder).toBeInstanceOf(FluxConnectionError);
  });

  it('aborts a call through its signal', async () => {
    const { client } = await setup({ stall: ['attr.get'] });
    const controller = new AbortController();
    const pending = client.call('attr.get', {}, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('no longer needed')), 20);
    await expect(pending).rejects.toThrow('no longer needed');
  });

  it('calls sharing one signal: one abort listener on it, each call rejects with the reason, in order, tags kept', async () => {
    const { broker, client } = await setup({ stall: ['attr.get'] }, { maxInFlight: 512 });
    const warnings: Error[] = [];
    const onWarning = (w: Error): number => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const shared = new AbortController();
      const answered = await Promise.all(
        Array.from({ length: 300 }, (_, n) => client.call('test.echo', { n }, { signal: shared.signal })),
      );
      expect(answered.map((r) => r.n)).toEqual(Array.from({ length: 300 }, (_, n) => n));
      const order: number[] = [];
      const stalled = Array.from({ length: 300 }, (_, n) =>
        client.call('attr.get', { name: `k${n}` }, { signal: shared.signal }).catch((e: unknown) => {
          order.push(n);
          return e;
        }),
      );
      await waitFor(() => broker.requests.filter((r) => r.topic === 'attr.get').length === 300);
      expect(getEventListeners(shared.signal, 'abort')).toHaveLength(1);
      const reason = new Error('page given up');
      shared.abort(reason);
      for (const e of await Promise.all(stalled)) expect(e).toBe(reason);
      expect(order).toEqual(Array.from({ length: 300 }, (_, n) => n));
      // Abandoned, not released: the tags wait for the broker's replies.
      expect(client.load.inFlight).toBe(300);
      // A signal aborted already refuses at once; a fresh one starts with no listener left behind.
      await expect(client.call('test.echo', { n: 1 }, { signal: shared.signal })).rejects.toBe(reason);
      const next = new AbortController();
      await client.call('test.echo', { n: 2 }, { signal: next.signal });
      next.abort(new Error('late'));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('fails every pending RPC at once when the broker dies mid-stream, then reconnects', async () => {
    const { broker, client } = await setup({ stall: ['attr.get'] });
    const stream = client.stream('test.watch', {}, { cancelTopic: 'test.watch-cancel' });
    await stream.next();
    const calls = Array.from({ length: 5 }, () => client.call('attr.get', {}).catch((e: unknown) => e));
    await waitFor(() => broker.requests.filter((r) => r.topic === 'attr.get').length === 5);
    const killedAt = Date.now();
    await broker.kill();
    const errors = await Promise.all(calls);
    const streamError = await drain(stream).catch((e: unknown) => e);
    expect(Date.now() - killedAt).toBeLessThan(1000);
    for (const e of [...errors, streamError])
      expect(e).toMatchObject({ name: 'FluxConnectionError', errno: 'ECONNRESET' });
    expect(client.load.inFlight).toBe(0);
    const restarted = await startReplayBroker({ path: broker.path });
    cleanups.push(() => restarted.close());
    expect(await client.call('job-list.job-stats', {})).toHaveProperty('failed', 1);
    expect(restarted.requests[0]!.matchtag).toBe(1);
  });

  it.each([
    ['test.garbage', /bad stream magic/],
    ['test.array', /not an object/],
  ])('%s: protocol error for every pending RPC, connection closed, next call reconnects', async (topic, why) => {
    const { broker, client } = await setup({ stall: ['attr.get'] });
    const stalled = client.call('attr.get', {}).catch((e: unknown) => e);
    await waitFor(() => broker.requests.length === 1);
    const err = await client.call(topic, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FluxProtocolError);
    expect((err as Error).message).toMatch(why);
    expect(await stalled).toBe(err);
    expect(await client.call('job-list.job-stats', {})).toHaveProperty('successful', 7);
    expect(broker.connections()).toBe(2);
  });

  it('delivers a fast stream in order through a small buffer (the connection pauses, then resumes)', async () => {
    const { client } = await setup({}, { streamHighWater: 8 });
    const seen: number[] = [];
    for await (const item of client.stream('test.burst', { n: 500 })) {
      seen.push(item.i as number);
      if (seen.length % 50 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    expect(seen).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(await client.call('job-list.job-stats', {})).toHaveProperty('successful', 7);
  });

  it("a tick's requests past 16 KiB start leaving within the tick (the broker starts on them while the rest are encoded), in order", async () => {
    const { broker, client } = await setup();
    await client.call('test.echo', { n: -1 });
    const writes: number[] = [];
    const write = Socket.prototype.write;
    let sending = true;
    Socket.prototype.write = function (this: Socket, ...args: unknown[]): boolean {
      if (sending) writes.push((args[0] as Buffer).length);
      return (write as (...all: unknown[]) => boolean).apply(this, args);
    } as typeof write;
    let calls: Array<Promise<Record<string, unknown>>>;
    try {
      // 200 requests of ~150 bytes: ~30 KiB encoded in this one synchronous loop.
      calls = Array.from({ length: 200 }, (_, n) => client.call('test.echo', { n, pad: 'x'.repeat(100) }));
    } finally {
      sending = false;
      Socket.prototype.write = write;
    }
    // Before, nothing left until the next tick.
    expect(writes.length).toBeGreaterThanOrEqual(1);
    expect(writes.every((bytes) => bytes >= 16 * 1024)).toBe(true);
    const results = await Promise.all(calls);
    expect(results.map((r) => r.n)).toEqual(Array.from({ length: 200 }, (_, n) => n));
    expect(broker.requests.slice(1).map((r) => (JSON.parse(r.payload) as { n: number }).n)).toEqual(
      Array.from({ length: 200 }, (_, n) => n),
    );
  });

  it('matches 10,000 concurrent RPCs on one connection to their callers', async () => {
    const { broker, client } = await setup({}, { maxInFlight: 512 });
    const results = await Promise.all(Array.from({ length: 10_000 }, (_, n) => client.call('test.echo', { n })));
    expect(results.map((r) => r.n)).toEqual(Array.from({ length: 10_000 }, (_, n) => n));
    expect(broker.connections()).toBe(1);
    const tags = broker.requests.map((r) => r.matchtag);
    expect(Math.min(...tags)).toBeGreaterThan(0);
    expect(Math.max(...tags)).toBeLessThanOrEqual(10_000);
    expect(client.load).toEqual({ inFlight: 0, queued: 0 });
  });
});

async function drain(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const v of stream) out.push(v);
  return out;
}

async function waitFor(condition: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
