import { configSettings, loadConfig, redactConfig } from '../../../src/config';

describe('elog config section', () => {
  it('reads its environment variables, including the ARP job ones', () => {
    const config = loadConfig({
      env: {
        JOBGRAPH_ELOG_URL: 'https://pswww.slac.stanford.edu',
        JOBGRAPH_ELOG_AUTH: 'kerberos',
        JOBGRAPH_ELOG_TIMEOUT_MS: '2000',
        JOBGRAPH_ELOG_JID_URL_PREFIXES: 'https://a.example/jid/ws/, https://b.example/jid/ws/',
        JID_UPDATE_COUNTERS: 'https://a.example/jid/ws/replace_counters/mfxl1038923/1',
        Authorization: 'Bearer abc.def.ghi',
      },
    });
    expect(config.elog).toMatchObject({
      url: 'https://pswww.slac.stanford.edu',
      auth: 'kerberos',
      timeoutMs: 2000,
      writeTimeoutMs: 120_000,
      app: 'lgbk',
    });
    expect(config.elog.jidUrlPrefixes).toEqual(['https://a.example/jid/ws/', 'https://b.example/jid/ws/']);
    expect(redactConfig(config).elog.arpAuthorization).toBe('<redacted>');
    expect(configSettings().find((s) => s.envVar === 'Authorization')).toMatchObject({
      secret: true,
      description: expect.stringMatching(/Bearer/),
    });
    expect(configSettings().find((s) => s.envVar === 'JOBGRAPH_ELOG_TIMEOUT_MS')).toMatchObject({
      defaultValue: '15000',
      description: expect.stringMatching(/read/),
    });
  });
  it('requires the operator password file for basic and auto, naming the variable', () => {
    expect(() => loadConfig({ env: { JOBGRAPH_ELOG_URL: 'http://127.0.0.1:1', JOBGRAPH_ELOG_AUTH: 'auto' } })).toThrow(
      /JOBGRAPH_ELOG_OPR_PASSWORD_FILE/,
    );
    expect(loadConfig({ env: {} }).elog.url).toBeUndefined();
  });
});
