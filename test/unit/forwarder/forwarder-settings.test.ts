import { loadConfig } from '../../../src/config';
import { DEFAULT_FORWARDER_SETTINGS, forwarderSettings } from '../../../src/forwarder/forwarder-settings';

test('the forwarder reads its settings from the configuration (#21 item 3: not from the Elasticsearch datasource)', () => {
  const settings = forwarderSettings(
    loadConfig({
      env: {
        JOBGRAPH_ELASTICSEARCH_URL: 'http://127.0.0.1:9200',
        JOBGRAPH_ELASTICSEARCH_FORWARD_BATCH_SIZE: '7',
        JOBGRAPH_ELASTICSEARCH_FORWARD_LOOKUP_CONCURRENCY: '3',
        JOBGRAPH_ELASTICSEARCH_FORWARD_BULKS_IN_FLIGHT: '5',
        JOBGRAPH_ELOG_RUN_ATTRIBUTE: 'scan',
      },
    }),
  );
  expect(settings.config).toMatchObject({ forwardBatchSize: 7, forwardLookupConcurrency: 3, forwardBulksInFlight: 5 });
  expect(settings.linkKeys).toEqual({ experimentAttribute: 'experiment', runAttribute: 'scan' });
});

test('without a server the defaults are the configuration defaults', () => {
  expect(DEFAULT_FORWARDER_SETTINGS).toEqual(forwarderSettings(loadConfig({ env: {} })));
  expect(DEFAULT_FORWARDER_SETTINGS.config).toMatchObject({
    forwardBatchSize: 1000,
    forwardLookupConcurrency: 256,
    forwardBulksInFlight: 2,
    forwardWindowJobs: 100_000,
  });
});
