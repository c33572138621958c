import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobsAggsConfigSchema, resolveJobsAggsSettings } from '../../../src/config/jobs-aggs.config';
import { loadConfig, redactConfig } from '../../../src/config';

describe('jobsApi config section', () => {
  it('is disabled with defaults when nothing is set', () => {
    const section = jobsAggsConfigSchema.parse({});
    expect(section).toMatchObject({ application: 'atr', timeoutMs: 15000, tokenTimeoutMs: 10000 });
    expect(resolveJobsAggsSettings(section)).toBeUndefined();
  });

  it('names every missing variable when only some are set', () => {
    const result = jobsAggsConfigSchema.safeParse({ url: 'https://api.example.com', clientId: 'abc' });
    expect(result.error?.issues[0]?.message).toBe(
      'the jobs/aggs API needs all of JOBGRAPH_JOBS_API_URL, JOBGRAPH_JOBS_API_TOKEN_URL, JOBGRAPH_JOBS_API_CLIENT_ID, JOBGRAPH_JOBS_API_CLIENT_SECRET; missing JOBGRAPH_JOBS_API_TOKEN_URL, JOBGRAPH_JOBS_API_CLIENT_SECRET',
    );
  });

  it('loads from the environment, reads the secret file, and redacts the secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobs-api-'));
    try {
      writeFileSync(join(dir, 'secret'), 's3cr3t\n');
      const env = {
        JOBGRAPH_JOBS_API_URL: 'https://api.example.com',
        JOBGRAPH_JOBS_API_TOKEN_URL: 'https://auth.example.com/oauth2/token',
        JOBGRAPH_JOBS_API_CLIENT_ID: 'abc',
        JOBGRAPH_JOBS_API_CLIENT_SECRET_FILE: join(dir, 'secret'),
        JOBGRAPH_JOBS_API_TIMEOUT_MS: '2500',
        JOBGRAPH_JOBS_API_FIELDS: 'job.state, @timestamp',
      };
      const config = loadConfig({ env });
      expect(config.jobsApi).toMatchObject({ timeoutMs: 2500, fields: ['job.state', '@timestamp'] });
      expect(resolveJobsAggsSettings(config.jobsApi)).toMatchObject({ clientSecret: 's3cr3t' });
      const withSecret = loadConfig({ env: { ...env, JOBGRAPH_JOBS_API_CLIENT_SECRET: 'plain-secret' } });
      expect(JSON.stringify(redactConfig(withSecret))).not.toContain('plain-secret');
      expect(() => resolveJobsAggsSettings({ ...config.jobsApi, clientSecretFile: join(dir, 'absent') })).toThrow(
        /JOBGRAPH_JOBS_API_CLIENT_SECRET_FILE .* \(ENOENT\)/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
