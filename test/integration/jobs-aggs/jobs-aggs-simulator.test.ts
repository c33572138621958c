import { decodeJwt } from 'jose';
import { startJobsAggsSimulator } from '../../../src/simulators/jobs-aggs/jobs-aggs.simulator';
import type { JobsAggsSimulator } from '../../../src/simulators/jobs-aggs/jobs-aggs.simulator';
import { smallDataset } from '../../fixtures/jobs-aggs/small-dataset';

const form = 'application/x-www-form-urlencoded';

describe('jobs/aggs simulator endpoints', () => {
  let sim: JobsAggsSimulator;
  beforeAll(async () => {
    sim = await startJobsAggsSimulator({
      dataset: smallDataset(50),
      clientId: 'cid',
      clientSecret: 'sec',
      tokenLifetimeSeconds: 2,
    });
  });
  afterAll(async () => sim.close());

  const tokenCall = (body: string, headers: Record<string, string> = { 'content-type': form }) =>
    fetch(sim.tokenUrl, { method: 'POST', headers, body });
  const aggsCall = (headers: Record<string, string>, body: unknown = {}) =>
    fetch(`${sim.url}/v3/jobs/aggs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('issues JWT-shaped tokens to form-encoded client credentials, in the body or Basic auth', async () => {
    const viaBody = await tokenCall('grant_type=client_credentials&client_id=cid&client_secret=sec&scope=x');
    expect(viaBody.headers.get('cache-control')).toBe('no-store');
    const json = (await viaBody.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(json).toMatchObject({ token_type: 'Bearer', expires_in: 2 });
    expect(decodeJwt(json.access_token)).toMatchObject({
      client_id: 'cid',
      sub: 'cid',
      token_use: 'access',
      scope: expect.any(String),
      exp: expect.any(Number),
      iat: expect.any(Number),
    });
    const viaBasic = await tokenCall('grant_type=client_credentials', {
      'content-type': form,
      authorization: `Basic ${Buffer.from('cid:sec').toString('base64')}`,
    });
    expect(viaBasic.status).toBe(200);
  });

  it.each([
    [
      'grant_type=client_credentials&client_id=cid&client_secret=sec',
      { 'content-type': 'application/json' },
      'invalid_request',
    ],
    ['grant_type=password&client_id=cid&client_secret=sec', { 'content-type': form }, 'unsupported_grant_type'],
    ['grant_type=client_credentials&client_id=cid&client_secret=nope', { 'content-type': form }, 'invalid_client'],
  ])('refuses %s with 400 %s', async (body, headers, error) => {
    const response = await tokenCall(body, headers as Record<string, string>);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error });
  });

  it('answers 401 with the challenge, 400 without client_id, 403 for another client', async () => {
    const bare = await aggsCall({});
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toBe('Bearer');
    expect(await bare.json()).toEqual({ status_code: 401, detail: 'Invalid or missing token' });
    const bad = await aggsCall({ authorization: 'Bearer not-a-token' });
    expect(bad.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="The access token is invalid"',
    );
    const token = (
      (await (await tokenCall('grant_type=client_credentials&client_id=cid&client_secret=sec')).json()) as {
        access_token: string;
      }
    ).access_token;
    const noClient = await aggsCall({ authorization: `Bearer ${token}` });
    expect([noClient.status, await noClient.json()]).toEqual([
      400,
      { status_code: 400, detail: 'Missing client_id header' },
    ]);
    const other = await aggsCall({ authorization: `Bearer ${token}`, client_id: 'someone-else' });
    expect([other.status, await other.json()]).toEqual([
      403,
      { status_code: 403, detail: 'client_id does not match token' },
    ]);
    const ok = await aggsCall(
      { authorization: `Bearer ${token}`, client_id: 'cid' },
      {
        application: 'atr',
        start_time: '2025-01-01T00:00:00Z',
        end_time: '2025-03-08T00:00:00Z',
        junk: 1,
        aggs: { s: { terms: { field: 'job.state' } } },
      },
    );
    const answer = (await ok.json()) as {
      meta: { api_version: string; request_id: string; rate_limit: { daily_remaining: number } };
    };
    expect(answer.meta).toMatchObject({ api_version: 'v3', rate_limit: { daily_remaining: 99 } });
    expect(answer.meta.request_id).toMatch(/^[0-9a-f-]{36}$/);
    sim.revokeAll();
    const revoked = await aggsCall({ authorization: `Bearer ${token}`, client_id: 'cid' });
    expect(revoked.headers.get('www-authenticate')).toContain('The access token has been revoked');
  });
});
