import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isJobsAggsEnabled, jobsAggsConfigSchema } from '../../../src/config/jobs-aggs.config';

describe('jobsApi config section', () => {
  it('is disabled with defaults when nothing is set', () => {
    const section = jobsAggsConfigSchema.parse({});
    expect(section).toMatchObject({ application: 'atr', timeoutMs: 15000, tokenTimeoutMs: 10000 });
    expect(isJobsAggsEnabled(section)).toBe(false);
  });

  it('names every missing variable when only some are set', () => {
    const result = jobsAggsConfigSchema.safeParse({ url: 'https://api.example.com', clientId: 'abc' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'the jobs/aggs API needs all of JOBGRAPH_JOBS_API_URL, JOBGRAPH_JOBS_API_TOKEN_URL, JOBGRAPH_JOBS_API_CLIENT_ID, JOBGRAPH_JOBS_API_CLIENT_SECRET; missing JOBGRAPH_JOBS_API_TOKEN_URL, JOBGRAPH_JOBS_API_CLIENT_SECRET',
    );
  });

  it('reads the secret from a file and coerces env strings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobs-api-'));
    try {
      writeFileSync(join(dir, 'secret'), 's3cr3t\n');
      const section = jobsAggsConfigSchema.parse({
        url: 'https://api.example.com', tokenUrl: 'https://auth.example.com/oauth2/token', clientId: 'abc',
        clientSecretFile: join(dir, 'secret'), timeoutMs: '2500', fields: 'job.state, @timestamp',
      });
      expect(section).toMatchObject({ clientSecret: 's3cr3t', timeoutMs: 2500, fields: ['job.state', '@timestamp'] });
      expect(isJobsAggsEnabled(section)).toBe(true);
      const missing = jobsAggsConfigSchema.safeParse({ clientSecretFile: join(dir, 'absent') });
      expect(missing.error?.issues[0]?.message).toContain('JOBGRAPH_JOBS_API_CLIENT_SECRET_FILE');
      expect(missing.error?.issues[0]?.message).toContain('ENOENT');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
