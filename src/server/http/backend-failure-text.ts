import type { FastifyRequest } from 'fastify';
import { publicMessageOf } from '../../errors';
import type { JobgraphError } from '../../errors';

/**
 * The text a plain HTTP route (not GraphQL: `/reports`, eLog attachments) answers for a typed
 * error: its public message (a backend failure worded, no address, path or command) with the
 * request id; a backend error's full detail goes to the log under that id (`backend error`), and
 * to the answer after the public text when the caller `isOperator`.
 */
export function failureText(request: FastifyRequest, error: JobgraphError, isOperator = false): string {
  if (!error.backend) return error.message;
  request.log.warn({ code: error.code, backend: error.backend, diagnostic: error.message }, 'backend error');
  const text = `${publicMessageOf(error)} (request id ${request.id})`;
  return isOperator ? `${text}\ndetail: ${error.message}` : text;
}
