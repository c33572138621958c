import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';

/** One subscription's messages as a test reads them. */
export interface Followed<T = Record<string, unknown>> {
  /** `next` payloads in arrival order. */
  messages: Array<{ data?: T | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
  /** Resolves when the server completes the subscription (or it errors): the close/error reason, if any. */
  done: Promise<unknown>;
  stop(): void;
}

/** A graphql-ws client whose upgrade request carries `headers` (the proxy header) and `connectionParams`. */
export function wsClient(
  url: string,
  headers: Record<string, string> = {},
  connectionParams: Record<string, unknown> = {},
): Client {
  class HeaderSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: HeaderSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

/** Subscribes over graphql-ws and records every message until the server completes it. */
export function followWs<T>(client: Client, query: string, variables: Record<string, unknown> = {}): Followed<T> {
  const messages: Followed<T>['messages'] = [];
  let stop = (): void => undefined;
  const done = new Promise<unknown>((resolve) => {
    stop = client.subscribe<T>(
      { query, variables },
      {
        next: (m) => void messages.push(m as Followed<T>['messages'][number]),
        error: (e) => resolve(e),
        complete: () => resolve(undefined),
      },
    );
  });
  return { messages, done, stop: () => stop() };
}

/** Subscribes over graphql-sse (distinct connections: one POST with Accept: text/event-stream) and records the `next` events. */
export function followSse<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Followed<T> & { status: Promise<number> } {
  const messages: Followed<T>['messages'] = [];
  const abort = new AbortController();
  let setStatus: (status: number) => void = () => undefined;
  const status = new Promise<number>((resolve) => (setStatus = resolve));
  const done = (async () => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: abort.signal,
    });
    setStatus(response.status);
    if (!response.ok || !response.body) return response.text();
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (\w+)/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === 'next' && data) messages.push(JSON.parse(data) as Followed<T>['messages'][number]);
        if (event === 'complete') return undefined;
      }
    }
    return undefined;
  })().catch((error: unknown) => error);
  return { messages, done, status, stop: () => abort.abort() };
}
