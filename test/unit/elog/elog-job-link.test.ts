import { elogLinkOfJob, parseRunNumber } from '../../../src/datasources/elog/elog-job-link';

const keys = { experimentAttribute: 'experiment', runAttribute: 'run' };
const withEnv = (environment: Record<string, string>, user?: Record<string, unknown>) => ({
  jobspec: { attributes: { system: {}, ...(user ? { user } : {}) } },
  J: { attributes: { system: { environment } } },
});

describe('job → eLog run link', () => {
  it('prefers the jobspec user attributes', () => {
    expect(
      elogLinkOfJob(withEnv({ EXPERIMENT: 'cxil1022721', RUN_NUM: '3' }, { experiment: 'mfxl1038923', run: 42 }), keys),
    ).toEqual({ experiment: 'mfxl1038923', run: 42 });
  });
  it('uses configured attribute names', () => {
    expect(
      elogLinkOfJob(withEnv({}, { exp: 'mfxl1038923', runNumber: '7' }), {
        experimentAttribute: 'exp',
        runAttribute: 'runNumber',
      }),
    ).toEqual({ experiment: 'mfxl1038923', run: 7 });
  });
  it('falls back to EXPERIMENT / RUN_NUM in J, Airflow style included, then RUN', () => {
    expect(elogLinkOfJob(withEnv({ EXPERIMENT: 'mfxl1038923', RUN_NUM: '42_2024-03-15T02:13:07' }), keys)).toEqual({
      experiment: 'mfxl1038923',
      run: 42,
    });
    expect(elogLinkOfJob(withEnv({ EXPERIMENT: 'mfxl1038923', RUN: '5' }), keys)).toEqual({
      experiment: 'mfxl1038923',
      run: 5,
    });
  });
  it('is null without both parts or with a run that is not an integer', () => {
    expect(elogLinkOfJob(withEnv({ EXPERIMENT: 'mfxl1038923' }), keys)).toBeNull();
    expect(elogLinkOfJob(withEnv({ RUN_NUM: '4' }), keys)).toBeNull();
    expect(elogLinkOfJob(withEnv({ EXPERIMENT: 'mfxl1038923', RUN_NUM: 'abc' }), keys)).toBeNull();
    expect(elogLinkOfJob(null, keys)).toBeNull();
    expect(parseRunNumber(4.5)).toBeUndefined();
    expect(parseRunNumber(-1)).toBeUndefined();
  });
});
