import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { ExecutionResult } from 'graphql';
import type { StreamRegistry } from '../../datasources/streams/stream-registry';

/** Subscription transports, the `transport` label. */
export type SubscriptionTransport = 'websocket' | 'sse';

/** Counts one transport's subscription messages. */
export interface SubscriptionMetrics {
  /** Counts a message about to be sent; a message ending the stream with SLOW_CONSUMER or an upstream failure counts as dropped. */
  sent(transport: SubscriptionTransport, result: ExecutionResult): void;
}

const DROP_CODES = new Set(['SLOW_CONSUMER', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'UPSTREAM_ERROR']);

/**
 * Registers in `registry`:
 * - `jobgraph_subscriptions_open`: subscription streams open now (read at scrape time);
 * - `jobgraph_subscription_messages_total{transport}`: messages sent to subscribers;
 * - `jobgraph_subscriptions_dropped_total{transport,reason}`: subscriptions ended by the gateway
 *   (`reason` SLOW_CONSUMER or the upstream error code).
 */
export function registerSubscriptionMetrics(registry: Registry, streams: StreamRegistry): SubscriptionMetrics {
  new Gauge({
    name: 'jobgraph_subscriptions_open',
    help: 'Subscription streams open now (WebSocket and SSE)',
    registers: [registry],
    collect() {
      this.set(streams.size);
    },
  });
  const messages = new Counter({
    name: 'jobgraph_subscription_messages_total',
    help: 'Subscription messages sent, by transport',
    labelNames: ['transport'],
    registers: [registry],
  });
  const dropped = new Counter({
    name: 'jobgraph_subscriptions_dropped_total',
    help: 'Subscriptions ended by the gateway, by transport and reason (SLOW_CONSUMER, UPSTREAM_*)',
    labelNames: ['transport', 'reason'],
    registers: [registry],
  });
  return {
    sent(transport, result) {
      messages.inc({ transport });
      const code = result.errors?.map((e) => e.extensions?.code).find((c) => DROP_CODES.has(String(c)));
      if (code !== undefined && result.data === null) dropped.inc({ transport, reason: String(code) });
    },
  };
}
