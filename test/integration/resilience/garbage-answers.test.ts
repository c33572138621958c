import pino from 'pino';
import { createElogDatasource } from '../../../src/datasources/elog/create-elog-datasource';
import type { ElogDatasource } from '../../../src/datasources/elog/elog-datasource';
import { JobsAggsDatasource } from '../../../src/datasources/jobs-aggs/jobs-aggs-datasource';
import { createElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import type { ElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import { elogConfigSchema } from '../../../src/config/elog.config';
import { generateDataset } from '../../../src/simulators/dataset';
import { startFaultyElogSimulator } from '../../support/faulty-simulators';
import type { FaultyElogSimulator } from '../../support/faulty-simulators';
import type { HttpFaultMode } from '../../support/http-fault-switch';
import { startFaultyJobsAggsSimulator } from '../../support/faulty-simulators';
import type { FaultyJobsAggsSimulator } from '../../support/faulty-simulators';
import { startElasticStandIn } from '../../support/elastic-stand-in';
import type { ElasticStandIn } from '../../support/elastic-stand-in';

const GARBAGE: Array<Exclude<HttpFaultMode, 'none' | 'stall' | 'error-500'>> = [
  'html',
  'truncated',
  'wrong-types',
  'huge',
];
/** What each garbage answer becomes: a truncated body is a broken connection (retried, then UNAVAILABLE), the rest UPSTREAM_ERROR. */
const EXPECTED: Record<(typeof GARBAGE)[number], string> = {
  html: 'UPSTREAM_ERROR',
  truncated: 'UPSTREAM_UNAVAILABLE',
  'wrong-types': 'UPSTREAM_ERROR',
  huge: 'UPSTREAM_ERROR',
};

describe('HTTP clients turn garbage answers into typed errors and never read more than their cap', () => {
  const dataset = generateDataset({ seed: 6, jobCount: 200 });
  let elogSim: FaultyElogSimulator;
  let jobsSim: FaultyJobsAggsSimulator;
  let standIn: ElasticStandIn;
  let elog: ElogDatasource;
  let jobs: JobsAggsDatasource;
  let elastic: ElasticDatasource;
  const rssBefore = process.memoryUsage().rss;

  beforeAll(async () => {
    elogSim = await startFaultyElogSimulator({ dataset });
    jobsSim = await startFaultyJobsAggsSimulator({ dataset, dailyQuota: 1_000 });
    standIn = await startElasticStandIn();
    elog = createElogDatasource(elogConfigSchema.parse({ url: elogSim.url })) as ElogDatasource;
    jobs = new JobsAggsDatasource({
      url: jobsSim.url,
      tokenUrl: jobsSim.tokenUrl,
      clientId: jobsSim.clientId,
      clientSecret: jobsSim.clientSecret,
      logger: pino({ level: 'silent' }),
    });
    elastic = createElasticDatasource({
      url: standIn.url,
      index: 'flux-jobs',
      stateIndex: 'flux-jobs.state',
      requestTimeoutMs: 5_000,
      pitKeepAlive: '1m',
      maxRetries: 0,
    });
    await jobs.ping();
  });
  afterAll(async () => {
    await Promise.all([elog.close(), jobs.close(), elastic.close()]);
    await Promise.all([elogSim.close(), jobsSim.close(), standIn.close()]);
  });

  it.each(GARBAGE)('%s', async (mode) => {
    const calls: Array<[string, { set(mode: HttpFaultMode): void }, () => Promise<unknown>]> = [
      ['elog', elogSim.faults, () => elog.activeExperiment('mfx')],
      [
        'jobs-aggs',
        jobsSim.faults,
        () => jobs.aggregate({}, [{ name: 's', kind: 'TERMS', field: 'job.state', size: 3 }]),
      ],
      ['elasticsearch', standIn.faults, () => elastic.searchHistory({ first: 1 })],
    ];
    for (const [backend, faults, call] of calls) {
      faults.set(mode);
      try {
        const error = await call().then(
          () => new Error(`${backend} accepted ${mode}`),
          (e: unknown) => e,
        );
        expect({
          backend,
          code: (error as { extensions?: Record<string, unknown> }).extensions?.code,
          from: (error as { extensions?: Record<string, unknown> }).extensions?.backend,
        }).toEqual({
          backend,
          code:
            backend === 'elasticsearch' && mode === 'truncated'
              ? expect.stringMatching(/^UPSTREAM_(ERROR|UNAVAILABLE)$/)
              : EXPECTED[mode],
          from: backend,
        });
        if (mode === 'huge' && backend !== 'elasticsearch')
          expect((error as Error).message).toMatch(/over the \d+-byte limit/);
      } finally {
        faults.set('none');
      }
    }
  });

  it('kept memory bounded while refusing 24 MiB answers', () => {
    // Three clients each read at most their cap (16 + 8 + 64 MiB) once, then drop it.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(400 * 1024 * 1024);
  });
});
