/**
 * The urql client the typed examples share: `$JOBGRAPH_URL` (default
 * http://127.0.0.1:4000/graphql), `$JOBGRAPH_TOKEN` as a bearer token when set, queries as GET
 * requests (cacheable; Apollo's CSRF prevention accepts them because of the
 * `apollo-require-preflight` header), and how errors are printed.
 */
import { Client, CombinedError, fetchExchange } from '@urql/core';

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

/** Prints an error to stderr (each GraphQL error with its code) and sets exit status 1. */
export function reportError(error: unknown): void {
  if (error instanceof CombinedError) {
    for (const e of error.graphQLErrors)
      process.stderr.write(`error [${String(e.extensions['code'] ?? 'UNKNOWN')}] ${e.message}\n`);
    if (error.networkError) process.stderr.write(`error: ${error.networkError.message}\n`);
  } else {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exitCode = 1;
}
