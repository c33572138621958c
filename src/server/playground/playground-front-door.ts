import type { FastifyInstance } from 'fastify';
import { prefersHtml } from '../http/prefers-html';

/** `GET /` from a browser: a redirect to the playground (other clients get the usual 404). */
export function registerFrontDoor(app: FastifyInstance, playgroundPath: string): void {
  app.get('/', async (request, reply) => {
    if (prefersHtml(request.headers)) return reply.redirect(playgroundPath, 302);
    return reply.callNotFound();
  });
}
