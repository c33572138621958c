import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { applyServeDefaults, loadConfig } from '../../../src/config';
import { createDatasources } from '../../../src/datasources/create-datasources';
import { createServer } from '../../../src/server/create-server';
import type { GatewayServer } from '../../../src/server/create-server';

interface GraphQLBody {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

async function start(env: Record<string, string>): Promise<{ server: GatewayServer; url: string }> {
  const config = loadConfig({ env: { JOBGRAPH_PORT: '0', JOBGRAPH_PLAYGROUND: 'off', ...env } });
  const server = await createServer({
    config,
    ...createDatasources(config),
    logger: pino({ level: 'silent' }),
  });
  return { server, url: `${await server.listen()}/graphql` };
}
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('query limits over HTTP', () => {
  let gw: { server: GatewayServer; url: string };
  beforeAll(async () => {
    gw = await start({ JOBGRAPH_LIMIT_DEPTH: '4', JOBGRAPH_LIMIT_ALIASES: '3', JOBGRAPH_LIMIT_COST: '500' });
  });
  afterAll(() => gw.server.close(1000));

  it('refuses a deep query with QUERY_TOO_COMPLEX before anything runs', async () => {
    const response = await post(gw.url, {
      query: '{ jobs(first: 1) { edges { node { eventlog { name context } } } } }',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphQLBody;
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toBe('query depth is 5, over the limit of 4');
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 4, actual: 5 });
  });
  it('refuses too many aliases and too much cost, naming each', async () => {
    const aliases = await post(gw.url, {
      query:
        '{ a: jobStats { total: jobStates { total } } b: jobStats { jobStates { total } } c: jobStats { jobStates { total } } }',
    });
    expect(((await aliases.json()) as GraphQLBody).errors?.[0]?.extensions).toMatchObject({
      limit: 'aliases',
      max: 3,
      actual: 4,
    });
    const costly = await post(gw.url, {
      query: 'query($n: Int) { jobs(first: $n) { edges { node { id name } } } }',
      variables: { n: 200 },
    });
    expect(((await costly.json()) as GraphQLBody).errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'cost',
      max: 500,
    });
  });
  it('refuses a body over the size limit', async () => {
    const small = await start({ JOBGRAPH_BODY_LIMIT_BYTES: '2048' });
    try {
      const response = await post(small.url, { query: `{ job(id: "${'1'.repeat(4096)}") { id } }` });
      expect(response.status).toBe(413);
    } finally {
      await small.server.close(1000);
    }
  });
});

describe('callers over HTTP', () => {
  it('accepts the proxy header only from a trusted proxy, and answers 401 otherwise', async () => {
    const trusted = await start({ JOBGRAPH_AUTH: 'proxy-header', JOBGRAPH_AUTH_TRUSTED_PROXIES: '127.0.0.1' });
    const untrusted = await start({ JOBGRAPH_AUTH: 'proxy-header', JOBGRAPH_AUTH_TRUSTED_PROXIES: '192.0.2.1' });
    try {
      const ok = await post(trusted.url, { query: '{ __typename }' }, { 'x-remote-user': 'alice' });
      expect(await ok.json()).toEqual({ data: { __typename: 'Query' } });
      const missing = await post(trusted.url, { query: '{ __typename }' });
      expect(missing.status).toBe(401);
      expect(((await missing.json()) as GraphQLBody).errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
      const spoofed = await post(untrusted.url, { query: '{ __typename }' }, { 'x-remote-user': 'flux' });
      expect(spoofed.status).toBe(401);
      expect(((await spoofed.json()) as GraphQLBody).errors?.[0]?.message).toMatch(/trusted proxy/);
    } finally {
      await trusted.server.close(1000);
      await untrusted.server.close(1000);
    }
  });
  it('rate-limits a caller with 429 and Retry-After', async () => {
    const gw = await start({ JOBGRAPH_AUTH: 'proxy-header', JOBGRAPH_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const as = (user: string) => post(gw.url, { query: '{ __typename }' }, { 'x-remote-user': user });
      expect((await as('alice')).status).toBe(200);
      expect((await as('alice')).status).toBe(200);
      const limited = await as('alice');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await limited.json()) as GraphQLBody).errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect((await as('bob')).status).toBe(200);
    } finally {
      await gw.server.close(1000);
    }
  });
});

describe('serve posture', () => {
  it('refuses to start without JOBGRAPH_AUTH and turns introspection off by default', async () => {
    expect(() => applyServeDefaults(loadConfig({ env: {} }))).toThrow(/JOBGRAPH_AUTH/);
    const config = applyServeDefaults(
      loadConfig({ env: { JOBGRAPH_AUTH: 'none', JOBGRAPH_PORT: '0', JOBGRAPH_PLAYGROUND: 'off' } }),
    );
    expect(config.limits).toMatchObject({ introspection: false, ratePerMinute: 600 });
    const server = await createServer({
      config,
      ...createDatasources(config),
      logger: pino({ level: 'silent' }),
    });
    try {
      const url = `${await server.listen()}/graphql`;
      const body = (await (await post(url, { query: '{ __schema { queryType { name } } }' })).json()) as GraphQLBody;
      expect(body.errors?.[0]?.message).toMatch(/introspection/i);
    } finally {
      await server.close(1000);
    }
  });
});

describe('trusted documents', () => {
  const registered = 'query Typename { __typename }';
  const hash = createHash('sha256').update(registered).digest('hex');
  let gw: { server: GatewayServer; url: string };
  beforeAll(async () => {
    const manifest = join(mkdtempSync(join(tmpdir(), 'jobgraph-trusted-')), 'persisted-documents.json');
    writeFileSync(manifest, JSON.stringify({ [`sha256:${hash}`]: registered }));
    gw = await start({ JOBGRAPH_TRUSTED_DOCUMENTS: manifest });
  });
  afterAll(() => gw.server.close(1000));

  it('runs registered documents by id (POST and GET) and refuses others with 403', async () => {
    expect(await (await post(gw.url, { documentId: `sha256:${hash}` })).json()).toEqual({
      data: { __typename: 'Query' },
    });
    const get = await fetch(`${gw.url}?documentId=sha256:${hash}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    const adhoc = await post(gw.url, { query: '{ jobStats { jobStates { total } } }' });
    expect(adhoc.status).toBe(403);
    expect(((await adhoc.json()) as GraphQLBody).errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
  });
});
