import { generateDataset } from '../../../src/simulators/dataset';
import { startClustersGateway } from '../../support/clusters-gateway';
import type { ClustersGateway } from '../../support/clusters-gateway';

const NOW = 1_795_400_000;

interface Buckets {
  c: { total: number; aggregations: Array<{ buckets: Array<{ key: string; docCount: number }> }> } | null;
}

/**
 * Issue 18 (audit, stop 2): grouping by CLUSTER over the live jobs of several clusters. The
 * one-cluster case is pinned in aggregation-sources.test.ts; here two simulators, each job
 * counted under the cluster it was listed from.
 */
describe('jobAggregations by CLUSTER over two clusters', () => {
  const a = generateDataset({ seed: 11, jobCount: 180, now: NOW, days: 7 });
  const b = generateDataset({ seed: 12, jobCount: 70, now: NOW, days: 7 });
  let gateway: ClustersGateway;
  beforeAll(async () => {
    gateway = await startClustersGateway({ a: { dataset: a }, b: { dataset: b } });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('FLUX: one bucket per cluster with its own job count', async () => {
    const { body } = await gateway.query<Buckets>(
      `{ c: jobAggregations(source: FLUX, aggs: [{ name: "c", terms: { field: CLUSTER } }]) {
           total aggregations { buckets { key docCount } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.c?.total).toBe(a.jobs.length + b.jobs.length);
    expect(body.data?.c?.aggregations[0]?.buckets).toEqual([
      { key: 'a', docCount: a.jobs.length },
      { key: 'b', docCount: b.jobs.length },
    ]);
  });
});
