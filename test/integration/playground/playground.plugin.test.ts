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

  it('serves the bundle compressed (brotli or gzip) to browsers that accept it', async () => {
    const br = await get('/playground/assets/playground.js', { 'accept-encoding': 'br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toContain('accept-encoding');
    expect((await br.text()).length).toBeGreaterThan(100_000);
    const gzip = await get('/playground/assets/playground.js', { 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    await gzip.arrayBuffer();
    const plain = await get('/playground/assets/playground.js', { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    await plain.arrayBuffer();
  });

  it('sends a browser at / to the playground; other clients get 404', async () => {
    const browser = await fetch(`${base}/`, { headers: { accept: BROWSER_ACCEPT }, redirect: 'manual' });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe('/playground');
    await browser.arrayBuffer();
    const client = await get('/', { accept: 'application/json' });
    expect(client.status).toBe(404);
    await client.arrayBuffer();
  });

  it('tells the page its release and backends, and fills a job id into examples that need one', async () => {
    await writeFile(path.join(dir, 'operations', 'job.graphql'), 'query Job($id: JobId!) { job(id: $id) { id } }\n');
    const facts = Fastify();
    await facts.register(playgroundPlugin, {
      assetsDir: path.join(dir, 'assets'),
      operationsDir: path.join(dir, 'operations'),
      release: '9.8.7',
      backends: ['flux', 'elog'],
      exampleJobId: async () => 'ƒ2DLNrMSKui',
    });
    try {
      const body = await (await fetch(`${await facts.listen({ port: 0, host: '127.0.0.1' })}/playground`)).text();
      const json = /<script type="application\/json" id="jobgraph-playground-config">(.*?)<\/script>/s.exec(body)?.[1];
      const config = JSON.parse(json ?? '{}') as {
        release: string;
        backends: string[];
        tabs: Array<{ query: string; variables?: string }>;
      };
      expect(config.release).toBe('9.8.7');
      expect(config.backends).toEqual(['flux', 'elog']);
      const job = config.tabs.find((tab) => tab.query.includes('query Job('));
      expect(JSON.parse(job?.variables ?? '{}')).toEqual({ id: 'ƒ2DLNrMSKui' });
      expect(config.tabs.find((tab) => tab.query.includes('Stats'))?.variables).toBeUndefined();
    } finally {
      await facts.close();
    }
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
