/**
 * The urql client the typed examples share: `$JOBGRAPH_URL` (default
 * http://127.0.0.1:4000/graphql), `$JOBGRAPH_TOKEN` as a bearer token when set, queries as GET
 * requests (cacheable; Apollo's CSRF prevention accepts them because of the
 * `apollo-require-preflight` header), and how errors are printed. Subscriptions go over
 * WebSocket (graphql-ws) to the same path.
 */
import { Client, CombinedError, fetchExchange } from '@urql/core';
import type { TypedDocumentNode } from '@urql/core';
import { print } from 'graphql';
import { createClient as createWebSocketClient } from 'graphql-ws';
import type { Client as WebSocketClient } from 'graphql-ws';

const DEFAULT_URL = 'http://127.0.0.1:4000/graphql';

/** The gateway's endpoint and a client for it. */
export function createGatewayClient(): { url: string; client: Client } {
  const url = process.env.JOBGRAPH_URL ?? DEFAULT_URL;
  const token = process.env.JOBGRAPH_TOKEN;
  const client = new Client({
    url,
    exchanges: [fetchExchange],
    preferGetMethod: 'within-url-limit',
    fetchOptions: {
      headers: { 'apollo-require-preflight': 'true', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    },
  });
  return { url, client };
}

/**
 * A graphql-ws client for the gateway's subscriptions: `$JOBGRAPH_URL` with `ws:`/`wss:`, the token
 * (when set) in `connectionParams.authorization`. Connects on the first subscription; no retries
 * (a lost connection ends the subscriptions with an error). Node 22+ has a global WebSocket.
 */
export function createSubscriptionClient(): WebSocketClient {
  const url = new URL(process.env.JOBGRAPH_URL ?? DEFAULT_URL);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = process.env.JOBGRAPH_TOKEN;
  return createWebSocketClient({
    url: url.toString(),
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
}

/**
 * The messages of one typed subscription, until the gateway completes it. A message with errors
 * (NOT_FOUND, FORBIDDEN, UPSTREAM_UNAVAILABLE, SLOW_CONSUMER …) throws them as a CombinedError;
 * leaving the loop early unsubscribes.
 */
export async function* subscribe<Data, Variables extends Record<string, unknown>>(
  client: WebSocketClient,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): AsyncGenerator<Data> {
  for await (const result of client.iterate<Data>({ query: print(document), variables })) {
    if (result.errors?.length) throw new CombinedError({ graphQLErrors: [...result.errors] });
    if (result.data) yield result.data;
  }
}

/** Prints an error to stderr (each GraphQL error with its code) and sets exit status 1. */
export function reportError(error: unknown): void {
  if (error instanceof CombinedError) {
    for (const e of error.graphQLErrors)
      process.stderr.write(`error [${String(e.extensions['code'] ?? 'UNKNOWN')}] ${e.message}\n`);
    if (error.networkError) process.stderr.write(`error: ${error.networkError.message}\n`);
  } else if (isCloseEvent(error)) {
    process.stderr.write(`error: connection closed (${error.code}${error.reason ? ` ${error.reason}` : ''})\n`);
  } else {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exitCode = 1;
}

/** graphql-ws rejects with the socket's close event when the connection ends abnormally. */
function isCloseEvent(error: unknown): error is { code: number; reason: string } {
  return (
    typeof error === 'object' && error !== null && 'code' in error && 'reason' in error && !(error instanceof Error)
  );
}
