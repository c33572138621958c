import { generateDataset } from '../../../src/simulators/dataset';
import { startAllBackendsGateway } from '../../support/all-backends-gateway';
import type { AllBackendsGateway } from '../../support/all-backends-gateway';
import { startOtlpReceiver } from '../../support/otlp-receiver';
import type { OtlpReceiver, ReceivedSpan } from '../../support/otlp-receiver';
import { TEST_OPERATOR, proxyHeaderCallers } from '../../support/test-callers';
import { describeElastic, elasticUrl } from './elastic-test-env';

/**
 * Issue 16 §4 (audit, stop 2): the Elasticsearch request span. tracing.test.ts pins the router's
 * trace over Flux, eLog, Sciagraph and jobs/aggs; the all-backends gateway there has no
 * Elasticsearch. Here the real node: a `jobHistory` query sent with a W3C traceparent gives, in
 * that trace, jobgraph's operation span under the caller's span and an `elastic.*` span under it.
 */
const dataset = generateDataset({ seed: 41, jobCount: 150, now: 1_760_000_000 });
const callers = proxyHeaderCallers();
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN = '00f067aa0ba902b7';

describeElastic('an Elasticsearch request in the trace', () => {
  let receiver: OtlpReceiver;
  let gw: AllBackendsGateway;
  const index = `jg-tracing-${process.pid}`;
  const ask = async (query: string, headers: Record<string, string> = {}): Promise<any> => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await callers.headers(TEST_OPERATOR)), ...headers },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    gw = await startAllBackendsGateway(dataset, 10_000, {
      JOBGRAPH_ELASTICSEARCH_URL: elasticUrl as string,
      JOBGRAPH_ELASTICSEARCH_INDEX: index,
      JOBGRAPH_ELASTICSEARCH_STATE_INDEX: `${index}.state`,
      JOBGRAPH_OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      ...callers.env,
    });
    await ask('mutation { forwardJobs { forwarded } }');
    await gw.datasources.elastic?.refresh();
  }, 120_000);
  afterAll(async () => {
    await gw?.datasources.elastic?.client?.indices
      .delete({ index: `${index}*`, allow_no_indices: true, ignore_unavailable: true })
      .catch(() => undefined);
    await gw?.close();
    await receiver?.close();
  });

  it('holds the operation span under the caller’s span and an elastic span under the operation', async () => {
    const data = await ask('query History { jobHistory(first: 5) { nodes { id } } }', {
      traceparent: `00-${TRACE_ID}-${PARENT_SPAN}-01`,
    });
    expect(data.jobHistory.nodes.length).toBeGreaterThan(0);
    await gw.server.close(1_000); // flushes jobgraph's batch of spans
    const trace = receiver.spans.filter((s) => s.traceId === TRACE_ID);
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const operation = trace.find((s) => s.name === 'graphql query History') as ReceivedSpan;
    expect(operation).toBeDefined();
    expect(operation.parentSpanId).toBe(PARENT_SPAN);
    const elastic = trace.filter((s) => s.name.startsWith('elastic.'));
    expect(elastic.length).toBeGreaterThan(0);
    for (const span of elastic) {
      let p = byId.get(span.parentSpanId);
      while (p && p !== operation) p = byId.get(p.parentSpanId);
      expect(p).toBe(operation);
    }
  });
});
