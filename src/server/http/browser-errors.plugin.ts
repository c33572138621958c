import type { FastifyReply, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { escapeHtml, htmlPage } from './html-page';
import { prefersHtml } from './prefers-html';

/** Options of {@link browserErrorsPlugin}. */
export interface BrowserErrorsPluginOptions {
  /** Path of the GraphQL endpoint whose HTTP-level errors are rendered for browsers. Default `/graphql`. */
  graphqlPath?: string;
  /** Where the playground is, for the hint on the page; undefined when it is off. */
  playgroundPath?: string;
}

function errorMessages(payload: unknown): string[] {
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
  try {
    const body = JSON.parse(text) as { errors?: { message?: unknown }[] };
    const messages = (body.errors ?? []).map((error) => String(error.message ?? ''));
    if (messages.length > 0) return messages;
  } catch {
    // not JSON: Apollo answers some HTTP-level errors in plain text
  }
  return text ? [text] : [];
}

/**
 * Turns an HTTP-level error of the GraphQL endpoint (status ≥ 400: a malformed request, a
 * CSRF-blocked GET, a mutation over GET) into a readable HTML page when the client is a
 * browser (Accept ranks text/html above JSON), keeping the status. GraphQL clients
 * (Accept: application/json, or none) get Apollo's JSON unchanged.
 */
export const browserErrorsPlugin = fastifyPlugin<BrowserErrorsPluginOptions>(
  async (app, options) => {
    const graphqlPath = options.graphqlPath ?? '/graphql';
    const hint = options.playgroundPath
      ? `<p>To explore the API in a browser, open the <a href="${escapeHtml(options.playgroundPath)}">playground</a>.</p>`
      : '<p>The playground is turned off on this gateway (<code>JOBGRAPH_PLAYGROUND</code>).</p>';
    app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (reply.statusCode < 400 || request.url.split('?', 1)[0] !== graphqlPath || !prefersHtml(request.headers))
        return payload;
      const items = errorMessages(payload)
        .map((message) => `<li><code>${escapeHtml(message)}</code></li>`)
        .join('');
      reply.header('content-type', 'text/html; charset=utf-8');
      return htmlPage(
        `jobgraph: HTTP ${reply.statusCode}`,
        `<h1>This is jobgraph's GraphQL endpoint</h1>
<p>The request was not a GraphQL request this endpoint accepts (HTTP ${reply.statusCode}):</p>
<ul>${items}</ul>
<p>Send <code>POST ${escapeHtml(graphqlPath)}</code> with <code>Content-Type: application/json</code> and a body
<code>{"query": "…", "variables": {…}}</code>, or a <code>GET</code> with <code>?query=…</code> and an
<code>apollo-require-preflight: true</code> header (queries only).</p>
${hint}`,
      );
    });
  },
  { name: 'jobgraph-browser-errors', fastify: '5.x' },
);
