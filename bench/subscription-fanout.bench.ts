/**
 * Subscription fan-out: one journal event reaching N `jobChanges` subscribers over WebSocket.
 * The Flux simulator runs here (so the moment it posts an event and the moment a subscriber gets
 * it are read on one clock); the gateway runs in its own process (its CPU measured alone);
 * subscribers are bare graphql-transport-ws sockets. Each round posts one event (an `annotations`
 * post of a running job, which the journal carries and every unfiltered subscriber receives) and
 * waits until every subscriber has it, so rounds do not queue behind each other.
 * Figures: latency p50/p99 over every delivery, and gateway CPU per delivered event, with 1,000
 * subscribers against the same measured with 1 subscriber in the same run.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { generateDataset } from '../src/simulators/dataset';
import { startFluxSimulator } from '../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../src/simulators/flux/flux-simulator';
import type { Benchmark, BenchFigure } from './bench.types';
import { startGatewayProcess } from './gateway/gateway-process';
import type { GatewayProcess } from './gateway/gateway-process';

const DATASET = { jobCount: 2_000, seed: 21, now: 1_800_000_000 };
const SUBSCRIBERS = 1_000;
const ROUNDS = 60;
const QUERY = 'subscription { jobChanges { event { name timestamp context } job { id } } }';

/** A bare graphql-ws subscriber: calls `onEvent` with the marker (`context.n`) of each message. */
function subscriber(url: string, onEvent: (marker: number) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    socket.once('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: {} })));
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString('utf8')) as {
        type: string;
        payload?: { data?: { jobChanges?: { event: { context: { n?: number } | null } } } };
      };
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY } }));
        resolve(socket);
      } else if (message.type === 'next') {
        const marker = message.payload?.data?.jobChanges?.event.context?.n;
        if (typeof marker === 'number') onEvent(marker);
      } else if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
    });
  });
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

/** Subscriptions open in the gateway now (its /metrics). */
async function openSubscriptions(url: string): Promise<number> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  return Number(/^jobgraph_subscriptions_open (\d+)/m.exec(text)?.[1] ?? 0);
}

interface FanOut {
  /** Latency percentiles over every delivery, µs. */
  p50: number;
  p99: number;
  cpuPerDeliveryUs: number;
  cpuPerEventUs: number;
  deliveries: number;
}

/** `count` subscribers, `ROUNDS` events one at a time: latency of every delivery, gateway CPU per delivery. */
async function fanOut(
  sim: FluxSimulator,
  gateway: GatewayProcess,
  count: number,
  firstMarker: number,
): Promise<FanOut> {
  const posted = new Map<number, number>();
  const received = new Map<number, number>();
  const latencies: number[] = [];
  const onEvent = (marker: number): void => {
    const at = posted.get(marker);
    if (at === undefined) return;
    latencies.push((performance.now() - at) * 1000);
    received.set(marker, (received.get(marker) ?? 0) + 1);
  };
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i += 50)
    sockets.push(
      ...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, () => subscriber(gateway.url, onEvent)))),
    );
  while ((await openSubscriptions(gateway.url)) < count) await new Promise((r) => setTimeout(r, 100));
  const job = sim.store.lists().running[0];
  if (!job) throw new Error('the dataset has no running job');
  const cpuBefore = await gateway.cpuMs();
  for (let round = 0; round < ROUNDS; round++) {
    const marker = firstMarker + round;
    posted.set(marker, performance.now());
    sim.store.post(job.id, { timestamp: DATASET.now + marker, name: 'annotations', context: { n: marker } });
    const deadline = Date.now() + 30_000;
    while ((received.get(marker) ?? 0) < count && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    if ((received.get(marker) ?? 0) < count)
      throw new Error(`event ${marker} reached ${received.get(marker)} of ${count}`);
  }
  const cpuMs = (await gateway.cpuMs()) - cpuBefore;
  for (const socket of sockets) socket.close();
  while ((await openSubscriptions(gateway.url)) > 0) await new Promise((r) => setTimeout(r, 100));
  const sorted = latencies.sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    cpuPerDeliveryUs: (cpuMs * 1000) / latencies.length,
    cpuPerEventUs: (cpuMs * 1000) / ROUNDS,
    deliveries: latencies.length,
  };
}

async function measureFanOut(): Promise<BenchFigure[]> {
  const sim = await startFluxSimulator({ dataset: generateDataset(DATASET) });
  const gateway = await startGatewayProcess(sim.uri, DATASET);
  try {
    await fanOut(sim, gateway, 10, 0); // warm-up: the journal stream, compiled paths
    const one = await fanOut(sim, gateway, 1, 1_000);
    const many = await fanOut(sim, gateway, SUBSCRIBERS, 2_000);
    const baseline = (label: string, value: number): { label: string; value: number } => ({ label, value });
    return [
      {
        label: `fan-out latency p50, ${SUBSCRIBERS} subscribers (${many.deliveries} deliveries)`,
        value: many.p50,
        unit: 'µs',
        baseline: baseline('1 subscriber', one.p50),
      },
      {
        label: `fan-out latency p99, ${SUBSCRIBERS} subscribers`,
        value: many.p99,
        unit: 'µs',
        baseline: baseline('1 subscriber', one.p99),
      },
      {
        label: `gateway CPU per delivered event, ${SUBSCRIBERS} subscribers`,
        value: many.cpuPerDeliveryUs,
        unit: 'µs',
        baseline: baseline('1 subscriber', one.cpuPerDeliveryUs),
      },
      {
        label: `gateway CPU per journal event fanned out to ${SUBSCRIBERS}`,
        value: many.cpuPerEventUs,
        unit: 'µs',
        baseline: baseline('to 1 subscriber', one.cpuPerEventUs),
      },
    ];
  } finally {
    gateway.close();
    await sim.close();
  }
}

/** The fan-out benchmark, for bench/run.ts (`npm run bench -- subscription-fanout`). */
export const benchmarks: Benchmark[] = [
  { name: 'subscription-fanout: one journal event to 1,000 WebSocket subscribers', run: () => measureFanOut() },
];
