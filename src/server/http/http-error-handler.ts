import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { MASKED_MESSAGE } from '../../errors';

/**
 * Fastify's own HTTP-level failures (malformed JSON, a body over the size limit, an unsupported
 * content type) answered in the GraphQL error shape clients already parse, with the status kept;
 * anything unexpected is logged with the request id and masked.
 */
export function httpErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
  if (status < 500) {
    void reply.code(status).send({ errors: [{ message: error.message, extensions: { code: 'BAD_USER_INPUT' } }] });
    return;
  }
  request.log.error({ err: error }, 'unhandled error in an HTTP route');
  void reply.code(500).send({
    errors: [{ message: MASKED_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: request.id } }],
  });
}
