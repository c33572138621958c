import type { ElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import { createElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import type { JobDocument } from '../../../src/datasources/elastic/job-document';
import { JobgraphError } from '../../../src/errors';
import { SYNTHETIC_DAY_MS, syntheticJobDocuments } from '../../fixtures/elastic/job-documents';
import { describeElastic, dropDatasource, testDatasource } from './elastic-test-env';

const HOUR = 3_600_000;

describeElastic('job-history index on a real node', () => {
  let es: ElasticDatasource;
  const docs = syntheticJobDocuments(300);
  const items = (list: JobDocument[]) => list.map((document) => ({ id: document.id, document }));

  beforeAll(async () => {
    es = testDatasource('index');
    await es.ensureIndices();
    await es.ensureIndices();
    await es.indexJobs(items(docs), { refresh: 'wait_for' });
  });
  afterAll(async () => dropDatasource(es));

  test('installs a strict template once and keeps ids near 2^64 exact', async () => {
    const template = await es.client.indices.getIndexTemplate({ name: `jobgraph-${es.index}` });
    expect(template.index_templates[0]?.index_template.template?.mappings?.dynamic).toBe('strict');
    const maxId = 2n ** 64n - 1n;
    const found = await es.getJobs([maxId, 12345n, maxId - 1_000_003n]);
    expect(found.map((doc) => doc?.id ?? null)).toEqual(['18446744073709551615', null, '18446744073708551612']);
  });

  test('refuses a document the mapping does not know, without retrying', async () => {
    const bad = { ...(docs[0] as JobDocument), color: 'red' } as JobDocument;
    const error = await es.indexJobs([{ id: '1', document: bad }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobgraphError);
    expect((error as JobgraphError).code).toBe('UPSTREAM_ERROR');
    expect((error as JobgraphError).message).toContain('strict_dynamic_mapping_exception');
  });

  test('filters by the jobs filters, experiment, run and name text', async () => {
    const expected = docs
      .filter((d) => d.queue === 'roma' && d.result === 'FAILED')
      .map((d) => d.id)
      .sort();
    const page = await es.searchHistory({
      filter: { queues: ['roma'], results: ['FAILED'] },
      first: 1000,
      withTotal: true,
    });
    expect(page.edges.map((e) => e.node.id).sort()).toEqual(expected);
    expect(page.totalCount).toBe(expected.length);
    const runs = await es.searchHistory({ filter: { experiments: ['mfxp10223'], runs: [7] }, first: 1000 });
    expect(runs.edges.map((e) => e.node.id).sort()).toEqual(
      docs
        .filter((d) => d.experiment === 'mfxp10223' && d.run === 7)
        .map((d) => d.id)
        .sort(),
    );
    const text = await es.searchHistory({ filter: { nameText: 'calib merge' }, first: 1000 });
    const words = (d: JobDocument) => (d.name ?? '').split(' ');
    expect(text.edges.map((e) => e.node.id).sort()).toEqual(
      docs
        .filter((d) => words(d).includes('calib') && words(d).includes('merge'))
        .map((d) => d.id)
        .sort(),
    );
    const byId = await es.searchHistory({ filter: { ids: [2n ** 64n - 1n] }, first: 5 });
    expect(byId.edges.map((e) => e.node.id)).toEqual(['18446744073709551615']);
  });

  test('pages by id with no gap and no repeat while jobs are added', async () => {
    const extra = syntheticJobDocuments(5, 99).map((d, i) => ({ ...d, id: String(2n ** 64n - 2n - BigInt(i)) }));
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await es.searchHistory({
        sort: [{ field: 'id', order: 'asc' }],
        first: 37,
        ...(after ? { after } : {}),
      });
      seen.push(...page.edges.map((e) => e.node.id));
      after = page.hasNextPage ? page.edges[page.edges.length - 1]?.cursor : undefined;
      pages += 1;
      if (pages === 2) {
        // Ids that sort after the cursor: visible without the point in time, invisible with it.
        await es.indexJobs(items(extra), { refresh: 'wait_for' });
      }
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(docs.map((d) => d.id).sort());
    const numeric = seen.map(BigInt);
    expect(numeric.every((id, i) => i === 0 || (numeric[i - 1] as bigint) < id)).toBe(true);
    for (const doc of extra) await es.client.delete({ index: es.index, id: doc.id, refresh: true });
    const cursor = (await es.searchHistory({ first: 1 })).edges[0]?.cursor as string;
    await expect(es.searchHistory({ first: 1, after: cursor, filter: { queues: ['roma'] } })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  test('computes every aggregation kind in one search, as the documents say', async () => {
    const ran = docs.filter((d) => d.runtimeSeconds !== undefined);
    const runtimes = ran.map((d) => d.runtimeSeconds as number).sort((a, b) => a - b);
    const result = await es.aggregate({ from: SYNTHETIC_DAY_MS - 86_400_000, to: SYNTHETIC_DAY_MS + 86_400_000 }, [
      { name: 'by_queue', kind: 'TERMS', field: 'queue', size: 10 },
      { name: 'success', kind: 'TERMS', field: 'success', size: 2 },
      {
        name: 'per_6h',
        kind: 'DATE_HISTOGRAM',
        field: 'submittedAt',
        fixedInterval: '6h',
        extendedBounds: { min: SYNTHETIC_DAY_MS, max: SYNTHETIC_DAY_MS + 24 * HOUR - 1 },
      },
      {
        name: 'per_day',
        kind: 'DATE_HISTOGRAM',
        field: 'submittedAt',
        calendarInterval: 'day',
        minDocCount: 0,
        extendedBounds: { min: SYNTHETIC_DAY_MS - 24 * HOUR, max: SYNTHETIC_DAY_MS + 48 * HOUR },
      },
      { name: 'failed', kind: 'FILTER', field: 'result', value: 'FAILED' },
      {
        name: 'rt_ranges',
        kind: 'RANGE',
        field: 'runtimeSeconds',
        ranges: [{ to: 600 }, { from: 600, to: 3600 }, { from: 3600, key: 'long' }],
      },
      { name: 'avg_rt', kind: 'METRIC', field: 'runtimeSeconds', op: 'AVG' },
      { name: 'sum_cs', kind: 'METRIC', field: 'coreSeconds', op: 'SUM' },
      { name: 'min_rt', kind: 'METRIC', field: 'runtimeSeconds', op: 'MIN' },
      { name: 'max_rt', kind: 'METRIC', field: 'runtimeSeconds', op: 'MAX' },
      { name: 'users', kind: 'METRIC', field: 'userName', op: 'CARDINALITY' },
      { name: 'rt_pct', kind: 'METRIC', field: 'runtimeSeconds', op: 'PERCENTILES', percents: [50] },
    ]);
    const get = (name: string) => result.aggregations.find((a) => a.name === name);
    const count = (pred: (d: JobDocument) => boolean) => docs.filter(pred).length;
    expect(result.total).toBe(300);
    const queues = [...new Set(docs.map((d) => d.queue as string))].map((q) => ({
      key: q,
      docCount: count((d) => d.queue === q),
    }));
    expect(get('by_queue')?.buckets?.map((b) => b.docCount)).toEqual(
      queues.map((q) => q.docCount).sort((a, b) => b - a),
    );
    expect(Object.fromEntries(get('by_queue')?.buckets?.map((b) => [b.key, b.docCount]) ?? [])).toEqual(
      Object.fromEntries(queues.map((q) => [q.key, q.docCount])),
    );
    expect(Object.fromEntries(get('success')?.buckets?.map((b) => [b.key, b.docCount]) ?? [])).toEqual({
      true: count((d) => d.success === true),
      false: count((d) => d.success === false),
    });
    expect(get('per_6h')?.buckets?.map((b) => [b.key, b.docCount])).toEqual(
      [0, 1, 2, 3].map((q) => [
        // The bucket start in epoch ms, as every source keys DATE_HISTOGRAM buckets (was ISO here only).
        String(SYNTHETIC_DAY_MS + q * 6 * HOUR),
        count((d) => Math.floor((d.submittedAt - SYNTHETIC_DAY_MS) / (6 * HOUR)) === q),
      ]),
    );
    expect(get('per_day')?.buckets?.map((b) => b.docCount)).toEqual([0, 300, 0, 0]);
    expect(get('failed')?.docCount).toBe(count((d) => d.result === 'FAILED'));
    expect(get('rt_ranges')?.buckets?.map((b) => [b.key, b.docCount])).toEqual([
      ['*-600.0', runtimes.filter((r) => r < 600).length],
      ['600.0-3600.0', runtimes.filter((r) => r >= 600 && r < 3600).length],
      ['long', runtimes.filter((r) => r >= 3600).length],
    ]);
    expect(get('avg_rt')?.value).toBeCloseTo(runtimes.reduce((a, b) => a + b, 0) / runtimes.length, 6);
    expect(get('sum_cs')?.value).toBeCloseTo(
      ran.reduce((a, d) => a + (d.coreSeconds as number), 0),
      3,
    );
    expect(get('min_rt')?.value).toBe(runtimes[0]);
    expect(get('max_rt')?.value).toBe(runtimes[runtimes.length - 1]);
    expect(get('users')?.value).toBe(new Set(docs.map((d) => d.userName)).size);
    const median = get('rt_pct')?.percentiles?.[0];
    expect(median?.percent).toBe(50);
    const mid = (runtimes.length - 1) / 2;
    const linear = ((runtimes[Math.floor(mid)] as number) + (runtimes[Math.ceil(mid)] as number)) / 2;
    expect(Math.abs((median?.value as number) - linear)).toBeLessThan(0.02 * linear);
  });

  test('refuses unknown fields and wrong kinds before asking the cluster', async () => {
    await expect(es.aggregate({}, [{ name: 'x', kind: 'METRIC', field: 'queue', op: 'AVG' }])).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(es.aggregate({}, [{ name: 'x', kind: 'TERMS', field: 'queeu', size: 3 }])).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(
      es.aggregate({}, [
        {
          name: 'x',
          kind: 'DATE_HISTOGRAM',
          field: 'submittedAt',
          fixedInterval: '1s',
          extendedBounds: { min: 0, max: 86_400_000 },
        },
      ]),
    ).rejects.toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });
});

test('an unreachable cluster is UPSTREAM_UNAVAILABLE with backend elasticsearch', async () => {
  const down = createElasticDatasource({
    url: 'http://127.0.0.1:9',
    index: 'flux-jobs',
    stateIndex: 's',
    requestTimeoutMs: 2000,
    pitKeepAlive: '1m',
    maxRetries: 0,
  });
  await expect(down.searchHistory({ first: 1 })).rejects.toMatchObject({
    code: 'UPSTREAM_UNAVAILABLE',
    backend: 'elasticsearch',
  });
  await expect(down.aggregate({}, [{ name: 'n', kind: 'TERMS', field: 'queue', size: 1 }])).rejects.toMatchObject({
    code: 'UPSTREAM_UNAVAILABLE',
  });
  await down.close();
});
