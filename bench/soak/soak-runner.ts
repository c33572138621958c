import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from '../../test/support/load-process';
import type { FullGc } from './gc-trace';
import { medianSample, sampleProcess } from './process-stats';
import type { ProcessSample } from './process-stats';
import { soakRequests } from './soak-queries';
import type { SoakRequest } from './soak-queries';

/** How a soak runs. */
export interface SoakOptions {
  /** GraphQL endpoint of the gateway under test. */
  graphqlUrl: string;
  /** Its process id, measured through /proc. */
  pid: number;
  /** Whole run, warm-up included, ms (a warm-up that waits for a full GC lengthens it by the wait). */
  durationMs: number;
  /** Requests sent before measuring starts, ms (at least; see maxWarmupMs). */
  warmupMs: number;
  /**
   * With `fullGcs`: the warm-up goes on past warmupMs until the gateway's first full collection
   * after it, but not past this, ms. Until that collection V8 grows its old space towards the
   * limit it set itself (RSS +12 % in the first minute of a soak from the sources, flat after:
   * measured 2026-12-06), which is not a leak; measured from it, a leak is what grows.
   */
  maxWarmupMs?: number;
  /** Steady request rate, per second (the mix of {@link soakRequests} in turn). */
  ratePerSecond: number;
  /** Length of one latency window, ms (a minute in `npm run soak`). */
  windowMs: number;
  /** Called as each window closes (printing). */
  onWindow?: (window: SoakWindow) => void;
  /** The gateway's full collections so far (from `--trace-gc`, see gc-trace.ts), when traced. */
  fullGcs?: () => FullGc[];
}

/** One window of the measured part. */
export interface SoakWindow {
  index: number;
  requests: number;
  /** Answers that were not HTTP 200 with data and no errors. */
  failed: number;
  p50Ms: number;
  p99Ms: number;
  rssMiB: number;
  fds: number;
  sockets: number;
}

/** What a soak measured; start and end are medians over the first and last windows after warm-up. */
export interface SoakReport {
  /** How long the warm-up really lasted, ms. */
  warmupMs: number;
  windows: SoakWindow[];
  start: ProcessSample;
  end: ProcessSample;
  /** (end − start) / start RSS, percent. */
  rssDriftPct: number;
  /** Lowest and highest RSS seen after warm-up, bytes. */
  rssRange: [number, number];
  /** Heap after full collections: median of the first three and the last three after warm-up, MiB. */
  heapAfterGc?: { start: number; end: number; count: number };
  fdGrowth: number;
  socketGrowth: number;
  requests: number;
  failed: number;
  /** The first few failures, for the message. */
  failures: string[];
  byKind: Record<SoakRequest['kind'], number>;
}

interface Outcome {
  at: number;
  ms: number;
  ok: boolean;
}

/**
 * The load uses at most this many keep-alive connections, so the gateway's socket count does
 * not follow its latency (more requests in flight would otherwise open more connections).
 */
const CLIENT_CONNECTIONS = 8;

function postJson(url: string, body: string, agent: Agent): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends the soak mix at a steady rate for `durationMs`, sampling the gateway process every second. */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const mix = await soakRequests(options.graphqlUrl);
  const outcomes: Outcome[] = [];
  const samples: ProcessSample[] = [];
  const failures: string[] = [];
  const byKind = { jobs: 0, 'job-details': 0, elog: 0, aggregations: 0, reports: 0 };
  const began = Date.now();
  let measureFrom = began + options.warmupMs;
  let endAt = began + options.durationMs;
  const settling = options.fullGcs && options.maxWarmupMs !== undefined ? options.maxWarmupMs : undefined;
  let settled = settling === undefined;
  const inFlight = new Set<Promise<void>>();
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENT_CONNECTIONS });
  let sent = 0;

  const send = (item: SoakRequest): void => {
    const at = Date.now();
    byKind[item.kind] += 1;
    const done = postJson(options.graphqlUrl, item.body, agent)
      .then(({ status, text }) => {
        const body = JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string }> };
        const ok = status === 200 && body.data != null && !body.errors;
        if (!ok && failures.length < 5)
          failures.push(`${item.kind}: ${status} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
        outcomes.push({ at, ms: Date.now() - at, ok });
      })
      .catch((error: unknown) => {
        if (failures.length < 5) failures.push(`${item.kind}: ${String(error)}`);
        outcomes.push({ at, ms: Date.now() - at, ok: false });
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  };

  const timer = setInterval(() => {
    const item = mix[sent % mix.length];
    sent += 1;
    if (item) send(item);
  }, 1000 / options.ratePerSecond);
  const windows: SoakWindow[] = [];
  const closeWindows = (now: number): void => {
    for (
      let end = measureFrom + (windows.length + 1) * options.windowMs;
      end <= Math.min(now, endAt);
      end += options.windowMs
    ) {
      const window = summarize(
        windows.length,
        outcomes.filter((o) => o.at >= end - options.windowMs && o.at < end),
        samples[samples.length - 1] as ProcessSample,
      );
      windows.push(window);
      options.onWindow?.(window);
    }
  };
  try {
    while (Date.now() < endAt) {
      if (!settled && Date.now() >= measureFrom) {
        const gc = options.fullGcs?.().find((g) => g.at >= began + options.warmupMs);
        if (gc || Date.now() >= began + (settling ?? 0)) {
          settled = true;
          const warmup = Date.now() - began;
          measureFrom = began + warmup;
          endAt = began + warmup + options.durationMs - options.warmupMs;
        } else {
          await sleep(250);
          continue;
        }
      }
      samples.push(await sampleProcess(options.pid));
      // A window closes a second late, so the answers to its last requests are in.
      closeWindows(Date.now() - 1_000);
      await sleep(Math.min(1_000, Math.max(0, endAt - Date.now())));
    }
  } finally {
    clearInterval(timer);
    await Promise.all(inFlight);
    agent.destroy();
  }
  closeWindows(endAt + 1_000);
  const measured = samples.filter((s) => s.at >= measureFrom);
  const start = medianSample(measured.filter((s) => s.at < measureFrom + options.windowMs));
  const end = medianSample(measured.filter((s) => s.at >= endAt - options.windowMs));
  const counted = outcomes.filter((o) => o.at >= measureFrom);
  const gcs = options.fullGcs?.().filter((gc) => gc.at >= measureFrom && gc.at <= endAt) ?? [];
  const rss = measured.map((s) => s.rssBytes);
  return {
    warmupMs: measureFrom - began,
    windows,
    start,
    end,
    rssDriftPct: ((end.rssBytes - start.rssBytes) / start.rssBytes) * 100,
    rssRange: [Math.min(...rss), Math.max(...rss)],
    ...(gcs.length >= 2
      ? {
          heapAfterGc: {
            start: median(gcs.slice(0, 3).map((g) => g.afterMiB)),
            end: median(gcs.slice(-3).map((g) => g.afterMiB)),
            count: gcs.length,
          },
        }
      : {}),
    fdGrowth: end.fds - start.fds,
    socketGrowth: end.sockets - start.sockets,
    requests: counted.length,
    failed: counted.filter((o) => !o.ok).length,
    failures,
    byKind,
  };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
}

function summarize(index: number, outcomes: Outcome[], sample: ProcessSample): SoakWindow {
  const ms = outcomes.map((o) => o.ms);
  return {
    index,
    requests: outcomes.length,
    failed: outcomes.filter((o) => !o.ok).length,
    p50Ms: percentile(ms, 50),
    p99Ms: percentile(ms, 99),
    rssMiB: Math.round((sample.rssBytes / 1048576) * 10) / 10,
    fds: sample.fds,
    sockets: sample.sockets,
  };
}
