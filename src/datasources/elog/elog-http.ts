import { JobgraphError, UpstreamError } from '../../errors';
import { createBackendPolicy } from '../resilience/backend-policy';
import type { BackendPolicy, BackendPolicyOptions, BreakerState } from '../resilience/backend-policy';
import { errorForStatus, networkError, timeoutError } from './elog-errors';
import type { ElogFailureContext } from './elog-errors';
import { parseElogJson } from './elog-json';
import { DEFAULT_MAX_BODY_BYTES, readCappedBody } from '../resilience/read-capped-body';
import { SpanKind } from '@opentelemetry/api';
import { jobgraphTracer, traced } from '../../tracing/traced';

/** Where the transport reports what it could not put in an error (text bodies of failures). */
export interface ElogLogger {
  warn(obj: object, msg: string): void;
}

/** One HTTP exchange with explgbk or the JID. */
export interface ElogHttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string | FormData | URLSearchParams;
  /**
   * `read`: retried up to twice on network errors and 502/503/504; `read-once`: a read never
   * retried (it carries a caller's forwarded Negotiate token, which a replay cache accepts once);
   * `write`: sent exactly once.
   */
  kind: 'read' | 'read-once' | 'write';
  /** Label for errors, logs and counters, e.g. `runs`, `new_elog_entry`. */
  route: string;
  signal?: AbortSignal;
  /** Any 2xx is success and the body is not read as JSON (the JID's `replace_counters`). */
  anySuccess?: boolean;
  /** Return the 200 answer as {@link ElogBinaryAnswer} instead of parsing it (attachments). */
  binary?: boolean;
  /**
   * Statuses answered as {@link ElogStatusAnswer} (status and text body) instead of an error, for
   * a caller that must tell explgbk's own message from a crash (the active-experiment lookup).
   */
  answerStatuses?: readonly number[];
}

/** A non-200 answer the request listed in `answerStatuses`. */
export interface ElogStatusAnswer {
  status: number;
  /** The body as text (HTML pages included). */
  text: string;
}

/** Whether `value` is an {@link ElogStatusAnswer} rather than parsed JSON. */
export function isStatusAnswer(value: unknown): value is ElogStatusAnswer {
  return value instanceof StatusAnswer;
}

class StatusAnswer implements ElogStatusAnswer {
  constructor(
    readonly status: number,
    readonly text: string,
  ) {}
}

/** A 200 answer of a `binary` request: the bytes (none for HEAD) and the response headers. */
export interface ElogBinaryAnswer {
  data: Uint8Array;
  headers: Headers;
}

/** Tunables of {@link ElogTransport}. */
export interface ElogTransportOptions {
  fetch?: typeof fetch;
  logger?: ElogLogger;
  /** Reads: deadline per attempt (`JOBGRAPH_ELOG_TIMEOUT_MS`, default 15,000), 3 attempts, backoff with jitter. */
  read?: BackendPolicyOptions;
  /** The process-wide read policy (its breaker is the one /readyz shows); built from `read` when absent. */
  policy?: BackendPolicy;
  /** Largest answer read (JSON or attachment), bytes; larger ones are cut off as UPSTREAM_ERROR. Default 16 MiB. */
  maxBodyBytes?: number;
  /** Writes: deadline (`JOBGRAPH_ELOG_WRITE_TIMEOUT_MS`, default 120,000); one attempt whatever is set. */
  write?: BackendPolicyOptions;
  /** The process-wide write policy (its breaker is /readyz's `elog.writeBreaker`); built from `write` when absent. */
  writePolicy?: BackendPolicy;
}

/**
 * HTTP for the eLog client over the shared backend policy: a deadline on every call, reads
 * retried with backoff and jitter, writes sent once. Answers other than 200 become typed errors
 * (§2.4) without reading HTML into them; 200 bodies are parsed NaN-tolerant.
 */
export class ElogTransport {
  private readonly fetchImpl: typeof fetch;
  private readonly logger: ElogLogger | undefined;
  private readonly readPolicy: BackendPolicy;
  private readonly writePolicy: BackendPolicy;
  private readonly writeTimeoutMs: number;
  private readonly maxBodyBytes: number;
  private readonly counts: Record<string, number> = {};

  constructor(options: ElogTransportOptions = {}) {
    this.fetchImpl = options.fetch ?? fetch;
    this.logger = options.logger;
    this.readPolicy = options.policy ?? createBackendPolicy('elog', { timeoutMs: 15_000, ...options.read });
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.writeTimeoutMs = options.write?.timeoutMs ?? 120_000;
    // A separate breaker: slow posts (thumbnailing, mail) must not pause reads.
    this.writePolicy =
      options.writePolicy ?? createBackendPolicy('elog', { ...options.write, timeoutMs: this.writeTimeoutMs });
  }

  /** Requests sent so far, by route label (each retry counts). */
  requestCounts(): Readonly<Record<string, number>> {
    return { ...this.counts };
  }

  /** State of the read breaker, for /readyz. */
  breakerState(): BreakerState {
    return this.readPolicy.breakerState();
  }

  /** Sends the request and returns the parsed JSON of its 200 answer ({@link ElogBinaryAnswer} when `binary`). */
  send(req: ElogHttpRequest): Promise<unknown> {
    if (!jobgraphTracer()) return this.sendUntraced(req);
    return traced(
      `elog ${req.route}`,
      { 'http.request.method': req.method, 'jobgraph.elog.route': req.route },
      () => this.sendUntraced(req),
      SpanKind.CLIENT,
    );
  }

  private async sendUntraced(req: ElogHttpRequest): Promise<unknown> {
    const ctx: ElogFailureContext = { route: req.route, write: req.kind === 'write' };
    if (req.kind === 'read')
      return this.readPolicy.read((signal) => this.attempt(req, signal, ctx), req.route, req.signal);
    if (req.kind === 'read-once')
      return this.readPolicy.readOnce((signal) => this.attempt(req, signal, ctx), req.route, req.signal);
    try {
      return await this.writePolicy.write((signal) => this.attempt(req, signal, ctx), req.route, req.signal);
    } catch (err) {
      if (!(err instanceof JobgraphError) || 'maybeStored' in err.extensions) throw err;
      if (err.code === 'UPSTREAM_TIMEOUT') throw timeoutError(this.writeTimeoutMs, ctx);
      // Refused by the breaker or bulkhead before anything left.
      err.extensions.maybeStored = ctx.sentAt !== undefined;
      throw err;
    }
  }

  private async attempt(req: ElogHttpRequest, signal: AbortSignal, ctx: ElogFailureContext): Promise<unknown> {
    this.counts[req.route] = (this.counts[req.route] ?? 0) + 1;
    ctx.sentAt = new Date().toISOString();
    let res: Response;
    let bytes: Uint8Array;
    try {
      res = await this.fetchImpl(req.url, {
        method: req.method,
        headers: req.headers ?? {},
        body: req.body ?? null,
        signal,
        redirect: 'manual',
      });
      bytes = await readCappedBody(res, this.maxBodyBytes, 'elog', req.route);
    } catch (err) {
      if (signal.aborted || err instanceof JobgraphError) throw err;
      throw networkError(err, ctx);
    }
    if (req.anySuccess && res.status >= 200 && res.status < 300) return undefined;
    if (req.binary && res.status === 200) return { data: bytes, headers: res.headers } satisfies ElogBinaryAnswer;
    const text = Buffer.from(bytes).toString('utf8');
    if (res.status !== 200 && req.answerStatuses?.includes(res.status)) return new StatusAnswer(res.status, text);
    if (res.status !== 200) {
      if (!/^\s*</.test(text) && text.trim() !== '') {
        this.logger?.warn(
          { backend: 'elog', route: req.route, status: res.status, body: text.slice(0, 200) },
          'eLog error answer',
        );
      }
      throw errorForStatus(res.status, ctx);
    }
    try {
      return parseElogJson(text);
    } catch {
      throw new UpstreamError('elog', `eLog answered ${req.route} with HTTP 200 but a body that is not JSON`, {
        details: ctx.write ? { maybeStored: true, sentAt: ctx.sentAt } : {},
      });
    }
  }
}
