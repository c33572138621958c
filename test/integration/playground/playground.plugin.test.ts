import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildPlaygroundBundle } from '../../../scripts/playground/build-playground';
import { playgroundPlugin } from '../../../src/server/playground/playground.plugin';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('playground plugin over a freshly built bundle', () => {
  let dir: string;
  let app: FastifyInstance;
  let files: string[];
  let base: string;
  const get = (url: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${base}${url}`, { headers });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jobgraph-playground-'));
    files = await buildPlaygroundBundle({ outDir: path.join(dir, 'assets') });
    await mkdir(path.join(dir, 'operations'));
    await writeFile(path.join(dir, 'operations', 'stats.graphql'), 'query Stats { jobStats { total } } # </script>\n');
    app = Fastify();
    await app.register(playgroundPlugin, {
      assetsDir: path.join(dir, 'assets'),
      operationsDir: path.join(dir, 'operations'),
    });
    app.get('/graphql', async () => ({ data: { from: 'graphql' } }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('builds a script and a stylesheet with no reference to another origin', async () => {
    expect(files).toEqual(expect.arrayContaining(['playground.js', 'playground.css']));
    const css = await (await get('/playground/assets/playground.css')).text();
    expect(css).not.toMatch(/url\(\s*["']?(https?:)?\/\//);
    expect(css).not.toMatch(/@import/);
  });

  it('serves the page with the example operations and same-origin assets only', async () => {
    const response = await get('/playground');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const body = await response.text();
    const references = [...body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(references).toEqual(['data:,', '/playground/assets/playground.css', '/playground/assets/playground.js']);
    const config = /<script type="application\/json" id="jobgraph-playground-config">(.*?)<\/script>/s.exec(body);
    expect(JSON.parse(config?.[1] ?? 'null')).toEqual({
      graphqlPath: '/graphql',
      tabs: [{ query: 'query Stats { jobStats { total } } # </script>\n' }],
    });
  });

  it('serves assets with a validator and answers 304 to a matching If-None-Match', async () => {
    const first = await get('/playground/assets/playground.js');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await first.text()).length).toBeGreaterThan(100_000);
    const second = await get('/playground/assets/playground.js', {
      'if-none-match': String(first.headers.get('etag')),
    });
    expect(second.status).toBe(304);
    expect((await get('/playground/assets/nope.js')).status).toBe(404);
  });

  it('answers a browser GET /graphql with the playground and leaves GraphQL clients alone', async () => {
    const browser = await get('/graphql', { accept: BROWSER_ACCEPT });
    expect(await browser.text()).toContain('jobgraph-playground-config');
    const client = await get('/graphql?query=%7B__typename%7D', { accept: 'application/json' });
    expect(await client.json()).toEqual({ data: { from: 'graphql' } });
  });

  it('says how to build the bundle when it is missing', async () => {
    const bare = Fastify();
    await bare.register(playgroundPlugin, {
      assetsDir: path.join(dir, 'missing'),
      operationsDir: path.join(dir, 'operations'),
    });
    const bareBase = await bare.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${bareBase}/playground`);
    const body = await response.text();
    await bare.close();
    expect(response.status).toBe(503);
    expect(body).toContain('npm run build');
  });
});
