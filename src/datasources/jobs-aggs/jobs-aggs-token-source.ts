import { decodeJwt } from 'jose';
import type { Logger } from 'pino';
import { UpstreamError } from '../../errors';
import { createBackendPolicy } from '../resilience/backend-policy';
import type { BackendPolicy } from '../resilience/backend-policy';
import { postForReply } from './jobs-aggs-http';
import { asRecord, errorDetailOf, oauthErrorCodeOf, tryParseJson } from './jobs-aggs-error-body';
import { jobsAggsError } from './jobs-aggs-errors';

/** An access token with the bookkeeping the cache needs. Never logged. */
export interface AccessToken {
  readonly value: string;
  /** Increases with every token fetched; a 401 invalidates only the generation it was seen with. */
  readonly generation: number;
  /** Epoch ms: `sentAt + expires_in`. */
  readonly expiresAt: number;
  /** Epoch ms after which the token is no longer handed out: `expiresAt − min(60 s, 10 % of the lifetime)`. */
  readonly refreshAt: number;
}

/** Options of {@link TokenSource}. */
export interface TokenSourceOptions {
  /** Full token URL (`JOBGRAPH_JOBS_API_TOKEN_URL`). */
  tokenUrl: string;
  clientId: string;
  /** Sent only in the form body; never logged nor put in an error. */
  clientSecret: string;
  /** Deadline of one token request attempt, ms (one retry of an unreachable endpoint after 200–500 ms). Default 10000. */
  timeoutMs?: number;
  /** Epoch-ms clock. Default `Date.now`. */
  clock?: () => number;
  logger?: Logger;
}

/** How long a rejected token request is remembered (§2.2), ms. */
const REJECTION_CACHE_MS = 30_000;
/** Lifetime assumed when neither `expires_in` nor a JWT `exp` says, s. */
const DEFAULT_LIFETIME_S = 300;

/**
 * OAuth2 client-credentials tokens for the jobs/aggs API (contract §2): one cached token,
 * refreshed shortly before it expires, at most one token request in flight whatever the
 * number of waiters, and a rejection remembered for 30 s so a bad secret is not hammered.
 */
export class TokenSource {
  private current: AccessToken | undefined;
  private inflight: Promise<AccessToken> | undefined;
  private rejection: { error: UpstreamError; until: number } | undefined;
  private generation = 0;
  private readonly clock: () => number;
  private readonly policy: BackendPolicy;

  constructor(private readonly options: TokenSourceOptions) {
    this.clock = options.clock ?? Date.now;
    // Its own breaker: the aggs breaker already counts the failures a dead token endpoint causes.
    this.policy = createBackendPolicy('jobs-aggs', {
      timeoutMs: options.timeoutMs ?? 10_000,
      readAttempts: 2,
      initialBackoffMs: 200,
      maxBackoffMs: 500,
      maxInFlight: 1,
    });
  }

  /** A valid token: the cached one, or the result of the single token request in flight. */
  async get(): Promise<AccessToken> {
    const now = this.clock();
    if (this.current && now < this.current.refreshAt) return this.current;
    if (this.rejection && now < this.rejection.until) throw this.rejection.error;
    this.inflight ??= this.fetchToken().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Drops `token` if it is still the cached one (a 401 was answered to it). */
  invalidate(token: AccessToken): void {
    if (this.current?.generation === token.generation) this.current = undefined;
  }

  private async fetchToken(): Promise<AccessToken> {
    try {
      const token = await this.policy.read((signal) => this.requestOnce(signal), 'jobs API token request');
      this.current = token;
      this.rejection = undefined;
      return token;
    } catch (error) {
      if (error instanceof UpstreamError) this.rejection = { error, until: this.clock() + REJECTION_CACHE_MS };
      throw error;
    }
  }

  private async requestOnce(signal: AbortSignal): Promise<AccessToken> {
    const sentAt = this.clock();
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
    });
    const reply = await postForReply(
      this.options.tokenUrl,
      {
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      },
      signal,
      'jobs API token request',
    );
    if (reply.status >= 500) {
      const detail = errorDetailOf(reply.text, reply.statusText);
      throw jobsAggsError('UPSTREAM_UNAVAILABLE', `jobs API token endpoint answered ${reply.status}: ${detail}`, {
        upstreamStatus: reply.status,
        detail,
      });
    }
    if (reply.status !== 200) {
      const reason = oauthErrorCodeOf(reply.text) ?? `HTTP ${reply.status}`;
      const detail = errorDetailOf(reply.text, reply.statusText);
      this.options.logger?.warn({ upstreamStatus: reply.status, detail }, 'jobs API token request rejected');
      throw jobsAggsError('UPSTREAM_ERROR', `jobs API token request rejected: ${reason}`, {
        upstreamStatus: reply.status,
        detail,
      });
    }
    return this.readToken(reply.text, sentAt);
  }

  private readToken(text: string, sentAt: number): AccessToken {
    const body = asRecord(tryParseJson(text));
    const value = body?.['access_token'];
    const type = body?.['token_type'];
    if (typeof value !== 'string' || value === '') {
      throw jobsAggsError('UPSTREAM_ERROR', 'jobs API token response has no access_token', { upstreamStatus: 200 });
    }
    if (typeof type !== 'string' || type.toLowerCase() !== 'bearer') {
      throw jobsAggsError('UPSTREAM_ERROR', `jobs API token type is ${JSON.stringify(type ?? null)}, not bearer`, {
        upstreamStatus: 200,
      });
    }
    const lifetimeS = this.lifetimeOf(body?.['expires_in'], value, sentAt);
    const expiresAt = sentAt + lifetimeS * 1000;
    const margin = Math.min(60_000, lifetimeS * 100);
    this.generation += 1;
    return { value, generation: this.generation, expiresAt, refreshAt: expiresAt - margin };
  }

  private lifetimeOf(expiresIn: unknown, token: string, sentAt: number): number {
    if (typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0) return expiresIn;
    if (typeof expiresIn === 'string' && /^\d+$/.test(expiresIn)) return Number(expiresIn);
    try {
      const exp = decodeJwt(token).exp;
      if (typeof exp === 'number' && exp * 1000 > sentAt) return (exp * 1000 - sentAt) / 1000;
    } catch {
      // Not a JWT: fall back to the default lifetime.
    }
    return DEFAULT_LIFETIME_S;
  }
}
