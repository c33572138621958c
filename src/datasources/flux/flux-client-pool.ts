import { FluxRpcClient } from './flux-rpc';
import type { FluxCallOptions, FluxRpcClientOptions, FluxStreamOptions } from './flux-rpc';
import type { FluxRpcStream } from './flux-rpc-stream';
import type { FluxRpc } from './flux-rpc-port';
import type { RpcHandler } from './rpc-call';

/** A few {@link FluxRpcClient}s (connections) to one broker; each call goes to the least loaded. */
export class FluxClientPool implements FluxRpc {
  private readonly clients: FluxRpcClient[];
  private turn = 0;

  /** `size` connections (default 2), each with `options`. */
  constructor(options: FluxRpcClientOptions, size = 2) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`Flux pool size must be a positive integer, got ${size}`);
    this.clients = Array.from({ length: size }, () => new FluxRpcClient(options));
  }

  call(topic: string, payload: Record<string, unknown>, options?: FluxCallOptions): Promise<Record<string, unknown>> {
    return this.pick().call(topic, payload, options);
  }

  send(topic: string, payload: Record<string, unknown>, options: FluxCallOptions, handler: RpcHandler): void {
    this.pick().send(topic, payload, options, handler);
  }

  stream(topic: string, payload: Record<string, unknown>, options?: FluxStreamOptions): FluxRpcStream {
    return this.pick().stream(topic, payload, options);
  }

  /** RPCs sent since start by topic, summed over the pool. */
  rpcCounts(): Readonly<Record<string, number>> {
    const sum: Record<string, number> = {};
    for (const client of this.clients)
      for (const [topic, n] of Object.entries(client.rpcCounts())) sum[topic] = (sum[topic] ?? 0) + n;
    return sum;
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.close()));
  }

  private pick(): FluxRpcClient {
    const start = this.turn++ % this.clients.length;
    let best = this.clients[start] as FluxRpcClient;
    let bestLoad = Infinity;
    for (let i = 0; i < this.clients.length; i++) {
      const client = this.clients[(start + i) % this.clients.length] as FluxRpcClient;
      const load = client.pending;
      if (load < bestLoad) {
        best = client;
        bestLoad = load;
      }
    }
    return best;
  }
}
