import type { Logger } from 'pino';
import type { JobgraphError } from '../../errors';
import { createBackendPolicy } from '../resilience/backend-policy';
import type { BackendPolicy, BackendPolicyOptions } from '../resilience/backend-policy';
import { postForReply, untilAborted } from './jobs-aggs-http';
import type { HttpReply } from './jobs-aggs-http';
import { errorDetailOf } from './jobs-aggs-error-body';
import { errorForReply, jobsAggsError } from './jobs-aggs-errors';
import { readAggsReply } from './jobs-aggs-response';
import type { JobsAggsReply } from './jobs-aggs-response';
import type { AccessToken, TokenSource } from './jobs-aggs-token-source';

/** Options of {@link JobsAggsClient}. */
export interface JobsAggsClientOptions {
  /** Base URL without `/v3` (`JOBGRAPH_JOBS_API_URL`); a trailing `/` is dropped. */
  url: string;
  /** Sent as the `client_id` header. */
  clientId: string;
  tokens: TokenSource;
  /** Deadline per aggs request attempt, its wait for an in-flight slot included, ms. Default 15000. */
  timeoutMs?: number;
  /** Groups in flight at once, process-wide. Default 4. */
  maxInFlight?: number;
  /** The process-wide fault policy (its breaker is the one /readyz shows); built by {@link createJobsAggsPolicy} when absent. */
  policy?: BackendPolicy;
  /** `User-Agent` header. Default `jobgraph/<version> (node <version>)` (src/datasources/user-agent.ts). */
  userAgent?: string;
  /** Epoch-ms clock. Default `Date.now`. */
  clock?: () => number;
  logger?: Logger;
  /** Called with `meta.rate_limit.daily_remaining` whenever an answer carries it. */
  onDailyRemaining?: (remaining: number) => void;
}

/**
 * The jobs/aggs fault policy (contract §3.1): a deadline per attempt counted from when it joins
 * the queue, one retry of a 502/503/504 or failed connection after 250–1000 ms with jitter, a
 * circuit breaker, and at most `maxInFlight` (default 4) requests at once. `overrides` win.
 */
export function createJobsAggsPolicy(overrides: BackendPolicyOptions = {}): BackendPolicy {
  return createBackendPolicy('jobs-aggs', {
    timeoutMs: 15_000,
    readAttempts: 2,
    initialBackoffMs: 250,
    maxBackoffMs: 1_000,
    maxInFlight: 4,
    deadlineIncludesQueue: true,
    ...overrides,
  });
}

/** How long, at most, requests fail at once after a 429 before the API is probed again, ms. */
const MAX_RATE_LIMIT_HOLD_MS = 60_000;

/**
 * Sends aggs request bodies (contract §3.1): bearer token and `client_id` header, one refresh
 * and one retry on a 401, the shared fault policy ({@link createJobsAggsPolicy}), and a short
 * hold after a 429.
 */
export class JobsAggsClient {
  private readonly endpoint: string;
  private readonly clock: () => number;
  private readonly policy: BackendPolicy;
  private rateLimited: { error: JobgraphError; until: number } | undefined;

  constructor(private readonly options: JobsAggsClientOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, '')}/v3/jobs/aggs`;
    this.clock = options.clock ?? Date.now;
    this.policy =
      options.policy ??
      createJobsAggsPolicy({
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.maxInFlight !== undefined ? { maxInFlight: options.maxInFlight } : {}),
      });
  }

  /** POSTs one body and reads the answer; throws the typed errors of contract §7.2. */
  async send(body: object, signal?: AbortSignal): Promise<JobsAggsReply> {
    if (this.rateLimited && this.clock() < this.rateLimited.until) throw this.rateLimited.error;
    const json = JSON.stringify(body);
    const reply = await this.policy.read(
      (attempt) => this.sendAuthorized(json, attempt),
      'jobs API aggs request',
      signal,
    );
    this.options.logger?.debug({ requestId: reply.requestId, total: reply.total }, 'jobs API aggs answered');
    if (reply.dailyRemaining !== undefined) {
      this.options.onDailyRemaining?.(reply.dailyRemaining);
      if (reply.dailyRemaining <= 10)
        this.options.logger?.warn(
          { dailyRemaining: reply.dailyRemaining, requestId: reply.requestId },
          'jobs API daily quota nearly used up',
        );
    }
    if (reply.totalIsLowerBound)
      this.options.logger?.warn({ requestId: reply.requestId }, 'jobs API total is only a lower bound (relation gte)');
    return reply;
  }

  private async sendAuthorized(json: string, signal: AbortSignal): Promise<JobsAggsReply> {
    const token = await untilAborted(this.options.tokens.get(), signal, 'jobs API token request');
    let reply = await this.post(json, token, signal);
    if (reply.status === 401) {
      this.logChallenge(reply);
      this.options.tokens.invalidate(token);
      reply = await this.post(
        json,
        await untilAborted(this.options.tokens.get(), signal, 'jobs API token request'),
        signal,
      );
      if (reply.status === 401) {
        this.logChallenge(reply);
        const detail = errorDetailOf(reply.text, reply.statusText);
        throw jobsAggsError('UPSTREAM_ERROR', `jobs API rejected a freshly issued token: ${detail}`, {
          upstreamStatus: 401,
          detail,
        });
      }
    }
    if (reply.status !== 200) throw this.failure(reply);
    return readAggsReply(reply.text);
  }

  private post(json: string, token: AccessToken, signal: AbortSignal): Promise<HttpReply> {
    const headers = {
      authorization: `Bearer ${token.value}`,
      'content-type': 'application/json',
      accept: 'application/json',
      ...(this.options.userAgent ? { 'user-agent': this.options.userAgent } : {}),
      client_id: this.options.clientId,
    };
    return postForReply(this.endpoint, { headers, body: json }, signal, 'jobs API aggs request');
  }

  private failure(reply: HttpReply): JobgraphError {
    const now = this.clock();
    const error = errorForReply(reply, now);
    if (error.code === 'RATE_LIMITED') {
      const retryAfterSeconds = Number(error.extensions['retryAfterSeconds'] ?? 0);
      this.rateLimited = { error, until: now + Math.min(retryAfterSeconds * 1000, MAX_RATE_LIMIT_HOLD_MS) };
    }
    return error;
  }

  private logChallenge(reply: HttpReply): void {
    const challenge = reply.headers.get('www-authenticate') ?? '';
    const error = /error="([^"]*)"/.exec(challenge)?.[1];
    const description = /error_description="([^"]*)"/.exec(challenge)?.[1];
    if (error || description)
      this.options.logger?.info({ error, description }, 'jobs API answered 401; refreshing the token');
  }
}
