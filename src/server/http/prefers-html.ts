import Negotiator from 'negotiator';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * True when the client's `Accept` header ranks `text/html` above `application/json` — a person
 * in a browser rather than a GraphQL client (GraphiQL's own fetches send `application/json`,
 * curl sends `*\/*`). Same rule as Apollo Server's landing-page negotiation.
 */
export function prefersHtml(headers: IncomingHttpHeaders): boolean {
  if (!headers.accept) return false;
  return new Negotiator({ headers }).mediaType(['application/json', 'text/html']) === 'text/html';
}
