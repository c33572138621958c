import { randomBytes, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/** Issues and checks the simulator's HS256 access tokens; `revokeAll` voids every token issued so far. */
export class SimulatedTokenIssuer {
  private readonly key = randomBytes(32);
  private readonly live = new Set<string>();

  constructor(private readonly clock: () => number) {}

  /** A JWT-shaped token for `clientId`, valid `lifetimeS` seconds from the simulator's clock. */
  async issue(clientId: string, lifetimeS: number): Promise<string> {
    const iat = Math.floor(this.clock() / 1000);
    const jti = randomUUID();
    this.live.add(jti);
    return new SignJWT({ client_id: clientId, token_use: 'access', scope: 'central-monitoring-external-api-prod/read' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(clientId)
      .setJti(jti)
      .setIssuedAt(iat)
      .setExpirationTime(iat + lifetimeS)
      .sign(this.key);
  }

  /** The token's client id, or why it is refused (the `error_description` of the 401 challenge). */
  async verify(token: string): Promise<{ clientId: string } | { refused: string }> {
    try {
      const { payload } = await jwtVerify(token, this.key, { currentDate: new Date(this.clock()), clockTolerance: 0 });
      if (typeof payload.jti !== 'string' || !this.live.has(payload.jti))
        return { refused: 'The access token has been revoked' };
      return { clientId: String(payload['client_id']) };
    } catch (error) {
      const expired = (error as { code?: unknown } | undefined)?.code === 'ERR_JWT_EXPIRED';
      return { refused: expired ? 'The access token expired' : 'The access token is invalid' };
    }
  }

  /** Voids every token issued so far. */
  revokeAll(): void {
    this.live.clear();
  }
}
