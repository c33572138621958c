import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { createDatasources } from '../../../src/datasources/create-datasources';
import { createStaticUserDatabase } from '../../../src/datasources/users/static-user-database';
import { createServer } from '../../../src/server/create-server';
import type { GatewayServer } from '../../../src/server/create-server';
import { generateDataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { startFaultyJobsAggsSimulator } from '../../support/faulty-simulators';
import type { FaultyJobsAggsSimulator } from '../../support/faulty-simulators';
import { percentile, runLoad } from '../../support/load-process';
import type { LoadSample } from '../../support/load-process';
import { startAllBackendsGateway } from '../../support/all-backends-gateway';
import type { AllBackendsGateway } from '../../support/all-backends-gateway';
import { startElasticStandIn } from '../../support/elastic-stand-in';
import type { ElasticStandIn } from '../../support/elastic-stand-in';
import { GARBAGE_MODES, reportFsTarget, runFaultScript } from '../../support/fault-script';
import { FLUX_GARBAGE_MODES, startGarbageFluxBroker } from '../../support/garbage-flux-broker';
import type { FaultTarget } from '../../support/fault-script';

const FLUX_DEADLINE_MS = 1_000;
const QUERY = {
  query: `{ jobStats { jobStates { total } }
            jobAggregations(source: JOBS_API, aggs: [{ name: "byState", terms: { rawField: "job.state" } }]) { total } }`,
};

/** Samples taken between two instants of the run (ms after the load started). */
const between = (samples: LoadSample[], from: number, to: number) => samples.filter((s) => s.at >= from && s.at < to);

// Timing on a shared 2-core machine: one retry, with the first failure logged.
jest.retryTimes(1, { logErrorsBeforeRetry: true });

describe('backend faults under load from a second process', () => {
  const dataset = generateDataset({ seed: 3, jobCount: 600 });
  let flux: FluxSimulator;
  let jobsAggs: FaultyJobsAggsSimulator;
  let server: GatewayServer;
  let url: string;

  beforeAll(async () => {
    flux = await startFluxSimulator({ dataset });
    jobsAggs = await startFaultyJobsAggsSimulator({ dataset, dailyQuota: 1_000_000 });
    const config = loadConfig({
      env: {
        JOBGRAPH_PORT: '0',
        JOBGRAPH_PLAYGROUND: 'off',
        JOBGRAPH_LOG_LEVEL: 'silent',
        FLUX_URI: flux.uri,
        JOBGRAPH_FLUX_TIMEOUT_MS: String(FLUX_DEADLINE_MS),
        JOBGRAPH_JOBS_API_URL: jobsAggs.url,
        JOBGRAPH_JOBS_API_TOKEN_URL: jobsAggs.tokenUrl,
        JOBGRAPH_JOBS_API_CLIENT_ID: jobsAggs.clientId,
        JOBGRAPH_JOBS_API_CLIENT_SECRET: jobsAggs.clientSecret,
      },
    });
    server = await createServer({
      config,
      ...createDatasources(config, { users: createStaticUserDatabase(dataset.users) }),
      logger: pino({ level: 'silent' }),
    });
    url = `${await server.listen()}/graphql`;
  });
  afterAll(async () => {
    await server.close(1000);
    await flux.close();
    await jobsAggs.close();
  });

  it('Flux killed, stalled and answering garbage: only its fields fail, typed; latency stays within its deadline; it recovers alone', async () => {
    const load = runLoad(url, 20, 16, QUERY);
    await sleep(2_500);
    // healthy · broker down 3 s (connections dropped, socket gone) · back · stalled 3 s · back.
    const downAt = Date.now();
    const socketPath = flux.socketPath;
    await flux.restart(3_000);
    const upAt = Date.now();
    await sleep(2_000);
    const stallAt = Date.now();
    flux.stall(3_000);
    await sleep(3_000);
    const unstallAt = Date.now();
    const samples = await load;
    const end = Math.max(...samples.map((s) => s.at));

    // The gateway answered every request with well-formed JSON and never a 5xx.
    expect(samples.length).toBeGreaterThan(100);
    expect(samples.filter((s) => s.status !== 200)).toEqual([]);
    // The other backend kept answering throughout: every response has data (jobAggregations).
    expect(samples.filter((s) => !s.data)).toEqual([]);
    expect(samples.filter((s) => s.codes.some((c) => !c.endsWith(':flux')))).toEqual([]);

    const down = between(samples, downAt + 300, upAt - 300);
    expect(down.length).toBeGreaterThan(10);
    expect(down.filter((s) => s.codes.includes('UPSTREAM_UNAVAILABLE:flux')).length).toBeGreaterThan(down.length / 2);
    const stalled = between(samples, stallAt + 200, unstallAt);
    expect(stalled.some((s) => s.codes.includes('UPSTREAM_TIMEOUT:flux'))).toBe(true);
    // p99 within the failing backend's deadline (plus scheduling slack on a shared 2-core machine).
    expect(
      percentile(
        samples.map((s) => s.ms),
        99,
      ),
    ).toBeLessThan(FLUX_DEADLINE_MS + 1_500);
    // Recovery without intervention once the breaker's half-open probe succeeds (2 s).
    const recovered = between(samples, end - 1_000, end + 1);
    expect(recovered.length).toBeGreaterThan(5);
    expect(recovered.every((s) => s.codes.length === 0)).toBe(true);
    expect(socketPath).toBe(flux.socketPath);
  }, 60_000);

  it.each(FLUX_GARBAGE_MODES)(
    'a broker answering garbage (%s) fails only Flux fields, typed, and the gateway keeps serving',
    async (mode) => {
      const garbage = await startGarbageFluxBroker(mode);
      const config = loadConfig({
        env: {
          JOBGRAPH_PORT: '0',
          JOBGRAPH_PLAYGROUND: 'off',
          FLUX_URI: garbage.uri,
          JOBGRAPH_FLUX_TIMEOUT_MS: String(FLUX_DEADLINE_MS),
          JOBGRAPH_JOBS_API_URL: jobsAggs.url,
          JOBGRAPH_JOBS_API_TOKEN_URL: jobsAggs.tokenUrl,
          JOBGRAPH_JOBS_API_CLIENT_ID: jobsAggs.clientId,
          JOBGRAPH_JOBS_API_CLIENT_SECRET: jobsAggs.clientSecret,
        },
      });
      const other = await createServer({
        config,
        ...createDatasources(config),
        logger: pino({ level: 'silent' }),
      });
      try {
        const otherUrl = `${await other.listen()}/graphql`;
        const samples = await runLoad(otherUrl, 20, 2, QUERY);
        expect(samples.length).toBeGreaterThan(20);
        expect(samples.every((s) => s.status === 200 && s.data)).toBe(true);
        expect(
          samples.every(
            (s) => s.codes.length > 0 && s.codes.every((c) => /^UPSTREAM_(UNAVAILABLE|TIMEOUT|ERROR):flux$/.test(c)),
          ),
        ).toBe(true);
        expect(
          percentile(
            samples.map((s) => s.ms),
            99,
          ),
        ).toBeLessThan(FLUX_DEADLINE_MS + 1_500);
        expect((await fetch(otherUrl.replace('/graphql', '/healthz'))).status).toBe(200);
      } finally {
        await other.close(1000);
        await garbage.close();
      }
    },
    60_000,
  );
});

describe('each other backend killed, stalled and answering garbage under load from a second process', () => {
  /** Deadline of every backend; p99 must stay within it plus the margin (a shared 2-core machine). */
  const DEADLINE_MS = 1_000;
  const MARGIN_MS = 1_500;
  const dataset = generateDataset({ seed: 4, jobCount: 400 });
  let gw: AllBackendsGateway;
  let elastic: ElasticStandIn;
  let query: { query: string };

  beforeAll(async () => {
    elastic = await startElasticStandIn();
    gw = await startAllBackendsGateway(dataset, DEADLINE_MS, {
      JOBGRAPH_ELASTICSEARCH_URL: elastic.url,
      JOBGRAPH_ELASTICSEARCH_TIMEOUT_MS: String(DEADLINE_MS),
    });
    query = {
      query: `{ jobStats { jobStates { total } }
                experiment(name: "${gw.experiment}") { name }
                jobAggregations(source: JOBS_API, aggs: [{ name: "byState", terms: { rawField: "job.state" } }]) { total }
                jobHistory(first: 1) { pageInfo { hasNextPage } }
                profileReports(first: 1) { nodes { jobId } } }`,
    };
  });
  afterAll(async () => {
    await gw.close();
    await elastic.close();
  });

  const targets = (): Record<string, FaultTarget> => ({
    elog: {
      backend: 'elog',
      kill: () => gw.elog.faults.stop(),
      revive: () => gw.elog.faults.start(),
      set: (mode) => gw.elog.faults.set(mode),
    },
    'jobs/aggs': {
      backend: 'jobs-aggs',
      kill: () => gw.jobsAggs.faults.stop(),
      revive: () => gw.jobsAggs.faults.start(),
      set: (mode) => gw.jobsAggs.faults.set(mode),
    },
    elasticsearch: {
      backend: 'elasticsearch',
      kill: () => elastic.faults.stop(),
      revive: () => elastic.faults.start(),
      set: (mode) => elastic.faults.set(mode),
    },
    sciagraph: reportFsTarget(gw),
  });

  it.each(['elog', 'jobs/aggs', 'elasticsearch', 'sciagraph'])(
    '%s: only its own fields fail, typed, within its deadline; it recovers alone',
    async (name) => {
      const target = targets()[name];
      if (!target) throw new Error(name);
      const run = await runFaultScript(gw.url, query, target);
      const failing = run.samples;

      // Every request was answered with data (the other backends' fields), never a 5xx or a crash.
      expect(run.load.length).toBeGreaterThan(100);
      expect(run.load.filter((s) => s.status !== 200 || !s.data)).toEqual([]);
      // Failures are typed and name the failing backend only: never a masked INTERNAL_SERVER_ERROR.
      const codes = new Set(failing.flatMap((s) => s.codes));
      for (const code of codes)
        expect(code).toMatch(new RegExp(`^UPSTREAM_(UNAVAILABLE|TIMEOUT|ERROR):${target.backend}$`));
      expect(run.load.flatMap((s) => s.codes).filter((c) => !c.endsWith(`:${target.backend}`))).toEqual([]);

      const killed = between(failing, run.at.kill + 300, run.at.revive);
      expect(killed.filter((s) => s.codes.includes(`UPSTREAM_UNAVAILABLE:${target.backend}`)).length).toBeGreaterThan(
        killed.length / 2,
      );
      expect(
        between(failing, run.at.stall + 200, run.at.unstall).some((s) =>
          s.codes.includes(`UPSTREAM_TIMEOUT:${target.backend}`),
        ),
      ).toBe(true);
      for (const mode of GARBAGE_MODES) {
        const window = run.at.garbage[mode];
        if (!window) throw new Error(mode);
        expect({ mode, noticed: between(failing, window[0] + 100, window[1]).some((s) => s.codes.length > 0) }).toEqual(
          { mode, noticed: target.garbageIsHarmless !== true },
        );
      }
      // p99 within the failing backend's deadline plus the margin, for the load and the probes alike.
      expect(
        percentile(
          run.load.map((s) => s.ms),
          99,
        ),
      ).toBeLessThan(DEADLINE_MS + MARGIN_MS);
      expect(
        percentile(
          failing.map((s) => s.ms),
          99,
        ),
      ).toBeLessThan(DEADLINE_MS + MARGIN_MS);
      // Back to clean answers without intervention after each fault (breaker half-open after 2 s).
      // Recovery without intervention: clean answers come back (a streak of 3 in a row) and stay
      // mostly clean. On a CI machine running other suites alongside, a single probe may still miss
      // the 1 s deadline after the backend is back; that is CPU contention, not a lost recovery.
      run.recovered.forEach(([from, to], after) => {
        const window = between(failing, from, to);
        expect(window.length).toBeGreaterThan(3);
        const label = ['kill', 'stall', 'garbage'][after];
        const cleanStreak = window.some(
          (_, i) => i >= 2 && window.slice(i - 2, i + 1).every((p) => p.codes.length === 0),
        );
        expect({ after: label, cleanStreak }).toEqual({ after: label, cleanStreak: true });
        expect(window.filter((s) => s.codes.length > 0).length).toBeLessThanOrEqual(Math.floor(window.length / 4));
      });
      expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
    },
    60_000,
  );
});
