import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpFaultMode } from './http-fault-switch';
import type { AllBackendsGateway } from './all-backends-gateway';
import { runLoad } from './load-process';
import type { LoadSample } from './load-process';

/** The garbage answers every target is made to give, in this order. */
export const GARBAGE_MODES = ['html', 'truncated', 'wrong-types', 'huge'] as const;

/** A backend the script breaks: killed and revived, then set to stall and to each garbage mode. */
export interface FaultTarget {
  /** `extensions.backend` of its errors. */
  backend: string;
  kill(): Promise<void>;
  revive(): Promise<void>;
  set(mode: HttpFaultMode): void | Promise<void>;
  /**
   * A request that needs the backend, made by the script every 100 ms, when the load's GraphQL
   * fields do not reach it (Sciagraph answers them from memory; its files are read by `/reports`).
   */
  probe?: () => Promise<Omit<LoadSample, 'at' | 'ms'>>;
  /** Garbage is read and refused without any request failing (Sciagraph's malformed reports). */
  garbageIsHarmless?: boolean;
}

/** What happened during {@link runFaultScript}; instants are epoch ms. */
export interface FaultRun {
  /** The second process's samples. */
  load: LoadSample[];
  /** Samples of requests that need the target: the probes when it has one, else the load. */
  samples: LoadSample[];
  at: {
    kill: number;
    revive: number;
    stall: number;
    unstall: number;
    garbage: Partial<Record<(typeof GARBAGE_MODES)[number], [number, number]>>;
  };
  /** Windows (the last 800 ms after each fault ended) in which every answer must be clean again. */
  recovered: Array<[number, number]>;
}

const RATE_PER_SECOND = 10;
const WARM_MS = 1_500;
const FAULT_MS = 2_500;
/**
 * A breaker may re-open as late as one deadline after a fault ends (a half-open probe that met
 * it), then waits 2 s before the next probe: 4 s covers both.
 */
const RECOVER_MS = 4_000;
const GARBAGE_MS = 1_200;

/**
 * Runs load from a second process at 10 requests/s while `target` is, in turn: killed for
 * 2.5 s and revived, stalled for 2.5 s, made to answer each garbage mode for 1.2 s; after each
 * fault it is left alone for 4 s. Takes about 25 s.
 */
export async function runFaultScript(url: string, request: { query: string }, target: FaultTarget): Promise<FaultRun> {
  const totalMs = WARM_MS + 2 * FAULT_MS + 3 * RECOVER_MS + GARBAGE_MODES.length * GARBAGE_MS + 300;
  const load = runLoad(`${url}/graphql`, RATE_PER_SECOND, Math.ceil(totalMs / 1000), request);
  const probes: LoadSample[] = [];
  let probing = target.probe !== undefined;
  const probeLoop = (async () => {
    while (probing && target.probe) {
      const at = Date.now();
      const outcome = await target.probe();
      probes.push({ at, ms: Date.now() - at, ...outcome });
      await sleep(100);
    }
  })();
  const recovered: Array<[number, number]> = [];
  const recover = async (): Promise<void> => {
    await sleep(RECOVER_MS);
    recovered.push([Date.now() - 800, Date.now()]);
  };

  await sleep(WARM_MS);
  const kill = Date.now();
  await target.kill();
  await sleep(FAULT_MS);
  const revive = Date.now();
  await target.revive();
  await recover();
  const stall = Date.now();
  await target.set('stall');
  await sleep(FAULT_MS);
  const unstall = Date.now();
  await target.set('none');
  await recover();
  const garbage: FaultRun['at']['garbage'] = {};
  for (const mode of GARBAGE_MODES) {
    const from = Date.now();
    await target.set(mode);
    await sleep(GARBAGE_MS);
    garbage[mode] = [from, Date.now()];
  }
  await target.set('none');
  await recover();
  probing = false;
  await probeLoop;
  const samples = await load;
  return {
    load: samples,
    samples: target.probe ? probes : samples,
    at: { kill, revive, stall, unstall, garbage },
    recovered,
  };
}

const MALFORMED_REPORTS: Record<(typeof GARBAGE_MODES)[number], () => string> = {
  html: () => '<html><body><h1>Stale file handle</h1></body></html>',
  truncated: () => '{"start_time_secs_since_epoch": 1741183331, "duration_ms": 48',
  'wrong-types': () =>
    JSON.stringify({ start_time_secs_since_epoch: 'yesterday', duration_ms: [1], id: 7, peak_memory_kb: '1 GB' }),
  huge: () => `{"start_time_secs_since_epoch": 1741183331, "pad": "${'x'.repeat(10 * 1024 * 1024)}"}`,
};

/**
 * The Sciagraph report root as a fault target: killed = every filesystem call fails with EIO (a
 * dead mount), stalled = every call hangs, garbage = malformed report.json files (HTML,
 * truncated, wrong types, 10 MB) appear in the root. Probed by fetching a valid report's page.
 */
export function reportFsTarget(gw: AllBackendsGateway): FaultTarget {
  const first = gw.datasources.sciagraph?.iterateReports({}).next();
  const reportKey = first && !first.done ? first.value.reportKey : '';
  let written = 0;
  return {
    backend: 'sciagraph',
    garbageIsHarmless: true,
    kill: async () => void (gw.reportFs.fault = 'eio'),
    revive: async () => void (gw.reportFs.fault = 'none'),
    async set(mode) {
      if (mode === 'none' || mode === 'stall') return void (gw.reportFs.fault = mode);
      // A filesystem has no HTTP 500: its failing answer is EIO.
      if (mode === 'error-500') return void (gw.reportFs.fault = 'eio');
      written += 1;
      const dir = join(gw.sciagraph.root, `garbage-${written}-${mode}`);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'report.json'), MALFORMED_REPORTS[mode]());
      const old = new Date(Date.now() - 3_600_000);
      await utimes(join(dir, 'report.json'), old, old);
    },
    async probe() {
      const response = await fetch(`${gw.url}/reports/${reportKey}/`);
      await response.arrayBuffer();
      const code =
        response.status === 200
          ? undefined
          : response.status === 503
            ? 'UPSTREAM_UNAVAILABLE'
            : response.status === 504
              ? 'UPSTREAM_TIMEOUT'
              : `HTTP_${response.status}`;
      return { status: 200, data: true, codes: code ? [`${code}:sciagraph`] : [] };
    },
  };
}
