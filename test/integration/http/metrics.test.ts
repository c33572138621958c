import { generateDataset } from '../../../src/simulators/dataset';
import { startProfiledGateway } from '../../support/profiled-gateway';
import type { ProfiledGateway } from '../../support/profiled-gateway';

/** One sample of the scrape: the value of `name{labels}` (labels in any order), undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (
      Object.entries(labels).every(([k, v]) => found[k] === v) &&
      Object.keys(found).length === Object.keys(labels).length
    )
      return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  const dataset = generateDataset({ seed: 31, jobCount: 300, now: 1_760_000_000 });
  let gw: ProfiledGateway;
  const scrape = async (): Promise<string> => {
    const response = await fetch(`${gw.base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };
  const gql = async (query: string) =>
    (
      await fetch(`${gw.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      })
    ).json() as Promise<{ errors?: Array<{ extensions?: Record<string, unknown> }> }>;

  beforeAll(async () => {
    gw = await startProfiledGateway(dataset, { seed: 31, faults: true, env: { JOBGRAPH_FLUX_TIMEOUT_MS: '1000' } });
  });
  afterAll(() => gw.close());

  it('counts and times every backend call the requests made (the same counts as the request log)', async () => {
    expect(
      (
        await gql(
          '{ jobs(first: 20) { nodes { id userName eventlog { name } profile { jobId } } } jobStats { successful } }',
        )
      ).errors,
    ).toBeUndefined();
    expect((await gql('{ jobs(first: 5) { nodes { id jobspec { command } } } }')).errors).toBeUndefined();
    const text = await scrape();
    const logged: Record<string, number> = {};
    for (const line of gw.logs.filter((l) => l['msg'] === 'graphql request'))
      for (const [label, n] of Object.entries((line['backendCalls'] ?? {}) as Record<string, number>))
        logged[label] = (logged[label] ?? 0) + n;
    expect(Object.keys(logged)).toEqual(
      expect.arrayContaining([
        'flux.listJobs',
        'flux.lookup',
        'flux.jobStats',
        'users.namesByUid',
        'sciagraph.findCredited',
      ]),
    );
    for (const [label, n] of Object.entries(logged)) {
      const [backend = '', method = ''] = label.split('.');
      expect([label, sample(text, 'jobgraph_backend_calls_total', { backend, method, outcome: 'ok' })]).toEqual([
        label,
        n,
      ]);
      expect([label, sample(text, 'jobgraph_backend_call_duration_seconds_count', { backend, method })]).toEqual([
        label,
        n,
      ]);
    }
    expect(
      sample(text, 'jobgraph_backend_call_duration_seconds_sum', { backend: 'flux', method: 'listJobs' }),
    ).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes', {})).toBeGreaterThan(0);
  });

  it('exposes the Sciagraph index figures', async () => {
    const text = await scrape();
    const counts = gw.sciagraph.statusCounts();
    expect(counts.indexed).toBe(gw.sciagraph.size);
    expect(counts.invalid).toBeGreaterThan(0);
    for (const [status, n] of Object.entries(counts))
      expect([status, sample(text, 'jobgraph_sciagraph_reports', { status })]).toEqual([status, n]);
    expect(sample(text, 'jobgraph_sciagraph_root_up', { root: gw.sciagraph.rootHealth()[0]?.root ?? '' })).toBe(1);
  });

  it('counts failures by error code and shows the Flux breaker opening', async () => {
    const before = await scrape();
    expect(sample(before, 'jobgraph_backend_breaker_state', { backend: 'flux', state: 'closed' })).toBe(1);
    expect(sample(before, 'jobgraph_backend_breaker_state', { backend: 'flux', state: 'open' })).toBe(0);
    gw.flux.stall(true);
    try {
      // Six calls time out together (1 s deadline): past the breaker's five consecutive failures.
      const answers = await Promise.all(Array.from({ length: 6 }, () => gql('{ jobStats { successful } }')));
      for (const answer of answers)
        expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', backend: 'flux' });
      expect((await gql('{ jobStats { successful } }')).errors?.[0]?.extensions).toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
        backend: 'flux',
      });
    } finally {
      gw.flux.stall(false);
    }
    const after = await scrape();
    expect(
      sample(after, 'jobgraph_backend_calls_total', {
        backend: 'flux',
        method: 'jobStats',
        outcome: 'UPSTREAM_TIMEOUT',
      }),
    ).toBe(6);
    expect(
      sample(after, 'jobgraph_backend_calls_total', {
        backend: 'flux',
        method: 'jobStats',
        outcome: 'UPSTREAM_UNAVAILABLE',
      }),
    ).toBe(1);
    expect(sample(after, 'jobgraph_backend_breaker_state', { backend: 'flux', state: 'open' })).toBe(1);
    expect(sample(after, 'jobgraph_backend_breaker_state', { backend: 'flux', state: 'closed' })).toBe(0);
  });
});
