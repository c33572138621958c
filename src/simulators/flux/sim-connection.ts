import type { Socket } from 'node:net';
import { FluxDecoder, MessageWriter } from '../../datasources/flux/flux-codec';
import { FLUX_MSGFLAG, FLUX_MSGTYPE, FLUX_ROLE } from '../../datasources/flux/flux-message';
import type { FluxMessage } from '../../datasources/flux/flux-message';
import { encodeTextPayload } from '../../datasources/flux/flux-payload';
import { FluxProtocolError } from '../../datasources/flux/flux-protocol-error';
import { CANCEL_TOPICS } from './broker-services';
import { dispatchRequest } from './request-dispatch';
import type { SimBroker } from './request-dispatch';
import type { SimCaller, SimReply } from './sim-service';

/** What a connection asks of its simulator. */
export interface ConnectionHooks {
  /** Resolves when the simulator is not stalled. */
  gate(): Promise<void>;
  /** Whether the simulator is stalled now (its writes then wait for {@link gate}). */
  stalled(): boolean;
  /** Delay before each request is served, ms. */
  delayMs(): number;
  /** Counts a request by topic (and shows its payload to `onRequest`). */
  count(topic: string, payload: Uint8Array | undefined): void;
  /** uid stamped on every reply (the instance owner). */
  ownerUid: number;
}

const FLUSH_BYTES = 64 * 1024;
const RESPONSE_ROLES = FLUX_ROLE.OWNER | FLUX_ROLE.LOCAL;

/** The reply message to `req` (contract §2): ROUTE + empty stack, its topic, matchtag and STREAMING. */
function replyMessage(req: FluxMessage, reply: SimReply, ownerUid: number): FluxMessage {
  const text = 'json' in reply ? reply.json : 'errnum' in reply ? reply.text : undefined;
  const payload = 'frame' in reply ? reply.frame : text === undefined ? undefined : encodeTextPayload(text);
  const flags =
    FLUX_MSGFLAG.TOPIC |
    FLUX_MSGFLAG.ROUTE |
    (payload ? FLUX_MSGFLAG.PAYLOAD : 0) |
    (req.flags & FLUX_MSGFLAG.STREAMING);
  return {
    type: FLUX_MSGTYPE.RESPONSE,
    flags,
    userid: ownerUid,
    rolemask: RESPONSE_ROLES,
    aux1: 'errnum' in reply ? reply.errnum : 0,
    aux2: req.aux2,
    routes: [],
    topic: req.topic,
    payload,
  };
}

/**
 * One client connection of the simulated broker: decodes requests (broken framing closes the
 * connection without a reply, as connector-local does), serves each concurrently, writes replies
 * in batches respecting backpressure, ends streams on cancel requests and everything on close.
 */
export class SimConnection {
  private readonly decoder = new FluxDecoder();
  private readonly streams = new Map<number, { topic: string; abort: AbortController }>();
  private readonly output = new MessageWriter(FLUSH_BYTES);
  /** One wait for 'drain' shared by every request being served (not a listener each). */
  private drain: Promise<void> | undefined;
  /** The write scheduled for the end of this turn, shared by every reply queued in it. */
  private writing: Promise<boolean> | undefined;
  /** The delay timer of this turn's requests. */
  private wait: { ms: number; done: Promise<void> } | undefined;

  constructor(
    readonly socket: Socket,
    private readonly broker: SimBroker,
    private readonly caller: SimCaller,
    private readonly hooks: ConnectionHooks,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => {
      for (const s of this.streams.values()) s.abort.abort();
      this.streams.clear();
    });
    socket.on('error', () => socket.destroy());
  }

  private onData(chunk: Buffer): void {
    try {
      for (const msg of this.decoder.decode(chunk)) this.onMessage(msg);
    } catch (err) {
      if (!(err instanceof FluxProtocolError)) throw err;
      this.socket.destroy();
    }
  }

  private onMessage(msg: FluxMessage): void {
    if (msg.type !== FLUX_MSGTYPE.REQUEST || msg.topic === undefined) return;
    this.hooks.count(msg.topic, msg.payload);
    const streamTopic = CANCEL_TOPICS.get(msg.topic);
    if (streamTopic !== undefined) return this.cancel(msg, streamTopic);
    if (msg.flags & FLUX_MSGFLAG.NORESPONSE) return;
    const abort = new AbortController();
    this.streams.set(msg.aux2, { topic: msg.topic, abort });
    void this.serve(msg, abort).finally(() => {
      if (this.streams.get(msg.aux2)?.abort === abort) this.streams.delete(msg.aux2);
    });
  }

  /** Ends the stream with the matchtag named in the payload, if it is one of `topic` on this connection. */
  private cancel(msg: FluxMessage, topic: string): void {
    const text = msg.payload ? Buffer.from(msg.payload).toString('utf8').replace(/\0$/, '') : '';
    const match = /"matchtag"\s*:\s*(\d+)/.exec(text);
    const stream = match ? this.streams.get(Number(match[1])) : undefined;
    if (stream && stream.topic === topic) stream.abort.abort();
  }

  private async serve(msg: FluxMessage, abort: AbortController): Promise<void> {
    await this.hooks.gate();
    const delay = this.hooks.delayMs();
    if (delay > 0) await this.delayed(delay);
    if (this.socket.destroyed) return;
    const req = {
      topic: msg.topic as string,
      payload: msg.payload,
      streaming: (msg.flags & FLUX_MSGFLAG.STREAMING) !== 0,
    };
    const result = dispatchRequest(this.broker, this.caller, req, abort.signal);
    if (Symbol.asyncIterator in result) {
      for await (const reply of result) {
        this.output.append(replyMessage(msg, reply, this.hooks.ownerUid));
        if (!(await this.flush())) break;
      }
      return;
    }
    for (const reply of result) {
      this.output.append(replyMessage(msg, reply, this.hooks.ownerUid));
      if (this.output.size >= FLUSH_BYTES && !(await this.flush())) return;
    }
    await this.flush();
  }

  /**
   * Waits `ms`; the requests served in one turn of the event loop share one timer. Node starts
   * every timer set in one turn at the same (cached) loop time and fires them in one pass, so
   * each request still waits as its own `setTimeout(ms)` would, without a timer and callback each.
   */
  private delayed(ms: number): Promise<void> {
    if (this.wait?.ms === ms) return this.wait.done;
    const wait = { ms, done: new Promise<void>((resolve) => setTimeout(resolve, ms)) };
    this.wait = wait;
    setImmediate(() => {
      if (this.wait === wait) this.wait = undefined;
    });
    return wait.done;
  }

  /**
   * Has what is queued written at the end of this turn of the event loop, in one write for every
   * reply queued in it (as a broker's reactor sends what its handlers queued). Once 64 KiB is queued
   * it leaves at once instead (a turn serving hundreds of lookups answers the first while it serves
   * the rest, as a broker sends each reply when its handler is done; the peer reads 64 KiB at a
   * time). Resolves at once while the socket has room; else once drained. False once the socket is gone.
   */
  private flush(): Promise<boolean> {
    this.writing ??= new Promise<boolean>((resolve) =>
      setImmediate(() => {
        this.writing = undefined;
        resolve(this.write());
      }),
    );
    if (this.output.size >= FLUSH_BYTES && !this.hooks.stalled() && !this.socket.destroyed) {
      if (this.writeQueued()) return Promise.resolve(!this.socket.destroyed);
      return this.drained().then(() => !this.socket.destroyed);
    }
    if (this.output.size < FLUSH_BYTES && !this.socket.writableNeedDrain)
      return Promise.resolve(!this.socket.destroyed);
    return this.writing;
  }

  /** Writes what is queued, corked into one system call; waits for drain when the socket is full. */
  private async write(): Promise<boolean> {
    await this.hooks.gate();
    if (this.socket.destroyed) return false;
    if (!this.writeQueued()) await this.drained();
    return !this.socket.destroyed;
  }

  /** Writes what is queued now, corked into one system call; false when the socket wants a drain. */
  private writeQueued(): boolean {
    const chunks = this.output.take();
    if (chunks.length === 0) return true;
    let room = true;
    this.socket.cork();
    for (const chunk of chunks) room = this.socket.write(chunk, () => this.output.recycle(chunk));
    this.socket.uncork();
    return room;
  }

  private drained(): Promise<void> {
    this.drain ??= new Promise<void>((resolve) => {
      const done = (): void => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        this.drain = undefined;
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
    return this.drain;
  }
}
