import { Socket } from 'node:net';
import { FLUX_MSGFLAG } from '../../../src/datasources/flux/flux-message';
import { fixtureDataset } from '../../support/flux-fixture-dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator, FluxSimulatorOptions } from '../../../src/simulators/flux/flux-simulator';
import { json, rawConnect, replies, request, RPC, text } from './sim-socket';
import type { RawClient } from './sim-socket';

describe('the simulator on its socket', () => {
  const sims: FluxSimulator[] = [];
  const clients: RawClient[] = [];
  const start = async (options: Partial<FluxSimulatorOptions> = {}): Promise<FluxSimulator> => {
    const sim = await startFluxSimulator({ dataset: fixtureDataset(), ...options });
    sims.push(sim);
    return sim;
  };
  const open = async (sim: FluxSimulator): Promise<RawClient> => {
    const client = await rawConnect(sim.socketPath);
    clients.push(client);
    await client.waitFor(1);
    return client;
  };
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.socket.destroy());
    await Promise.all(sims.splice(0).map((s) => s.close()));
  });

  it('rejects a peer other than the owner with EPERM and closes, unless guests are allowed', async () => {
    const rejecting = await start({ peerUid: 2000 });
    const client = await rawConnect(rejecting.socketPath);
    await client.closed;
    expect(client.received()).toEqual(Buffer.from([1]));
    const guestSim = await start({ peerUid: 2000, guestPolicy: 'allow' });
    const guest = await open(guestSim);
    guest.socket.write(request('job-info.lookup', json('{"id":320142835712,"keys":["J"],"flags":0}'), 3));
    await guest.waitFor(10);
    await new Promise((r) => setTimeout(r, 50));
    const [reply] = replies(guest);
    expect({ errnum: reply?.aux1, text: text(reply), userid: reply?.userid, rolemask: reply?.rolemask }).toEqual({
      errnum: 1,
      text: 'access is restricted to job/instance owner',
      userid: 1001,
      rolemask: 5,
    });
  });

  it('closes the connection without a reply on broken framing', async () => {
    const sim = await start();
    for (const garbage of [
      Buffer.from('GET / HTTP/1.1\r\n\r\n'),
      Buffer.from([0x12, 0x00, 0xee, 0xff, 0x7f, 0xff, 0xff, 0xff]),
      Buffer.from([0x12, 0x00, 0xee, 0xff, 0, 0, 0, 21, 20, ...Array(20).fill(0)]),
    ]) {
      const client = await open(sim);
      client.socket.write(garbage);
      await client.closed;
      expect(client.received()).toEqual(Buffer.from([0]));
    }
  });

  it('answers EPROTO to payloads without NUL, invalid JSON or JSON that is not an object; no payload to services that do not unpack', async () => {
    const sim = await start();
    const client = await open(sim);
    client.socket.write(request('job-list.list', Buffer.from('{"max_entries":0,"attrs":[]}'), 1));
    client.socket.write(request('job-list.list', json('{"max_entries":'), 2));
    client.socket.write(request('job-list.list', json('[]'), 3));
    client.socket.write(request('job-info.lookup', json('"x"'), 4));
    client.socket.write(request('job-list.job-stats', undefined, 5));
    await client.waitFor(300);
    await new Promise((r) => setTimeout(r, 100));
    const got = replies(client).map((m) => ({
      tag: m.aux2,
      errnum: m.aux1,
      flags: m.flags,
      text: m.aux1 ? text(m) : undefined,
    }));
    expect(got.slice(0, 4)).toEqual([
      { tag: 1, errnum: 71, flags: 0x0b, text: 'invalid payload: flux_msg_get_string: Protocol error' },
      { tag: 2, errnum: 71, flags: 0x0b, text: expect.stringMatching(/^invalid payload: /) as unknown as string },
      { tag: 3, errnum: 71, flags: 0x0b, text: 'invalid payload: Expected object, got array' },
      { tag: 4, errnum: 71, flags: 0x09, text: undefined },
    ]);
    expect(got[4]).toEqual({ tag: 5, errnum: 0, flags: 0x0b, text: undefined });
  });

  it('ends a watch on its cancel request (by connection and matchtag) and drops watchers on disconnect', async () => {
    const sim = await start();
    const watch = json('{"id":508483862528,"path":"eventlog","flags":0}');
    const a = await open(sim);
    const b = await open(sim);
    const base = sim.store.listenerCount('event');
    a.socket.write(request('job-info.eventlog-watch', watch, 7, RPC | FLUX_MSGFLAG.STREAMING));
    b.socket.write(request('job-info.eventlog-watch', watch, 7, RPC | FLUX_MSGFLAG.STREAMING));
    await Promise.all([a.waitFor(200), b.waitFor(200)]);
    expect(sim.store.listenerCount('event')).toBe(base + 2);
    a.socket.write(request('job-info.eventlog-watch-cancel', json('{"matchtag":7}'), 0, RPC | FLUX_MSGFLAG.NORESPONSE));
    await new Promise((r) => setTimeout(r, 100));
    const ended = replies(a);
    expect(ended.map((m) => m.aux1)).toEqual([0, 0, 0, 0, 61]);
    expect(ended[4]?.flags).toBe(0x49);
    expect(replies(b).map((m) => m.aux1)).toEqual([0, 0, 0, 0]);
    expect(sim.store.listenerCount('event')).toBe(base + 1);
    b.socket.destroy();
    await b.closed;
    await new Promise((r) => setTimeout(r, 50));
    expect(sim.store.listenerCount('event')).toBe(base);
  });

  it('replies once without version in pre-0.82 mode', async () => {
    const sim = await start({ preV082: true });
    const client = await open(sim);
    client.socket.write(
      request('job-list.list', json('{"max_entries":0,"attrs":["state"]}'), 9, RPC | FLUX_MSGFLAG.STREAMING),
    );
    await client.waitFor(100);
    await new Promise((r) => setTimeout(r, 100));
    const got = replies(client);
    expect(got).toHaveLength(1);
    expect(got[0]?.flags).toBe(0x4b);
    expect(JSON.parse(text(got[0]) ?? '{}')).not.toHaveProperty('version');
    expect((JSON.parse(text(got[0]) ?? '{}') as { jobs: unknown[] }).jobs).toHaveLength(14);
  });

  it('counts requests by topic and queues them while stalled', async () => {
    const sim = await start();
    const client = await open(sim);
    sim.stall(true);
    client.socket.write(request('attr.get', json('{"name":"size"}'), 11));
    await new Promise((r) => setTimeout(r, 100));
    expect(client.received()).toHaveLength(1);
    sim.stall(false);
    await client.waitFor(40);
    expect(text(replies(client)[0])).toBe('{"value":"1","flags":1}');
    expect(sim.requestCounts['attr.get']).toBe(1);
  });

  it('writes a turn of replies as each 64 KiB fills (not all at the end of the turn), the same bytes as one by one', async () => {
    const sim = await start();
    const ids = [...sim.store.all()].map((stored) => stored.job.id);
    const lookup = (i: number): Buffer =>
      request('job-info.lookup', json(`{"id":${ids[i % ids.length]},"keys":["eventlog","jobspec"],"flags":3}`), i + 1);
    // One by one: the reference replies.
    const single = await open(sim);
    for (let i = 0; i < ids.length; i++) {
      single.socket.write(lookup(i));
      for (let wait = 0; wait < 200 && replies(single).length <= i; wait++) await new Promise((r) => setTimeout(r, 5));
    }
    const answer = new Map(replies(single).map((m) => [m.aux2, text(m)]));
    expect(answer.size).toBe(ids.length);
    // 400 lookups in one write, served in one turn: ~14 x 64 KiB of replies. Count the simulator's corked writes.
    const burst = await open(sim);
    const corked: number[] = [];
    const uncork = Socket.prototype.uncork;
    Socket.prototype.uncork = function (this: Socket): void {
      if (this !== burst.socket && this !== single.socket) corked.push(this.writableLength);
      uncork.call(this);
    };
    try {
      burst.socket.write(Buffer.concat(Array.from({ length: 400 }, (_, i) => lookup(i))));
      for (let wait = 0; wait < 400 && replies(burst).length < 400; wait++) await new Promise((r) => setTimeout(r, 5));
    } finally {
      Socket.prototype.uncork = uncork;
    }
    const got = replies(burst);
    expect(got.map((m) => m.aux2)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    expect(got.map((m) => text(m))).toEqual(Array.from({ length: 400 }, (_, i) => answer.get((i % ids.length) + 1)));
    // The old simulator wrote the whole turn in ONE corked write at its end.
    expect(corked.length).toBeGreaterThanOrEqual(5);
  });
});
