import { generateDataset } from '../../../src/simulators/dataset';
import { startGatewayHarness } from '../../support/gateway-harness';
import type { GatewayHarness } from '../../support/gateway-harness';

/**
 * The bytes of GraphQL answers over HTTP (src/server/http/utf8-body.ts: Apollo's text handed to fastify
 * as UTF-8 bytes encoded once, the JSON piece without flattening `json + "\n"`): exactly Apollo's default
 * text — `JSON.stringify(result) + "\n"` — with a matching content-length, for small and large (two-byte:
 * job ids hold `ƒ`) answers, error answers, GET, and answers of requests running at the same time.
 */
const dataset = generateDataset({ seed: 5, jobCount: 400 });
const PAGE = (first: number): string =>
  `{ jobs(first: ${first}) { edges { node { id eventlog { name timestamp context } jobspec { command attributes resources } } } pageInfo { endCursor } } }`;

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness(dataset);
});
afterAll(() => gw.close());

async function raw(
  init: RequestInit & { url?: string },
): Promise<{ status: number; bytes: Buffer; length: string | null }> {
  const response = await fetch(init.url ?? `${gw.url}/graphql`, init);
  return {
    status: response.status,
    bytes: Buffer.from(await response.arrayBuffer()),
    length: response.headers.get('content-length'),
  };
}

/** POSTs `query` asking for the answer as it is (`identity`: not compressed, so it has a content-length). */
const post = (
  query: string,
  encoding = 'identity',
): Promise<{ status: number; bytes: Buffer; length: string | null }> =>
  raw({
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-encoding': encoding },
    body: JSON.stringify({ query }),
  });

/** The text is Apollo's default answer text: canonical JSON and one newline, its bytes its UTF-8. */
function expectApolloText(answer: { bytes: Buffer; length: string | null }): Record<string, unknown> {
  const text = answer.bytes.toString('utf8');
  expect(text.endsWith('}\n')).toBe(true);
  const value = JSON.parse(text) as Record<string, unknown>;
  expect(text).toBe(`${JSON.stringify(value)}\n`);
  expect(Buffer.from(text, 'utf8').equals(answer.bytes)).toBe(true);
  expect(answer.length).toBe(String(answer.bytes.length));
  return value;
}

describe('GraphQL answers over HTTP, byte for byte', () => {
  it('a large two-byte page and a small answer are Apollo’s text with its length', async () => {
    const large = await post(PAGE(300));
    expect(large.status).toBe(200);
    const body = expectApolloText(large) as { data: { jobs: { edges: Array<{ node: { id: string } }> } } };
    expect(body.data.jobs.edges).toHaveLength(300);
    expect(body.data.jobs.edges[0]?.node.id).toMatch(/^ƒ/);
    expect(large.bytes.length).toBeGreaterThan(100_000);
    const small = await post('{ jobs(first: 1) { edges { node { id } } } }');
    expect(small.bytes.length).toBeLessThan(4096);
    expectApolloText(small);
  });

  it('error answers and GET answers are Apollo’s text with its length', async () => {
    const invalid = await post('{ jobs(first: 1) { edges { node { nope } } } }');
    expect(invalid.status).toBe(400);
    expect(expectApolloText(invalid)).toHaveProperty('errors');
    const query = encodeURIComponent('{ jobs(first: 2) { edges { node { id } } } }');
    const get = await raw({
      url: `${gw.url}/graphql?query=${query}`,
      headers: { 'apollo-require-preflight': 'true', 'accept-encoding': 'identity' },
    });
    expect(get.status).toBe(200);
    expectApolloText(get);
  });

  it('a compressed answer decodes to the same text', async () => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body: JSON.stringify({ query: PAGE(100) }),
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const text = await response.text();
    expect(text).toBe(`${JSON.stringify(JSON.parse(text))}\n`);
    expect(text).toBe((await post(PAGE(100))).bytes.toString('utf8'));
  });

  it('answers of requests running at the same time are each their own, as when made one by one', async () => {
    const sizes = [50, 120, 50, 200, 7, 120];
    const together = await Promise.all(sizes.map((first) => post(PAGE(first))));
    for (const [i, first] of sizes.entries()) {
      const alone = await post(PAGE(first));
      const [a, b] = [
        expectApolloText(together[i] as { bytes: Buffer; length: string | null }),
        expectApolloText(alone),
      ];
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    }
  });
});
