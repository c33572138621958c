import type { FluxRpcClient } from './flux-rpc';
import type { RpcHandler } from './rpc-call';

/**
 * What the typed calls need of an RPC client: one-shot calls and streams, and maybe `send` (a
 * call whose outcome goes to a handler, no promise: the client and the pool have it; stand-ins
 * may leave it out, see {@link sendCall}).
 */
export type FluxRpc = Pick<FluxRpcClient, 'call' | 'stream'> & Partial<Pick<FluxRpcClient, 'send'>>;

/** Options every typed call accepts. */
export interface FluxCallContext {
  signal?: AbortSignal;
  /** Deadline, ms (streams: idle deadline between items); default the client's. */
  timeoutMs?: number;
}

/** `rpc.send`, or `rpc.call` with its promise's outcome handed to `handler` when `rpc` has no `send`. */
export function sendCall(
  rpc: FluxRpc,
  topic: string,
  payload: Record<string, unknown>,
  options: FluxCallContext,
  handler: RpcHandler,
): void {
  if (rpc.send) return rpc.send(topic, payload, options, handler);
  rpc.call(topic, payload, options).then(
    (value) => handler.onValue(value),
    (error: unknown) => handler.onError(error),
  );
}
