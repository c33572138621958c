import type { FluxJob, FluxJobInfo } from '../../../src/datasources/flux/flux-job';
import { buildJobDocument, MAX_FORWARDED_EVENTS } from '../../../src/forwarder/job-document.builder';
import { elogLinkOfJob } from '../../../src/datasources/elog/elog-job-link';

const id = 2n ** 64n - 2n;
const job: FluxJob = {
  id,
  userId: 1001,
  urgency: 16,
  priority: 16,
  state: 'INACTIVE',
  result: 'FAILED',
  name: 'smalldata',
  queue: 'milano',
  bank: 'lcls',
  tSubmit: 1795305600.612,
  tRun: 1795305610.5,
  tCleanup: 1795305710.75,
  tInactive: 1795305711,
  ncores: 4,
  nodelist: 'sdf[1-2]',
  duration: 0,
  expiration: 0,
  waitStatus: 256 * 3,
  success: false,
  exception: { occurred: false },
};
const info: FluxJobInfo = {
  id,
  jobspec: { version: 1, attributes: { system: { duration: 0 }, user: { run: '12' } } },
  J: { attributes: { system: { environment: { EXPERIMENT: 'mfxp1023', RUN_NUM: '7', SECRET_TOKEN: 'x' } } } },
  eventlog: Array.from({ length: 1500 }, (_, i) => ({
    timestamp: 1795305600.612 + i,
    name: i === 0 ? 'submit' : 'memo',
    context: { i },
  })),
};

test('builds the history document of an inactive job', () => {
  const doc = buildJobDocument(job, info, {
    instance: 'local:///run/flux/local',
    environment: ['EXPERIMENT', 'RUN_NUM'],
    userName: 'alice',
    now: 1795400000000,
  });
  expect(doc.id).toBe('18446744073709551614');
  expect(doc.ids.dothex).toBe('ffff.ffff.ffff.fffe');
  expect(doc.ids.f58plain).toBe(`f${doc.ids.f58.slice(1)}`);
  expect(doc.submittedAt).toBe(1795305600612);
  expect(doc.queuedSeconds).toBeCloseTo(9.888, 6);
  expect(doc.runtimeSeconds).toBeCloseTo(100.25, 6);
  expect(doc.coreSeconds).toBeCloseTo(401, 6);
  expect(doc.exitCode).toBe(3);
  expect(doc.status).toBe('FAILED');
  expect(doc.experiment).toBe('mfxp1023');
  expect(doc.run).toBe(12);
  expect(doc.environment).toEqual({ EXPERIMENT: 'mfxp1023', RUN_NUM: '7' });
  expect(doc.nodes).toEqual(['sdf1', 'sdf2']);
  expect(Object.keys(doc)).not.toContain('timeLimitSeconds');
  expect(Object.keys(doc)).not.toContain('expiresAt');
  expect(doc.startedAt).toBe(1795305610500);
  expect(doc.eventlog).toHaveLength(MAX_FORWARDED_EVENTS);
  expect(doc.eventlog?.[MAX_FORWARDED_EVENTS - 1]?.timestamp).toBe(Math.round((1795305600.612 + 1499) * 1000));
  expect(doc.eventlogTruncated).toBe(true);
  expect(doc.eventNames).toEqual(['submit', 'memo']);
});

test('a job canceled before it ran and never looked up keeps only what job-list knew', () => {
  const canceled: FluxJob = {
    id: 5n,
    userId: 1,
    urgency: 16,
    state: 'INACTIVE',
    result: 'CANCELED',
    tSubmit: 1795305600,
    tInactive: 1795305601,
  };
  const doc = buildJobDocument(canceled, null, { instance: 'i', environment: [], now: 1 });
  expect(doc.exitCode).toBe(-128);
  expect(doc.runtimeSeconds).toBeUndefined();
  expect(Object.keys(doc)).not.toContain('eventlog');
  expect(() =>
    buildJobDocument({ ...canceled, tSubmit: 1795305600000 }, null, { instance: 'i', environment: [], now: 1 }),
  ).not.toThrow();
  expect(() =>
    buildJobDocument({ ...canceled, tSubmit: 17953 }, null, { instance: 'i', environment: [], now: 1 }),
  ).toThrow(RangeError);
});

test('regression: Airflow-style RUN_NUM ("42_2024-03-15T02:13:07") gave no run in history while Job.elogRun read 42', () => {
  const airflow: FluxJobInfo = {
    id,
    jobspec: { version: 1, attributes: { system: {} } },
    J: { attributes: { system: { environment: { EXPERIMENT: ' mfxl1038923 ', RUN_NUM: '42_2024-03-15T02:13:07' } } } },
  };
  const doc = buildJobDocument(job, airflow, { instance: 'i', environment: [], now: 1 });
  const link = elogLinkOfJob(airflow, { experimentAttribute: 'experiment', runAttribute: 'run' });
  expect(link).toEqual({ experiment: 'mfxl1038923', run: 42 });
  expect({ experiment: doc.experiment, run: doc.run }).toEqual(link);
});

test('experiment and run follow the configured attribute names, each part on its own', () => {
  const custom: FluxJobInfo = {
    id,
    jobspec: { version: 1, attributes: { user: { exp: 'cxil1022721', runNumber: 9 } } },
    J: { attributes: { system: { environment: {} } } },
  };
  const linkKeys = { experimentAttribute: 'exp', runAttribute: 'runNumber' };
  expect(buildJobDocument(job, custom, { instance: 'i', environment: [], now: 1, linkKeys })).toMatchObject({
    experiment: 'cxil1022721',
    run: 9,
  });
  const experimentOnly = buildJobDocument(job, custom, { instance: 'i', environment: [], now: 1 });
  expect(experimentOnly.experiment).toBeUndefined();
  expect(experimentOnly.run).toBeUndefined();
  const noRun: FluxJobInfo = { id, J: { attributes: { system: { environment: { EXPERIMENT: 'mfxp1023' } } } } };
  expect(buildJobDocument(job, noRun, { instance: 'i', environment: [], now: 1 })).toMatchObject({
    experiment: 'mfxp1023',
  });
});
