import { JobgraphError, UpstreamTimeoutError, UpstreamUnavailableError } from '../../errors';
import { readCappedBody } from '../resilience/read-capped-body';
import { JOBGRAPH_USER_AGENT } from '../user-agent';
import { SpanKind } from '@opentelemetry/api';
import { jobgraphTracer, traced } from '../../tracing/traced';

/** The largest answer read from the jobs/aggs API or its token endpoint, bytes (8 MiB). */
export const MAX_REPLY_BYTES = 8 * 1024 * 1024;

/** One HTTP answer, read whole (at most {@link MAX_REPLY_BYTES}): bodies of this API are small JSON documents. */
export interface HttpReply {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
}

/**
 * POSTs `body` to `url` and reads the whole answer. The request is aborted when `signal`
 * fires; a fired signal whose reason is a `TimeoutError` becomes `UPSTREAM_TIMEOUT`, a
 * connection that fails before any answer `UPSTREAM_UNAVAILABLE`. `what` names the call in
 * messages; it never contains credentials, and neither does any message built here. Sends
 * jobgraph's `User-Agent` unless `init.headers` has one.
 */
export function postForReply(
  url: string,
  init: { headers: Record<string, string>; body: string },
  signal: AbortSignal,
  what: string,
): Promise<HttpReply> {
  if (!jobgraphTracer()) return postUntraced(url, init, signal, what);
  return traced(
    `jobs-aggs ${what}`,
    { 'http.request.method': 'POST', 'jobgraph.jobs_aggs.request': what },
    () => postUntraced(url, init, signal, what),
    SpanKind.CLIENT,
  );
}

async function postUntraced(
  url: string,
  init: { headers: Record<string, string>; body: string },
  signal: AbortSignal,
  what: string,
): Promise<HttpReply> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'user-agent': JOBGRAPH_USER_AGENT, ...init.headers },
      body: init.body,
      signal,
      redirect: 'error',
    });
    const text = Buffer.from(await readCappedBody(response, MAX_REPLY_BYTES, 'jobs-aggs', what)).toString('utf8');
    return { status: response.status, statusText: response.statusText, headers: response.headers, text };
  } catch (error) {
    if (error instanceof JobgraphError) throw error;
    if (signal.aborted) {
      throw abortError(signal, what);
    }
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new UpstreamUnavailableError('jobs-aggs', `${what} failed before any answer: ${cause}`);
  }
}

/**
 * The error for work stopped by `signal`: `UPSTREAM_TIMEOUT` when its deadline fired, else the
 * caller's own abort reason.
 */
export function abortError(signal: AbortSignal, what: string): Error {
  const reason: unknown = signal.reason;
  // DOMException is not an Error of every realm (jest's vm contexts), so match by name.
  if ((reason as { name?: unknown } | undefined)?.name === 'TimeoutError') {
    return new UpstreamTimeoutError('jobs-aggs', `${what} exceeded its deadline`);
  }
  return reason instanceof Error ? reason : new Error(`${what} was aborted`);
}

/** Settles like `promise`, or rejects with {@link abortError} as soon as `signal` fires: for waits that are shared and cannot be aborted themselves. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, what: string): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal, what));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError(signal, what));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
