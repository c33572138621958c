import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { createDatasources } from '../../../src/datasources/create-datasources';
import { createServer } from '../../../src/server/create-server';

// Regression (found by the GraphQL fuzz test): with no eLog configured, `experiment` threw
// synchronously inside a DataLoader batch and reached the caller as a masked INTERNAL_SERVER_ERROR.
describe('eLog fields without an eLog configured', () => {
  it('answer UPSTREAM_UNAVAILABLE with backend elog, not an internal error', async () => {
    const config = loadConfig({
      env: { JOBGRAPH_PORT: '0', JOBGRAPH_PLAYGROUND: 'off', FLUX_URI: 'local:///nonexistent/jobgraph.sock' },
    });
    const server = await createServer({
      config,
      ...createDatasources(config),
      logger: pino({ level: 'silent' }),
    });
    try {
      const url = `${await server.listen()}/graphql`;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ experiment(name: "ƒ") { instrument } __typename }' }),
      });
      const body = (await response.json()) as {
        data: Record<string, unknown>;
        errors: Array<{ message: string; extensions: Record<string, unknown> }>;
      };
      expect(body.data).toEqual({ experiment: null, __typename: 'Query' });
      // Every backend error carries the request id (issue 15 part 3); in auth mode none the caller is an operator.
      expect(body.errors[0]?.extensions).toEqual({
        code: 'UPSTREAM_UNAVAILABLE',
        backend: 'elog',
        requestId: expect.any(String),
        diagnostic: body.errors[0]?.message,
      });
      expect(body.errors[0]?.message).toMatch(/JOBGRAPH_ELOG_URL/);
    } finally {
      await server.close(1000);
    }
  });
});
