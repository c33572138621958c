import type { ElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import { BACKFILL_REFRESH_INTERVAL, relaxRefreshForBackfill } from '../../../src/datasources/elastic/refresh-relax';
import { describeElastic, dropDatasource, testDatasource } from './elastic-test-env';

describeElastic('refresh interval relaxed during a backfill', () => {
  let es: ElasticDatasource;
  const interval = async () => {
    const settings = await es.client.indices.getSettings({ index: es.index, name: 'index.refresh_interval' });
    return Object.values(settings).map((entry) => entry.settings?.index?.refresh_interval);
  };
  beforeAll(async () => {
    es = testDatasource('refresh');
    await es.ensureIndices();
  });
  afterAll(async () => dropDatasource(es));

  test('an unset interval is relaxed and restored; one left by a killed run is taken over', async () => {
    expect(await interval()).toEqual([undefined]);
    const restore = await relaxRefreshForBackfill(es.client, es.index);
    expect(await interval()).toEqual([BACKFILL_REFRESH_INTERVAL]);
    // A second forwarder pass after a kill finds the relaxed value and owns it.
    const again = await relaxRefreshForBackfill(es.client, es.index);
    expect(again).toBeDefined();
    await again?.();
    expect(await interval()).toEqual([undefined]);
    await restore?.();
    expect(await interval()).toEqual([undefined]);
  });

  test('an interval an operator chose is left alone', async () => {
    await es.client.indices.putSettings({ index: es.index, settings: { index: { refresh_interval: '5s' } } });
    expect(await relaxRefreshForBackfill(es.client, es.index)).toBeUndefined();
    expect(await interval()).toEqual(['5s']);
  });
});
