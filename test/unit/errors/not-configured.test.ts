import { ENABLING_SETTINGS, notConfigured } from '../../../src/errors';

describe('notConfigured: the one error of an unconfigured optional backend', () => {
  it.each(Object.keys(ENABLING_SETTINGS) as Array<keyof typeof ENABLING_SETTINGS>)(
    '%s: UPSTREAM_UNAVAILABLE with its backend, naming every setting that enables it',
    (backend) => {
      const error = notConfigured(backend);
      expect(error.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', backend });
      expect(error.message).toMatch(/ is not configured \(set /);
      for (const setting of ENABLING_SETTINGS[backend].settings) expect(error.message).toContain(setting);
    },
  );

  it('reads as the operator needs it', () => {
    expect(notConfigured('elog').message).toBe('the eLog is not configured (set JOBGRAPH_ELOG_URL)');
  });
});
