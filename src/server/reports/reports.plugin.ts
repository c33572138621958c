import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { SciagraphDatasource } from '../../datasources/sciagraph/sciagraph-datasource';
import { JobgraphError } from '../../errors';
import { failureText } from '../http/backend-failure-text';
import type { ReportAccess } from './report-access';
import { parseReportPath } from './report-path';

/** Options of {@link reportsPlugin}. */
export interface ReportsPluginOptions {
  /** The report index; undefined when profiles are not configured (every request is a 404). */
  sciagraph: Pick<SciagraphDatasource, 'openReportFile'> | undefined;
  /** Who may read which report (see `reportAccess`); refused requests get the bare 404. Default: everyone. */
  access?: ReportAccess;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-cache',
  'content-security-policy': "sandbox allow-scripts; connect-src 'none'; form-action 'none'; frame-ancestors 'self'",
};

const notFound = (reply: FastifyReply): FastifyReply =>
  reply.code(404).headers(SECURITY_HEADERS).type('text/plain; charset=utf-8').send('Not Found');

/**
 * For the server's `frameworkErrors` option: a `/reports/…` URL fastify's router refused (bad
 * percent-encoding, which never reaches a route) answers the bare 404 of contract §9 rather
 * than fastify's 400. Returns false for any other URL, which the caller then answers itself.
 */
export function answerBadReportUrl(rawUrl: string | undefined, reply: FastifyReply): boolean {
  if (!rawUrl?.startsWith('/reports/')) return false;
  void notFound(reply);
  return true;
}

/**
 * Report storage that is failing or slow (the Sciagraph policy's errors): 504 for a timeout, else
 * 503, with the worded reason and the request id; the detail (paths, errno) goes to the log only.
 */
const storageFailed = (request: FastifyRequest, reply: FastifyReply, error: JobgraphError): FastifyReply =>
  reply
    .code(error.code === 'UPSTREAM_TIMEOUT' ? 504 : 503)
    .headers(SECURITY_HEADERS)
    .type('text/plain; charset=utf-8')
    .send(failureText(request, error));

/**
 * Serves Sciagraph report files read-only under `/reports/<reportKey>/…` (contract §9): GET and
 * HEAD only (405 otherwise), storage failing or stalled 503/504, every other failure a bare 404; the raw path is checked before any
 * routing (see `parseReportPath`), files come only from the report's manifest and are opened
 * with O_NOFOLLOW. Responses carry nosniff, no-referrer and a sandboxing CSP, because users can
 * write to report directories. With `access`, a refused reader gets the same bare 404. Register
 * without a prefix; it owns `/reports/*`.
 */
export const reportsPlugin: FastifyPluginAsync<ReportsPluginOptions> = async (app, options) => {
  app.route({
    method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    url: '/reports/*',
    exposeHeadRoute: false,
    handler: async (request, reply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return reply.code(405).headers(SECURITY_HEADERS).header('allow', 'GET, HEAD').send();
      const target = parseReportPath(request.raw.url ?? '');
      if (target.kind === 'reject' || !options.sciagraph) return notFound(reply);
      if (target.kind === 'redirect') return reply.code(301).headers(SECURITY_HEADERS).redirect(target.location, 301);
      if (options.access && !(await options.access(request, target.reportKey))) return notFound(reply);
      const file = await options.sciagraph.openReportFile(target.reportKey, target.segments).catch((error: unknown) => {
        if (error instanceof JobgraphError && error.code.startsWith('UPSTREAM_')) return error;
        throw error;
      });
      if (file instanceof JobgraphError) return storageFailed(request, reply, file);
      if (!file) return notFound(reply);
      reply.headers(SECURITY_HEADERS).header('etag', file.etag).type(file.contentType);
      if (file.attachment) reply.header('content-disposition', 'attachment');
      if (request.headers['if-none-match'] === file.etag || request.method === 'HEAD') {
        await file.handle.close();
        if (request.method === 'HEAD') reply.header('content-length', file.size);
        return reply.code(request.method === 'HEAD' ? 200 : 304).send();
      }
      reply.header('content-length', file.size);
      return reply.send(file.handle.createReadStream());
    },
  });
};
