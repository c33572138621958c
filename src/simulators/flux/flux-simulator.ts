import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '../dataset';
import { brokerServices } from './broker-services';
import { JobStore } from './job-store';
import { hostlistHosts } from './member-sets';
import { OutputKeeper } from './job-output';
import { advanceJobs } from './live-progress';
import type { AdvanceOptions, AdvanceResult } from './live-progress';
import type { SimBroker } from './request-dispatch';
import { SimConnection } from './sim-connection';
import type { SimCaller } from './sim-service';

/** Options of {@link startFluxSimulator}. */
export interface FluxSimulatorOptions {
  /** The jobs to serve (e.g. `generateDataset()` or `fixtureDataset()`). */
  dataset: Dataset;
  /** Unix socket path; default `local` in a new temporary directory (removed on close). */
  socketPath?: string;
  /** Instance owner uid stamped on every reply; default `dataset.ownerUid`. */
  ownerUid?: number;
  /** The uid every client is taken to connect as (Node cannot read SO_PEERCRED); default the owner. */
  peerUid?: number;
  /** A peer other than the owner: `reject` (handshake byte 01 EPERM, close; default) or `allow` as a guest. */
  guestPolicy?: 'reject' | 'allow';
  /** `[access] private-mode`: guests see only their own jobs in job-list. Default false. */
  privateMode?: boolean;
  /** Answer `job-list.list` once without `version` even when asked to stream (brokers before 0.82). */
  preV082?: boolean;
  /** job-list's comparison budget per request; default 1,000,000 (0 = unlimited). */
  maxComparisons?: number;
  /** Delay before each request is served, ms; default 0 (see also `setDelay`). */
  delayMs?: number;
  /** Broker attributes for `attr.get`; default `size` = hosts in the dataset's nodelists, rank 0, version 0.88.0. */
  attrs?: Record<string, string>;
  /** Clock for live events, epoch s; default `dataset.now` plus the time since start. */
  clock?: () => number;
  /** Advance jobs automatically every this many ms (live mode); default off. */
  liveIntervalMs?: number;
  /** What each live step does (default: finish one running job, start one scheduled job). */
  liveStep?: AdvanceOptions;
  /** Called with each request's topic and payload text (without the trailing NUL) as it arrives: tests record what was asked. */
  onRequest?: (topic: string, payload: string) => void;
}

/** A running simulated broker. */
export interface FluxSimulator {
  readonly socketPath: string;
  /** `local://` URI of the socket, for `FLUX_URI`. */
  readonly uri: string;
  readonly store: JobStore;
  /** Requests received since start, by topic. */
  readonly requestCounts: Readonly<Record<string, number>>;
  /** Client connections open now. */
  readonly connections: number;
  /** Stops listening, closes every connection, removes the socket (and its temp dir). */
  close(): Promise<void>;
  /** Stops answering (true), resumes (false), or stops for `ms` milliseconds; requests queue meanwhile. */
  stall(how: number | boolean): void;
  /** Delay before each request is served from now on, ms. */
  setDelay(ms: number): void;
  /** Closes every client connection at once, mid-stream if need be; keeps listening. */
  dropConnections(): void;
  /** Like a broker restart: drops connections, stops listening for `downMs` (default 50), listens again. */
  restart(downMs?: number): Promise<void>;
  /** Moves jobs on (live mode): finishes, starts and submits; see {@link AdvanceOptions}. */
  advance(options?: AdvanceOptions): AdvanceResult;
}

/**
 * Starts a Flux broker simulator on a Unix socket (contract §10): the handshake byte, the
 * message framing both ways, job-list / job-info / attr.get served from `dataset` with the real
 * broker's replies and errors, plus hooks to stall, delay, drop and restart.
 */
export async function startFluxSimulator(options: FluxSimulatorOptions): Promise<FluxSimulator> {
  const tempDir = options.socketPath === undefined ? mkdtempSync(join(tmpdir(), 'flux-sim-')) : undefined;
  const socketPath = options.socketPath ?? join(tempDir as string, 'local');
  const ownerUid = options.ownerUid ?? options.dataset.ownerUid;
  const peerUid = options.peerUid ?? ownerUid;
  const caller: SimCaller | undefined =
    peerUid === ownerUid
      ? { uid: peerUid, owner: true }
      : options.guestPolicy === 'allow'
        ? { uid: peerUid, owner: false }
        : undefined;
  const store = new JobStore(options.dataset);
  const started = performance.now();
  const clock = options.clock ?? (() => options.dataset.now + (performance.now() - started) / 1000);
  const output = new OutputKeeper(store, clock);
  const broker: SimBroker = {
    store,
    output,
    clock,
    settings: {
      maxComparisons: options.maxComparisons ?? 1_000_000,
      privateMode: options.privateMode ?? false,
      preV082: options.preV082 ?? false,
    },
    services: brokerServices(
      options.attrs ?? {
        size: String(hostCount(options.dataset)),
        rank: '0',
        version: '0.88.0',
        'instance-level': '0',
      },
    ),
  };
  const requestCounts: Record<string, number> = {};
  const sockets = new Set<Socket>();
  let delay = options.delayMs ?? 0;
  let stalled: { promise: Promise<void>; release: () => void; timer?: NodeJS.Timeout } | undefined;
  const hooks = {
    gate: (): Promise<void> => stalled?.promise ?? Promise.resolve(),
    stalled: () => stalled !== undefined,
    delayMs: () => delay,
    count: (topic: string, payload: Uint8Array | undefined) => {
      requestCounts[topic] = (requestCounts[topic] ?? 0) + 1;
      if (options.onRequest)
        options.onRequest(topic, payload ? Buffer.from(payload).toString('utf8').replace(/\0$/, '') : '');
    },
    ownerUid,
  };

  const onConnection = (socket: Socket): void => {
    if (!caller) {
      socket.on('error', () => socket.destroy());
      socket.end(Buffer.from([1]));
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.write(Buffer.from([0]));
    new SimConnection(socket, broker, caller, hooks);
  };

  let server: Server | undefined;
  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      rmSync(socketPath, { force: true });
      const s = createServer(onConnection);
      s.once('error', reject);
      s.listen(socketPath, () => {
        s.off('error', reject);
        server = s;
        resolve();
      });
    });
  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      const s = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      if (!s) return resolve();
      s.close(() => resolve());
    });
  const unstall = (): void => {
    if (stalled?.timer) clearTimeout(stalled.timer);
    stalled?.release();
    stalled = undefined;
  };

  await listen();
  const live = options.liveIntervalMs
    ? setInterval(() => {
        advanceJobs(store, clock(), options.liveStep);
        output.tickAll();
      }, options.liveIntervalMs)
    : undefined;
  live?.unref();

  return {
    socketPath,
    uri: `local://${socketPath}`,
    store,
    requestCounts,
    get connections() {
      return sockets.size;
    },
    async close() {
      if (live) clearInterval(live);
      unstall();
      await stopListening();
      try {
        unlinkSync(socketPath);
      } catch {
        // already gone
      }
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
    stall(how) {
      if (how === false) return unstall();
      if (!stalled) {
        let release = (): void => undefined;
        const promise = new Promise<void>((resolve) => (release = resolve));
        stalled = { promise, release };
      }
      if (typeof how === 'number') {
        if (stalled.timer) clearTimeout(stalled.timer);
        stalled.timer = setTimeout(unstall, how);
      }
    },
    setDelay(ms) {
      delay = ms;
    },
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    async restart(downMs = 50) {
      await stopListening();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await listen();
    },
    advance(advanceOptions) {
      const result = advanceJobs(store, clock(), advanceOptions);
      output.tickAll();
      return result;
    },
  };
}

/** Distinct hosts the dataset's jobs ran on (at least 1): the broker's `size`. */
function hostCount(dataset: Dataset): number {
  const hosts = new Set<string>();
  for (const { job } of dataset.jobs)
    if (job.nodelist !== undefined) for (const h of hostlistHosts(job.nodelist)) hosts.add(h);
  return Math.max(1, hosts.size);
}
