import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { symlink } from 'node:fs/promises';
import { fastify } from 'fastify';
import type { FastifyInstance } from 'fastify';
import { generateDataset } from '../../../src/simulators/dataset';
import { SciagraphDatasource } from '../../../src/datasources/sciagraph/sciagraph-datasource';
import { reportsPlugin } from '../../../src/server/reports/reports.plugin';
import { writeReportsWithFaults } from '../../support/sciagraph-faults.writer';
import { captureLogger, tempDir } from '../../fixtures/sciagraph/sciagraph-test-kit';

/** One raw HTTP request: the path is sent exactly as given (no client normalisation). */
function raw(
  port: number,
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('/reports serves report files read-only, and nothing else', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let datasource: SciagraphDatasource;
  let app: FastifyInstance;
  let port: number;
  let key: string;
  let passwdKey: string;
  const dataset = generateDataset({ seed: 3, jobCount: 80, now: 1_760_000_000 });

  beforeAll(async () => {
    dir = await tempDir('sciagraph-route-');
    const written = await writeReportsWithFaults({ root: join(dir.path, 'reports'), dataset, faults: true, seed: 3 });
    const first = written.reports.find((r) => r.fluxId !== undefined && r.hasSidecar);
    // A link planted inside a report pointing at another user's report.
    await symlink(join(written.reports[1]?.dir as string, 'report.json'), join(first?.dir as string, 'other.json'));
    datasource = await SciagraphDatasource.start({
      roots: [join(dir.path, 'reports')],
      watch: 'poll',
      rescanSeconds: 3600,
      logger: captureLogger().logger,
      now: () => dataset.now * 1000,
    });
    key = datasource.findByJobKeys([(first?.fluxId as bigint).toString()])[0]?.reportKey as string;
    passwdKey = datasource.findByJobId('passwd-link-report')?.reportKey as string;
    app = fastify();
    await app.register(reportsPlugin, { sciagraph: datasource });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
    await datasource.close();
    await dir.remove();
  });

  it('serves index.html and the SVG with sandboxing headers and an ETag', async () => {
    const page = await raw(port, `/reports/${key}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(
      "sandbox allow-scripts; connect-src 'none'; form-action 'none'; frame-ancestors 'self'",
    );
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const svg = await raw(port, `/reports/${key}/peak-memory.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.body).toMatch(/^<\?xml[\s\S]*<svg/);
    const head = await raw(port, `/reports/${key}/peak-memory.svg`, 'HEAD');
    expect([head.status, head.body, head.headers['content-length']]).toEqual([
      200,
      '',
      String(Buffer.byteLength(svg.body)),
    ]);
  });

  it('redirects the bare report path to its directory and refuses other methods', async () => {
    const redirect = await raw(port, `/reports/${key}`);
    expect([redirect.status, redirect.headers.location]).toEqual([301, `/reports/${key}/`]);
    expect((await raw(port, `/reports/${key}/index.html`, 'POST')).status).toBe(405);
    expect((await raw(port, `/reports/${key}/index.html`, 'DELETE')).status).toBe(405);
  });

  it.each([
    ['dot-dot', (k: string) => `/reports/${k}/../${k}/index.html`],
    ['dot-dot past the root', (k: string) => `/reports/${k}/x/../../../../etc/passwd`],
    ['encoded dot-dot', (k: string) => `/reports/${k}/%2e%2e/%2e%2e/etc/passwd`],
    ['encoded slash', (k: string) => `/reports/${k}/..%2f..%2fetc%2fpasswd`],
    ['upper-case encoded slash', (k: string) => `/reports/${k}/..%2F..%2Fetc%2Fpasswd`],
    ['encoded backslash', (k: string) => `/reports/${k}/..%5cindex.html`],
    ['backslash', (k: string) => `/reports/${k}/..\\index.html`],
    ['NUL', (k: string) => `/reports/${k}/index.html%00.svg`],
    ['double slash', (k: string) => `/reports/${k}//index.html`],
    ['the sidecar holding the keys', (k: string) => `/reports/${k}/jobgraph-report-result.json`],
    ['a symlink to another report', (k: string) => `/reports/${k}/other.json`],
    ['a file that does not exist', (k: string) => `/reports/${k}/missing.svg`],
    ['an unknown report key', () => '/reports/AAAAAAAAAAAAAAAAAAAAAA/index.html'],
    ['a malformed report key', () => '/reports/..%2f..%2f/index.html'],
  ])('answers 404 for %s', async (_name, path) => {
    const response = await raw(port, path(key));
    expect(response.status).toBe(404);
    expect(response.body).not.toMatch(/root:|download|decryption/i);
  });

  it('answers 404 for an index.html that is a symlink to /etc/passwd', async () => {
    expect(passwdKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await raw(port, `/reports/${passwdKey}/peak-memory.svg`)).status).toBe(200);
    const response = await raw(port, `/reports/${passwdKey}/`);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('root:');
  });
});
