import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sameSecret, send } from './jobs-aggs-sim-http';
import type { SimulatedTokenIssuer } from './jobs-aggs-sim-tokens';

/** What the token endpoint checks and issues. */
export interface TokenRouteOptions {
  clientId: string;
  clientSecret: string;
  tokens: SimulatedTokenIssuer;
  lifetimeSeconds: number;
}

/**
 * `POST /oauth2/token` (contract §9): form-encoded only (else 400 `invalid_request`), credentials
 * from the body or Basic auth, `scope` ignored, grant `client_credentials` only, a bad client
 * 400 `invalid_client`; success 200 with `Cache-Control: no-store`.
 */
export async function answerTokenRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: TokenRouteOptions,
): Promise<void> {
  const text = await readBody(req);
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
    return send(res, 400, { error: 'invalid_request' });
  const form = new URLSearchParams(text);
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
  if (form.get('grant_type') !== 'client_credentials') return send(res, 400, { error: 'unsupported_grant_type' });
  const id = form.get('client_id') ?? basicId;
  const secret = form.get('client_secret') ?? basicSecret;
  if (id !== options.clientId || secret === undefined || secret === null || !sameSecret(secret, options.clientSecret))
    return send(res, 400, { error: 'invalid_client' });
  const accessToken = await options.tokens.issue(options.clientId, options.lifetimeSeconds);
  send(
    res,
    200,
    { access_token: accessToken, token_type: 'Bearer', expires_in: options.lifetimeSeconds },
    { 'cache-control': 'no-store' },
  );
}
