import { ERRNO } from './errno';
import type { FluxConnection } from './flux-connection';
import { FLUX_MSGFLAG, FLUX_MSGTYPE, FLUX_NODEID_ANY, FLUX_USERID_UNKNOWN } from './flux-message';
import type { FluxMessage } from './flux-message';
import { decodeJsonPayload, decodeTextPayload, encodeJsonPayload } from './flux-payload';
import { FluxRpcError } from './flux-rpc-error';
import { TagTable } from './tag-table';

/** Credentials an owner connection may put on a request ("as user U": userid U, rolemask USER). */
export interface FluxCredentials {
  userid: number;
  rolemask: number;
}

/** One reply routed to a pending RPC. `final` releases its matchtag. */
export type RpcReply =
  | { final: boolean; kind: 'value'; value: Record<string, unknown> }
  | { final: true; kind: 'error'; error: FluxRpcError }
  | { final: true; kind: 'end' };

/** An RPC holding a matchtag on a session. */
export interface PendingRpc {
  readonly topic: string;
  readonly streaming: boolean;
  /** The caller gave up (deadline, abort, early return): replies are dropped until the final one. */
  orphan: boolean;
  onReply(reply: RpcReply): void;
  /** The connection ended before the final reply. */
  onFail(reason: Error): void;
}

const REQUEST_FLAGS = FLUX_MSGFLAG.TOPIC | FLUX_MSGFLAG.PAYLOAD | FLUX_MSGFLAG.ROUTE;

/**
 * The RPC state of one live connection: matchtags (from 1, never 0, unique among pending RPCs,
 * released by the final reply), response routing, and failing everything at once when the
 * connection ends. Tags restart with each new session.
 */
export class RpcSession {
  private readonly pending = new TagTable<PendingRpc>();
  private nextTag = 1;
  private orphans = 0;
  private stalls = 0;

  constructor(
    readonly connection: FluxConnection,
    private readonly onRelease: () => void,
    private readonly onEnd: (session: RpcSession, reason: Error) => void,
  ) {
    connection.onMessage = (msg) => this.dispatch(msg);
    connection.onClose = (reason) => this.failAll(reason);
  }

  /** RPCs holding a tag, including abandoned ones. */
  get size(): number {
    return this.pending.size;
  }

  /** Abandoned RPCs still holding a tag. */
  get orphanCount(): number {
    return this.orphans;
  }

  /** Registers `rpc` under a fresh tag and sends its request. Throws if the connection has ended. */
  start(rpc: PendingRpc, payload: Record<string, unknown>, credentials?: FluxCredentials): number {
    let tag = this.nextTag;
    while (tag === 0 || this.pending.has(tag)) tag = tag >= 0xffffffff ? 1 : tag + 1;
    this.nextTag = tag >= 0xffffffff ? 1 : tag + 1;
    this.connection.send({
      type: FLUX_MSGTYPE.REQUEST,
      flags: REQUEST_FLAGS | (rpc.streaming ? FLUX_MSGFLAG.STREAMING : 0),
      userid: credentials?.userid ?? FLUX_USERID_UNKNOWN,
      rolemask: credentials?.rolemask ?? 0,
      aux1: FLUX_NODEID_ANY,
      aux2: tag,
      routes: [],
      topic: rpc.topic,
      payload: encodeJsonPayload(payload, { realStyle: 'python' }),
    });
    this.pending.set(tag, rpc);
    return tag;
  }

  /** Sends a no-response request (flags `0F`, matchtag 0), e.g. a stream cancel `{"matchtag":N}`. */
  notify(topic: string, payload: Record<string, unknown>): void {
    if (this.connection.closed) return;
    this.connection.send({
      type: FLUX_MSGTYPE.REQUEST,
      flags: REQUEST_FLAGS | FLUX_MSGFLAG.NORESPONSE,
      userid: FLUX_USERID_UNKNOWN,
      rolemask: 0,
      aux1: FLUX_NODEID_ANY,
      aux2: 0,
      routes: [],
      topic,
      payload: encodeJsonPayload(payload),
    });
  }

  /** Marks the RPC under `tag` abandoned: it keeps its tag until its final reply. */
  abandon(tag: number): void {
    const rpc = this.pending.get(tag);
    if (rpc && !rpc.orphan) {
      rpc.orphan = true;
      this.orphans++;
    }
  }

  /** Frees `tag` now (a pre-0.82 broker's single reply to a streaming request is all there is). */
  release(tag: number): void {
    const rpc = this.pending.get(tag);
    if (!rpc) return;
    this.pending.delete(tag);
    if (rpc.orphan) this.orphans--;
    this.onRelease();
  }

  /** A stream's buffer crossed its high-water mark (`true`) or drained (`false`); reading pauses while any is stalled. */
  stall(stalled: boolean): void {
    this.stalls += stalled ? 1 : -1;
    if (stalled && this.stalls === 1) this.connection.pause();
    if (!stalled && this.stalls === 0) this.connection.resume();
  }

  private dispatch(msg: FluxMessage): void {
    if (msg.type !== FLUX_MSGTYPE.RESPONSE) return;
    const rpc = this.pending.get(msg.aux2);
    if (!rpc) return;
    const errnum = msg.aux1;
    let reply: RpcReply;
    if (errnum === 0) {
      const value = msg.payload ? decodeJsonPayload(msg.payload) : {};
      reply = { final: !rpc.streaming, kind: 'value', value };
    } else if (rpc.streaming && errnum === ERRNO.ENODATA) reply = { final: true, kind: 'end' };
    else
      reply = {
        final: true,
        kind: 'error',
        error: new FluxRpcError(
          rpc.topic,
          errnum,
          msg.payload ? decodeTextPayload(msg.payload) || undefined : undefined,
        ),
      };
    if (reply.final) this.release(msg.aux2);
    if (!rpc.orphan || reply.final) rpc.onReply(reply);
  }

  private failAll(reason: Error): void {
    const rpcs = this.pending.drain();
    this.orphans = 0;
    rpcs.forEach(() => this.onRelease());
    for (const rpc of rpcs) rpc.onFail(reason);
    this.onEnd(this, reason);
  }
}
