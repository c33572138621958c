import { Writable } from 'node:stream';
import { loadConfig, redactConfig } from '../../../src/config';
import { createDatasources } from '../../../src/datasources/create-datasources';
import { createStaticUserDatabase } from '../../../src/datasources/users/static-user-database';
import { createServer } from '../../../src/server/create-server';
import { createLogger } from '../../../src/server/logger';
import { generateDataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { startJobsAggsSimulator } from '../../../src/simulators/jobs-aggs/jobs-aggs.simulator';

/** Every secret this run uses; none may appear in any log line, error or printed config. */
const WRONG_SECRET = 'wrong-secret-7f3a9c1e55';
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsZWFrIn0.c2VjcmV0LXNpZ25hdHVyZS0xMjM0NQ';

describe('secrets never reach logs, errors or printed config', () => {
  it('greps a trace-level log of a run with good and bad credentials for every secret', async () => {
    const dataset = generateDataset({ seed: 5, jobCount: 200 });
    const flux = await startFluxSimulator({ dataset });
    const jobsAggs = await startJobsAggsSimulator({ dataset, dailyQuota: 1_000_000 });
    const secrets = [jobsAggs.clientSecret, WRONG_SECRET, BEARER];
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createLogger('trace', sink);
    const env = (secret: string) => ({
      JOBGRAPH_PORT: '0',
      JOBGRAPH_PLAYGROUND: 'off',
      FLUX_URI: flux.uri,
      JOBGRAPH_JOBS_API_URL: jobsAggs.url,
      JOBGRAPH_JOBS_API_TOKEN_URL: jobsAggs.tokenUrl,
      JOBGRAPH_JOBS_API_CLIENT_ID: jobsAggs.clientId,
      JOBGRAPH_JOBS_API_CLIENT_SECRET: secret,
    });
    const responses: string[] = [];
    try {
      for (const secret of [jobsAggs.clientSecret, WRONG_SECRET]) {
        const config = loadConfig({ env: env(secret) });
        responses.push(JSON.stringify(redactConfig(config)));
        const server = await createServer({
          config,
          ...createDatasources(config, { users: createStaticUserDatabase(dataset.users) }, logger),
          logger,
        });
        try {
          const url = `${await server.listen()}/graphql`;
          const query =
            '{ jobStats { jobStates { total } } jobAggregations(source: JOBS_API, aggs: [{ name: "s", terms: { rawField: "job.state" } }]) { total } }';
          const response = await fetch(url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${BEARER}`,
              cookie: `session=${BEARER}`,
            },
            body: JSON.stringify({ query }),
          });
          responses.push(await response.text());
        } finally {
          await server.close(1000);
        }
      }
    } finally {
      await flux.close();
      await jobsAggs.close();
    }
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(2);
    // The bad secret did fail (so the error path was exercised), with a typed error.
    expect(responses[3]).toMatch(/"backend":"jobs-aggs"/);
    for (const secret of secrets) {
      expect(log.includes(secret)).toBe(false);
      for (const response of responses) expect(response.includes(secret)).toBe(false);
    }
  }, 60_000);
});
