import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OtlpJsonTraceExporter } from '../../../src/server/tracing/otlp-json-exporter';
import { generateDataset } from '../../../src/simulators/dataset';
import { startAllBackendsGateway } from '../../support/all-backends-gateway';
import type { AllBackendsGateway } from '../../support/all-backends-gateway';
import { composeSupergraph, hiveTracing, startHiveRouter } from '../../support/federation-routers';
import type { TestRouter } from '../../support/federation-routers';
import { startOtlpReceiver } from '../../support/otlp-receiver';
import type { OtlpReceiver, ReceivedSpan } from '../../support/otlp-receiver';
import { PROPOSALS_SDL, startProposalsSubgraph } from '../../support/proposals-subgraph';
import type { ProposalsSubgraph } from '../../support/proposals-subgraph';
import { TEST_OPERATOR, proxyHeaderCallers } from '../../support/test-callers';

/**
 * Issue 16 §4: one query through Hive Gateway with its tracing on, jobgraph exporting to the same
 * local OTLP/HTTP receiver (JOBGRAPH_OTEL_EXPORTER_OTLP_ENDPOINT): one trace holds the router's
 * spans, jobgraph's operation span (child of the router's subgraph fetch, through traceparent),
 * the loader batches and a span per backend call, each below the operation span.
 */
const dataset = generateDataset({ seed: 31, jobCount: 300, now: 1_760_000_000 });
const callers = proxyHeaderCallers();

describe('a trace across Hive Gateway and jobgraph', () => {
  let receiver: OtlpReceiver;
  let gw: AllBackendsGateway;
  let proposals: ProposalsSubgraph;
  let router: TestRouter;
  let tracing: ReturnType<typeof hiveTracing>;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    gw = await startAllBackendsGateway(dataset, 2_000, {
      JOBGRAPH_FEDERATION: 'on',
      JOBGRAPH_OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      ...callers.env,
    });
    const experiments = dataset.experiments.filter((e) => e.isActive && e.station === 0).map((e) => e.name);
    proposals = await startProposalsSubgraph([{ id: 'P-3001', title: 'Traced', experiments: experiments.slice(0, 1) }]);
    tracing = hiveTracing(new OtlpJsonTraceExporter(`${receiver.url}/v1/traces`));
    router = await startHiveRouter(
      composeSupergraph([
        {
          name: 'jobgraph',
          url: `${gw.url}/graphql`,
          sdl: readFileSync(join(__dirname, '..', '..', '..', 'subgraph.graphql'), 'utf8'),
        },
        { name: 'proposals', url: proposals.url, sdl: PROPOSALS_SDL },
      ]),
      { plugins: tracing.plugins },
    );
  });
  afterAll(async () => {
    await router?.close();
    tracing?.disable();
    await proposals?.close();
    await gw?.close();
    await receiver?.close();
  });

  it('holds the router span, the operation span and one span per backend call, parents right', async () => {
    const body = await router.query(
      `query Traced($id: ID!) { proposal(id: $id) { title experiments { name runs(first: 2) { number } } }
         profileReports(first: 2) { nodes { id job { id name } } }
         jobAggregations(source: JOBS_API, aggs: [{ name: "s", terms: { rawField: "job.state" } }]) { total } }`,
      { id: 'P-3001' },
      await callers.headers(TEST_OPERATOR),
    );
    expect(body.errors).toBeUndefined();
    const operation = (s: ReceivedSpan): boolean => s.service === 'jobgraph' && s.name.startsWith('graphql query');
    for (let i = 0; i < 100 && !receiver.spans.some(operation); i++) await new Promise((r) => setTimeout(r, 100));
    await gw.server.close(1_000); // flushes jobgraph's batch of spans
    const operations = receiver.spans.filter(operation);
    expect(operations.length).toBeGreaterThan(0);
    const traceId = operations[0]?.traceId as string;
    const trace = receiver.spans.filter((s) => s.traceId === traceId);
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    // The router's spans and jobgraph's share the trace; each jobgraph operation hangs under a router span.
    const routerSpans = trace.filter((s) => s.service === 'hive-gateway');
    expect(routerSpans.length).toBeGreaterThan(0);
    for (const op of operations) expect(byId.get(op.parentSpanId)?.service).toBe('hive-gateway');
    expect(new Set(operations.map((o) => o.traceId))).toEqual(new Set([traceId]));
    // Every jobgraph span below an operation span; a span per backend call: Flux RPC, eLog route, report index, jobs/aggs request.
    const underOperation = (s: ReceivedSpan): boolean => {
      for (let p = byId.get(s.parentSpanId); p; p = byId.get(p.parentSpanId)) if (operation(p)) return true;
      return false;
    };
    const jobgraphSpans = trace.filter((s) => s.service === 'jobgraph' && !operation(s));
    expect(jobgraphSpans.filter((s) => !underOperation(s)).map((s) => s.name)).toEqual([]);
    const names = jobgraphSpans.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['flux job-list.list-id', 'sciagraph.iterateReports']));
    expect(names.some((n) => n.startsWith('elog '))).toBe(true);
    expect(names.some((n) => n.startsWith('jobs-aggs '))).toBe(true);
    expect(names.some((n) => n.startsWith('loader '))).toBe(true);
    const fluxCall = jobgraphSpans.find((s) => s.name === 'flux job-list.list-id') as ReceivedSpan;
    expect(byId.get(fluxCall.parentSpanId)?.name).toBe('loader flux.job');
  });
});
