import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, configSettings, loadConfig, redactConfig } from '../../../src/config';

describe('loadConfig', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jobgraph-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('uses the defaults of the architecture table when nothing is set', () => {
    const config = loadConfig({ env: {} });
    expect(config.server).toMatchObject({ port: 4000, host: '127.0.0.1', playground: true, logLevel: 'info' });
    expect(config.flux.uri).toBe('local:///run/flux/local');
  });

  it('applies defaults < file < environment < flags', () => {
    const yaml = file(
      'c.yaml',
      'server:\n  port: 5000\n  host: 0.0.0.0\n  logLevel: debug\nflux:\n  uri: local:///tmp/from-file\n',
    );
    const env = { JOBGRAPH_CONFIG: yaml, JOBGRAPH_PORT: '6000', FLUX_URI: 'ssh://flux@login1/run/flux/local' };
    const config = loadConfig({ env, flags: { server: { port: '7000' } } });
    expect(config.server.port).toBe(7000);
    expect(config.server.host).toBe('0.0.0.0');
    expect(config.server.logLevel).toBe('debug');
    expect(config.flux.uri).toBe('ssh://flux@login1/run/flux/local');
    expect(config.server.shutdownTimeoutMs).toBe(10_000);
  });

  it('reads JSON files and converts env strings to booleans', () => {
    const json = file('c.json', JSON.stringify({ server: { playground: true, port: 4100 } }));
    const config = loadConfig({ env: { JOBGRAPH_PLAYGROUND: 'off' }, file: json });
    expect(config.server.playground).toBe(false);
    expect(config.server.port).toBe(4100);
  });

  // Regression: JOBGRAPH_AUTH=jwt without its settings threw a plain Error (a stack trace) at start.
  it('reports missing JWT settings as configuration problems, all at once, each naming its variable', () => {
    let caught: unknown;
    try {
      loadConfig({ env: { JOBGRAPH_AUTH: 'jwt', JOBGRAPH_PORT: 'abc' } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems.map((p) => p.envVar).sort()).toEqual([
      'JOBGRAPH_AUTH_JWT_AUDIENCE',
      'JOBGRAPH_AUTH_JWT_ISSUER',
      'JOBGRAPH_AUTH_JWT_KEY_FILE',
      'JOBGRAPH_PORT',
    ]);
  });

  it('reports every problem at once, each naming its variable, source and value', () => {
    const yaml = file('bad.yaml', 'server:\n  shutdownTimeoutMs: -5\nfluxx: {}\n');
    let caught: unknown;
    try {
      loadConfig({
        env: { JOBGRAPH_CONFIG: yaml, JOBGRAPH_PORT: 'abc', FLUX_URI: 'http://nope', JOBGRAPH_LOG_LEVEL: 'loud' },
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems.map((p) => p.envVar ?? p.key).sort()).toEqual(
      ['FLUX_URI', 'JOBGRAPH_LOG_LEVEL', 'JOBGRAPH_PORT', 'JOBGRAPH_SHUTDOWN_TIMEOUT_MS', 'fluxx'].sort(),
    );
    const port = problems.find((p) => p.envVar === 'JOBGRAPH_PORT');
    expect(port).toMatchObject({ key: 'server.port', source: 'env' });
    expect(port?.message).toContain('"abc"');
    expect(problems.find((p) => p.envVar === 'JOBGRAPH_SHUTDOWN_TIMEOUT_MS')?.source).toBe('file');
    expect((caught as Error).message).toContain('JOBGRAPH_PORT (server.port, from env)');
  });

  it('names JOBGRAPH_CONFIG when the file cannot be read', () => {
    expect(() => loadConfig({ env: { JOBGRAPH_CONFIG: join(dir, 'missing.yaml') } })).toThrow(
      /JOBGRAPH_CONFIG.*missing\.yaml/,
    );
  });

  it('redacts secrets and never echoes them in errors', () => {
    const env = {
      JOBGRAPH_JOBS_API_URL: 'http://127.0.0.1:1/aggs',
      JOBGRAPH_JOBS_API_TOKEN_URL: 'http://127.0.0.1:1/token',
      JOBGRAPH_JOBS_API_CLIENT_ID: 'jobgraph',
      JOBGRAPH_JOBS_API_CLIENT_SECRET: 'hunter2',
    };
    const printed = JSON.stringify(redactConfig(loadConfig({ env })));
    expect(printed).not.toContain('hunter2');
    expect(printed).toContain('<redacted>');
  });

  it('redacts the password of URL settings, in printed config and in errors', () => {
    const printed = JSON.stringify(
      redactConfig(
        loadConfig({
          env: {
            JOBGRAPH_ELASTICSEARCH_URL: 'https://jobgraph:s3cr3t-pw@es.example:9200',
            FLUX_URI: 'ssh://flux@login1/run/flux/local',
          },
        }),
      ),
    );
    expect(printed).not.toContain('s3cr3t-pw');
    expect(printed).toContain('https://jobgraph:<redacted>@es.example:9200');
    expect(printed).toContain('ssh://flux@login1/run/flux/local');
    let caught: unknown;
    try {
      loadConfig({ env: { JOBGRAPH_ELOG_URL: 'https://opr:s3cr3t-pw@bad host' } });
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toMatch(/JOBGRAPH_ELOG_URL/);
    expect((caught as Error).message).not.toContain('s3cr3t-pw');
  });

  it('documents every setting with its env var', () => {
    const settings = configSettings();
    const names = settings.map((s) => s.envVar);
    expect(names).toEqual(
      expect.arrayContaining([
        'JOBGRAPH_PORT',
        'JOBGRAPH_HOST',
        'FLUX_URI',
        'JOBGRAPH_PLAYGROUND',
        'JOBGRAPH_LOG_LEVEL',
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
    expect(settings.find((s) => s.envVar === 'JOBGRAPH_PORT')?.defaultValue).toBe('4000');
    expect(settings.find((s) => s.envVar === 'JOBGRAPH_JOBS_API_CLIENT_SECRET')?.secret).toBe(true);
  });
});
