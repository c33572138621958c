import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import pino from 'pino';
import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { loadConfig } from '../../../src/config';
import { createDatasources } from '../../../src/datasources/create-datasources';
import { createServer } from '../../../src/server/create-server';
import type { GatewayServer } from '../../../src/server/create-server';

const ALLOWED = 'https://dash.example.org';
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** A schema with a mutation, to check the HTTP rules the gateway's Apollo Server applies to mutations. */
const schemaWithMutation = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: { hello: { type: GraphQLString, resolve: () => 'x'.repeat(4096) } },
  }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: { touch: { type: GraphQLString, resolve: () => 'touched' } },
  }),
});

async function start(
  env: Record<string, string>,
  schema?: GraphQLSchema,
): Promise<{ server: GatewayServer; url: string }> {
  const config = loadConfig({ env: { JOBGRAPH_PORT: '0', ...env } });
  const server = await createServer({
    config,
    ...createDatasources(config),
    logger: pino({ level: 'silent' }),
    ...(schema ? { schema } : {}),
  });
  return { server, url: `${await server.listen()}/graphql` };
}

describe('HTTP conveniences of the GraphQL endpoint', () => {
  let gateway: { server: GatewayServer; url: string };
  beforeAll(async () => {
    gateway = await start(
      { JOBGRAPH_CORS_ORIGINS: `${ALLOWED}, https://other.example.org`, JOBGRAPH_PLAYGROUND: 'off' },
      schemaWithMutation,
    );
  });
  afterAll(() => gateway.server.close(1000));

  it('runs a query sent by GET with a CSRF-prevention header', async () => {
    const response = await fetch(`${gateway.url}?query=${encodeURIComponent('{ hello }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { hello: string } }).data.hello).toHaveLength(4096);
  });

  it("keeps Apollo's CSRF prevention: a GET without a preflight-forcing header is refused", async () => {
    const response = await fetch(`${gateway.url}?query=${encodeURIComponent('{ hello }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
  });

  it('refuses a mutation sent by GET and runs it by POST', async () => {
    const get = await fetch(`${gateway.url}?query=${encodeURIComponent('mutation { touch }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(405);
    const post = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { touch }' }),
    });
    expect(await post.json()).toEqual({ data: { touch: 'touched' } });
  });

  it('answers a CORS preflight from an allowed origin and names no origin for others', async () => {
    const preflight = (origin: string): Promise<Response> =>
      fetch(gateway.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const allowed = await preflight(ALLOWED);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await preflight('https://evil.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await fetch(gateway.url, {
      method: 'POST',
      headers: { origin: ALLOWED, 'content-type': 'application/json' },
      body: '{"query":"{ hello }"}',
    });
    expect(simple.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('compresses large responses for clients that accept it', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body: JSON.stringify({ query: '{ hello }' }),
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    // fetch decodes transparently; read the raw body through a second request without decoding.
    const raw = await new Promise<Buffer>((resolve, reject) => {
      const request = httpRequest(
        gateway.url,
        { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify({ query: '{ hello }' }));
    });
    expect(raw.length).toBeLessThan(1024);
    expect(JSON.parse(gunzipSync(raw).toString('utf8')).data.hello).toHaveLength(4096);
  });

  it('shows a browser an HTML page for a malformed request, and a GraphQL client JSON', async () => {
    const browser = await fetch(gateway.url, { headers: { accept: BROWSER_ACCEPT } });
    expect(browser.status).toBe(400);
    expect(browser.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await browser.text();
    expect(page).toContain("jobgraph's GraphQL endpoint");
    expect(page).toContain('JOBGRAPH_PLAYGROUND');
    const client = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '{"query": "{ hello "}',
    });
    expect(client.status).toBe(400);
    expect(((await client.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('a gateway configured with no CORS origins', () => {
  it('sends no CORS headers at all', async () => {
    const gateway = await start({});
    try {
      const response = await fetch(gateway.url, {
        method: 'OPTIONS',
        headers: { origin: ALLOWED, 'access-control-request-method': 'POST' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await gateway.server.close(1000);
    }
  });
});
