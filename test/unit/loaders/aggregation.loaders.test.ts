import type {
  AggregationBackend,
  AggregationFilterSpec,
  AggregationSpec,
} from '../../../src/datasources/aggregation/aggregation-query';
import { BadUserInputError, UpstreamUnavailableError } from '../../../src/errors';
import { createAggregationLoader } from '../../../src/loaders/aggregation.loaders';

/** A backend that answers each aggregation with its own name as the value and records its calls. */
function recordingBackend(): AggregationBackend & { calls: Array<{ filter: AggregationFilterSpec; names: string[] }> } {
  const calls: Array<{ filter: AggregationFilterSpec; names: string[] }> = [];
  return {
    calls,
    async aggregate(filter, aggs: AggregationSpec[]) {
      calls.push({ filter, names: aggs.map((a) => a.name) });
      if (aggs.some((a) => a.field === 'bad')) throw new BadUserInputError('bad field');
      return { total: 42, aggregations: aggs.map((a) => ({ name: a.name, kind: a.kind, value: a.name.length })) };
    },
  };
}

const terms = (name: string, field = 'QUEUE'): AggregationSpec => ({ name, kind: 'TERMS', field, size: 3 });

test('fields with the same source and filter share one backend call; names are kept per field', async () => {
  const backend = recordingBackend();
  const loader = createAggregationLoader(
    { ELASTICSEARCH: backend },
    (s) => new UpstreamUnavailableError('elasticsearch', `${s} off`),
  );
  const [a, b, c] = await Promise.all([
    loader.load({ source: 'ELASTICSEARCH', filter: { queues: ['x'], from: 1 }, aggs: [terms('q')] }),
    loader.load({ source: 'ELASTICSEARCH', filter: { from: 1, queues: ['x'] }, aggs: [terms('q'), terms('r')] }),
    loader.load({ source: 'ELASTICSEARCH', filter: { from: 2 }, aggs: [terms('q')] }),
  ]);
  expect(backend.calls).toHaveLength(2);
  expect(backend.calls[0]?.names).toEqual(['f0__q', 'f1__q', 'f1__r']);
  // A field asked alone keeps its names: errors then name the caller's aggregation, never f0__….
  expect(backend.calls[1]?.names).toEqual(['q']);
  expect(a.aggregations.map((x) => x.name)).toEqual(['q']);
  expect(b.aggregations.map((x) => x.name)).toEqual(['q', 'r']);
  expect(c.total).toBe(42);
});

test('an invalid field fails alone, and a source without a backend is unavailable', async () => {
  const backend = recordingBackend();
  const loader = createAggregationLoader(
    { ELASTICSEARCH: backend },
    (s) => new UpstreamUnavailableError('jobs-aggs', `${s} not configured`),
  );
  const [good, bad, off] = await Promise.allSettled([
    loader.load({ source: 'ELASTICSEARCH', filter: {}, aggs: [terms('q')] }),
    loader.load({ source: 'ELASTICSEARCH', filter: {}, aggs: [{ ...terms('b', 'bad'), raw: true }] }),
    loader.load({ source: 'JOBS_API', filter: {}, aggs: [terms('q')] }),
  ]);
  expect(good.status).toBe('fulfilled');
  expect(bad).toMatchObject({ status: 'rejected', reason: { code: 'BAD_USER_INPUT' } });
  expect(off).toMatchObject({ status: 'rejected', reason: { code: 'UPSTREAM_UNAVAILABLE' } });
  expect(backend.calls.map((call) => call.names)).toEqual([['f0__q', 'f1__b'], ['q'], ['b']]);
});

test('vocabulary fields reach the backend in its own names; a field the source lacks fails that field alone', async () => {
  const backend = recordingBackend();
  const seen: string[] = [];
  const loader = createAggregationLoader(
    {
      JOBS_API: {
        aggregate: (filter, aggs) => (seen.push(...aggs.map((a) => a.field)), backend.aggregate(filter, aggs)),
      },
    },
    (s) => new UpstreamUnavailableError('jobs-aggs', `${s} off`),
  );
  const [ok, lacking] = await Promise.allSettled([
    loader.load({ source: 'JOBS_API', filter: {}, aggs: [terms('u', 'USER'), terms('t', 'SUBMITTED_AT')] }),
    loader.load({ source: 'JOBS_API', filter: {}, aggs: [terms('s', 'STATE')] }),
  ]);
  expect(ok.status).toBe('fulfilled');
  expect(lacking).toMatchObject({
    status: 'rejected',
    reason: { message: expect.stringMatching(/source JOBS_API has no field STATE/) },
  });
  expect(seen).toEqual(['job.user', '@timestamp']);
});
