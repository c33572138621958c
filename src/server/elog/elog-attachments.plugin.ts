import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ElogDatasource } from '../../datasources/elog/elog-datasource';
import type { ElogCallOptions } from '../../datasources/elog/elog-types';
import { JobgraphError } from '../../errors';
import { failureText } from '../http/backend-failure-text';
import type { Caller } from '../../auth/caller';
import { ELOG_ATTACHMENTS_PREFIX } from '../../resolvers/elog-attachment-path';

/** Options of {@link elogAttachmentsPlugin}. */
export interface ElogAttachmentsPluginOptions {
  /** The eLog client; undefined when the eLog is not configured (every request is a 503). */
  elog: Pick<ElogDatasource, 'attachment'> | undefined;
  /** The gateway's own authentication, as for /graphql (throws UNAUTHENTICATED). */
  authenticate: (request: FastifyRequest) => Promise<Caller>;
  /** The gateway's rate limit, as for /graphql (throws RATE_LIMITED). Default none. */
  rateLimit?: (caller: Caller, request: FastifyRequest) => Promise<void>;
}

/** Users upload what they like to the eLog: nothing served here may run in the gateway's origin. */
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'private, no-cache',
  'content-security-policy': "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
};

/** Raster images a browser may show inline; anything else (SVG and HTML included) is downloaded. */
const INLINE = /^image\/(png|jpeg|gif|webp|bmp)(;|$)/i;
const EXPERIMENT = /^[A-Za-z0-9_.-]{1,64}$/;
const OBJECT_ID = /^[0-9a-fA-F]{24}$/;

const STATUS_OF: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  UPSTREAM_UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
};

const fail = (reply: FastifyReply, status: number, message: string): FastifyReply =>
  reply.code(status).headers(SECURITY_HEADERS).type('text/plain; charset=utf-8').send(`${message}\n`);

/**
 * Serves eLog attachments under `GET|HEAD /elog/attachments/<experiment>/<entry id>/<attachment id>`
 * (`?preview=true`: the PNG preview): the caller is authenticated and rate-limited as on /graphql, the file is read
 * through the eLog client with the gateway's eLog credentials (the caller's
 * `X-Jobgraph-Elog-Negotiate` token in Kerberos mode), one eLog request per download. Typed
 * errors answer their HTTP status with the message as text (UPSTREAM_ERROR 502); answers carry
 * nosniff and a sandboxing CSP, and anything but a raster image is `Content-Disposition: attachment`.
 */
export const elogAttachmentsPlugin: FastifyPluginAsync<ElogAttachmentsPluginOptions> = async (app, options) => {
  app.route<{
    Params: { experiment: string; entryId: string; attachmentId: string };
    Querystring: { preview?: string };
  }>({
    method: ['GET', 'HEAD'],
    url: `${ELOG_ATTACHMENTS_PREFIX}:experiment/:entryId/:attachmentId`,
    exposeHeadRoute: false,
    handler: async (request, reply) => {
      const { experiment, entryId, attachmentId } = request.params;
      if (!EXPERIMENT.test(experiment) || !OBJECT_ID.test(entryId) || !OBJECT_ID.test(attachmentId))
        return fail(reply, 404, 'Not Found');
      if (!options.elog) return fail(reply, 503, 'the eLog is not configured (JOBGRAPH_ELOG_URL)');
      const negotiate = request.headers['x-jobgraph-elog-negotiate'];
      const call: ElogCallOptions = typeof negotiate === 'string' && negotiate !== '' ? { negotiate } : {};
      let caller: Caller | undefined;
      try {
        caller = await options.authenticate(request);
        const file = await options.elog.attachment(
          experiment,
          entryId,
          attachmentId,
          call,
          request.query.preview === 'true',
        );
        reply.headers(SECURITY_HEADERS).type(file.contentType).header('content-length', file.data.byteLength);
        if (!INLINE.test(file.contentType))
          reply.header('content-disposition', file.contentDisposition ?? 'attachment');
        return reply.code(200).send(request.method === 'HEAD' ? undefined : Buffer.from(file.data));
      } catch (error) {
        if (!(error instanceof JobgraphError)) throw error;
        return fail(reply, STATUS_OF[error.code] ?? 502, failureText(request, error, caller?.isOperator));
      }
    },
  });
};
