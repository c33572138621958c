import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { createDatasources } from '../../../src/datasources/create-datasources';
import { createServer } from '../../../src/server/create-server';
import { generateDataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';

// The one rule (docs/architecture.md): every field of an optional backend that is not configured
// fails UPSTREAM_UNAVAILABLE naming its backend and the settings that enable it; the rest is served.
// Job.profile answered a silent null while Job.elogRun failed: now both fail the same way.
describe('fields of unconfigured optional backends on a served Job', () => {
  it('Job.profile and Job.elogRun fail UPSTREAM_UNAVAILABLE with their settings; Job.id is served', async () => {
    const dataset = generateDataset({ seed: 5, jobCount: 20, now: 1_795_400_000 });
    const flux = await startFluxSimulator({ dataset });
    const config = loadConfig({ env: { JOBGRAPH_PORT: '0', JOBGRAPH_PLAYGROUND: 'off', FLUX_URI: flux.uri } });
    const { datasources, policies } = createDatasources(config);
    const server = await createServer({ config, datasources, policies, logger: pino({ level: 'silent' }) });
    try {
      const job = dataset.jobs[0]?.job.id.toString();
      const response = await fetch(`${await server.listen()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ job(id: "${job}") { id profile { id } elogRun { number } } }` }),
      });
      const body = (await response.json()) as {
        data: { job: Record<string, unknown> };
        errors: Array<{ message: string; path: string[]; extensions: Record<string, unknown> }>;
      };
      expect(body.data.job).toMatchObject({ profile: null, elogRun: null });
      expect(body.data.job.id).toEqual(expect.any(String));
      const byField = Object.fromEntries(body.errors.map((error) => [error.path.at(-1), error]));
      expect(byField.profile).toMatchObject({
        extensions: { code: 'UPSTREAM_UNAVAILABLE', backend: 'sciagraph' },
        message: expect.stringContaining('JOBGRAPH_SCIAGRAPH_REPORTS'),
      });
      expect(byField.elogRun).toMatchObject({
        extensions: { code: 'UPSTREAM_UNAVAILABLE', backend: 'elog' },
        message: expect.stringContaining('JOBGRAPH_ELOG_URL'),
      });
      expect(body.errors).toHaveLength(2);
    } finally {
      await server.close(1000);
      await datasources.flux.close();
      await flux.close();
    }
  });
});
