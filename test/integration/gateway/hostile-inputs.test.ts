import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { createDatasources } from '../../../src/datasources/create-datasources';
import { createGetentUserDatabase } from '../../../src/datasources/users/getent-user-database';
import { createServer } from '../../../src/server/create-server';
import type { GatewayServer } from '../../../src/server/create-server';
import { nestedJsonText } from '../../support/adversarial-documents';

/**
 * Regressions of issue 15 part 5: each of these gave a masked INTERNAL_SERVER_ERROR (getent
 * rejecting a NUL, `spawn E2BIG` for a 200 KB name, a RangeError for a 20-digit uid, a stack
 * overflow for a JSON value nested 300,000 deep). Users come from the host's getent, as in production.
 */
describe('hostile inputs are BAD_USER_INPUT naming the argument and the rule', () => {
  let server: GatewayServer;
  let url: string;
  beforeAll(async () => {
    const config = loadConfig({
      env: { JOBGRAPH_PORT: '0', JOBGRAPH_PLAYGROUND: 'off', FLUX_URI: 'local:///nonexistent/hostile.sock' },
    });
    server = await createServer({ config, ...createDatasources(config), logger: pino({ level: 'silent' }) });
    url = `${await server.listen()}/graphql`;
  });
  afterAll(() => server.close(1000));

  const post = async (body: string) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return (await response.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
  };
  const jobsByUsers = (users: unknown) =>
    post(
      JSON.stringify({
        query: 'query J($u: [String!]) { jobs(filter: { users: $u }) { edges { cursor } } }',
        variables: { u: users },
      }),
    );

  it.each([
    ['a NUL in a user name', ['bchen\u0000'], /filter\.users: .* is not a user name/],
    ['a 200 KB user name', ['u'.repeat(200_000)], /filter\.users: .* is not a user name/],
    ['an option-like user name', ['--help'], /filter\.users: .* is not a user name/],
    ['a 20-digit uid', ['99999999999999999999'], /filter\.users: uid .* is out of range/],
    ['100,000 users', Array.from({ length: 100_000 }, (_, i) => `u${i}`), /filter\.users: at most 1000 users/],
  ])('%s', async (_name, users, message) => {
    const body = await jobsByUsers(users);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(message);
  });

  it('a JSON variable nested 300,000 deep to updateRunTable', async () => {
    const query = 'mutation M($v: JSON!) { updateRunTable(experiment: "xpp12345", run: 1, values: $v) }';
    const body = await post(`{"query":${JSON.stringify(query)},"variables":{"v":${nestedJsonText(300_000)}}}`);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/\$v.*JSON values may nest at most 32 levels/);
  });
});

describe('getent', () => {
  it('gets `--` before the keys and never a key that is not a user name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobgraph-getent-'));
    const log = join(dir, 'argv');
    const command = join(dir, 'getent');
    writeFileSync(command, `#!/bin/sh\necho "$@" >> ${log}\nexit 2\n`);
    chmodSync(command, 0o755);
    try {
      const users = createGetentUserDatabase({ command, timeoutMs: 5000 });
      await users.uidsByName(['alice', '--help', 'a\u0000b']);
      await users.namesByUid([0]);
      expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['passwd -- alice', 'passwd -- 0']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
