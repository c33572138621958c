import type { FluxRpcClient } from './flux-rpc';

/** What the typed calls need of an RPC client: one-shot calls and streams. */
export type FluxRpc = Pick<FluxRpcClient, 'call' | 'stream'>;

/** Options every typed call accepts. */
export interface FluxCallContext {
  signal?: AbortSignal;
  /** Deadline, ms (streams: idle deadline between items); default the client's. */
  timeoutMs?: number;
}
