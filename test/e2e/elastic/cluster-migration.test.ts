import type { ElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import type { JobDocument } from '../../../src/datasources/elastic/job-document';
import { toFluxJob } from '../../../src/datasources/elastic/job-document.mapper';
import { ensureForwarderStateIndex } from '../../../src/datasources/elastic/job-history.index';
import {
  JOB_HISTORY_ADDED_PROPERTIES,
  jobHistoryProperties,
} from '../../../src/datasources/elastic/job-history.mapping';
import { readForwarderState, writeForwarderState } from '../../../src/datasources/elastic/forwarder-state.store';
import { createFluxDatasource } from '../../../src/datasources/flux/create-flux-datasource';
import { buildJobDocument } from '../../../src/forwarder/job-document.builder';
import { runForwarder } from '../../../src/forwarder/run-forwarder';
import { generateDataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { describeElastic, dropDatasource, pageAllIds, testDatasource } from './elastic-test-env';
import { storedIds } from './forward-cli';

const CONFIG = {
  forwardBatchSize: 200,
  forwardLookupConcurrency: 64,
  forwardBulksInFlight: 2,
  forwardWindowJobs: 100_000,
  forwardEnvironment: ['EXPERIMENT', 'RUN_NUM'],
  followIntervalMs: 200,
};

// docs/clusters.md, "Index migration": an index written before clusters existed (schema version 1: no
// `cluster` field, `_id` = the decimal job id, one watermark keyed by the FLUX_URI) is taken over in
// place: the mapping gains `cluster`, the cluster's watermark starts where the old one stood (no job
// forwarded twice), new jobs get `<cluster>:<id>` documents, and the old documents keep answering.
describeElastic('index migration to per-cluster documents and watermarks', () => {
  let es: ElasticDatasource;
  let sim: FluxSimulator;
  const dataset = generateDataset({ seed: 41, jobCount: 1200, now: 1_795_400_000, days: 7 });
  const inactive = dataset.jobs
    .map((j) => j.job)
    .filter((job) => job.state === 'INACTIVE')
    .sort((a, b) => (a.tInactive as number) - (b.tInactive as number));
  const old = inactive.slice(0, Math.floor(inactive.length / 2));
  const oldSince = old.at(-1)?.tInactive as number;
  const legacy = old.filter((job) => (job.tInactive as number) <= oldSince);

  beforeAll(async () => {
    sim = await startFluxSimulator({ dataset });
    es = testDatasource('migration', { maxRetries: 0 });
    // The index as a forwarder before clusters left it.
    const properties: Record<string, unknown> = { ...jobHistoryProperties };
    for (const added of Object.keys(JOB_HISTORY_ADDED_PROPERTIES)) delete properties[added];
    await es.client.indices.create({
      index: `${es.index}-000001`,
      aliases: { [es.index]: { is_write_index: true } },
      mappings: { dynamic: 'strict', properties: properties as never },
    });
    const documents = legacy.map((job) =>
      buildJobDocument(job, null, { instance: sim.uri, environment: [], now: Date.now() }),
    );
    await es.indexJobs(
      documents.map((document) => ({ id: document.id, document })),
      { refresh: 'wait_for' },
    );
    await ensureForwarderStateIndex(es.client, es.stateIndex);
    await writeForwarderState(
      es.client,
      es.stateIndex,
      { state: { instance: sim.uri, since: 0, jobsForwarded: 0 } },
      {
        instance: sim.uri,
        since: oldSince,
        jobsForwarded: legacy.length,
      },
    );
  });
  afterAll(async () => {
    await dropDatasource(es);
    await sim.close();
  });

  test('forwards only what the old watermark did not cover, under cluster ids; old documents keep answering', async () => {
    const flux = createFluxDatasource({ uri: sim.uri, timeoutMs: 10_000 });
    try {
      const report = await runForwarder({
        clusters: [{ name: 'psana', flux, uri: sim.uri }],
        elastic: es,
        config: CONFIG,
      });
      expect(report.previousSince).toBe(oldSince);
      expect(report.forwarded).toBe(inactive.length - legacy.length);
      expect(flux.rpcCounts()['job-info.lookup']).toBe(inactive.length - legacy.length);
    } finally {
      await flux.close();
    }
    const ids = await storedIds(es);
    expect(ids).toHaveLength(inactive.length);
    expect(ids.filter((id) => id.startsWith('psana:'))).toHaveLength(inactive.length - legacy.length);
    expect(ids.filter((id) => /^\d+$/.test(id)).sort()).toEqual(legacy.map((job) => job.id.toString()).sort());
    const mapping = await es.client.indices.getMapping({ index: es.index });
    expect(Object.values(mapping)[0]?.mappings.properties?.['cluster']).toEqual({ type: 'keyword' });
    const { state } = await readForwarderState(es.client, es.stateIndex, 'psana');
    expect(state.since).toBe(inactive.at(-1)?.tInactive);
    expect(state.jobsForwarded).toBe(inactive.length);

    // Searches see old and new documents alike; a lookup by cluster finds an old document by its bare id.
    await es.refresh();
    expect(new Set(await pageAllIds(es, { first: 500 })).size).toBe(inactive.length);
    const [oldDoc, newDoc] = await es.getJobs([legacy[0]?.id as bigint, inactive.at(-1)?.id as bigint], {
      cluster: 'psana',
    });
    expect(oldDoc?.id).toBe(legacy[0]?.id.toString());
    expect(oldDoc?.cluster).toBeUndefined();
    expect(newDoc?.cluster).toBe('psana');
    expect(toFluxJob(newDoc as JobDocument).cluster).toBe('psana');
    // A clusters filter: the cluster's own documents, plus the old ones when it is the default cluster.
    const count = async (orMissing: boolean) =>
      (await pageAllIds(es, { first: 500, filter: { clusters: { names: ['psana'], orMissing } } })).length;
    expect(await count(false)).toBe(inactive.length - legacy.length);
    expect(await count(true)).toBe(inactive.length);
    expect((await pageAllIds(es, { first: 500, filter: { clusters: { names: [], orMissing: false } } })).length).toBe(
      0,
    );
  }, 120_000);
});
