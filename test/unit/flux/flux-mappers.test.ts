import type { FluxJob } from '../../../src/datasources/flux/flux-job';
import { FluxDecoder } from '../../../src/datasources/flux/flux-codec';
import { stringifyFluxJson } from '../../../src/datasources/flux/flux-json';
import { decodeJsonPayload } from '../../../src/datasources/flux/flux-payload';
import { FluxProtocolError } from '../../../src/datasources/flux/flux-protocol-error';
import { mapJobInfo } from '../../../src/datasources/flux/job-info';
import {
  buildJobConstraint,
  matchesClientSide,
  matchesJobQuery,
} from '../../../src/datasources/flux/job-list-constraint';
import { buildListPayload } from '../../../src/datasources/flux/job-list';
import { mapJobStats } from '../../../src/datasources/flux/job-stats.mapper';
import { mapJobEntry } from '../../../src/datasources/flux/job.mapper';
import { unwrapSignedJobspec } from '../../../src/datasources/flux/signed-jobspec';
import { loadFluxFixtures } from '../../fixtures/flux/flux-fixtures';

const { cases } = loadFluxFixtures();
const replies = (name: string): Array<Record<string, unknown>> =>
  new FluxDecoder()
    .push(cases.find((c) => c.name.startsWith(name))!.responseBytes)
    .filter((m) => m.aux1 === 0)
    .map((m) => decodeJsonPayload(m.payload!));

describe('job-list entries → FluxJob', () => {
  const jobs = replies('02-').map((r) => mapJobEntry((r.jobs as Array<Record<string, unknown>>)[0]!));

  it('maps all 14 fixture jobs in broker order', () => {
    expect(jobs.map((j) => `${j.name}:${j.state}:${j.result ?? ''}`)).toEqual([
      'after_monitor:DEPEND:',
      'queued_hold:SCHED:',
      'live_monitor:RUN:',
      ...jobs.slice(3).map((j) => `${j.name}:INACTIVE:${j.result}`),
    ]);
    expect(jobs).toHaveLength(14);
  });

  it('keeps absent attributes absent and present ones exact', () => {
    const [afterMonitor, queuedHold] = jobs;
    expect(afterMonitor).toEqual({
      id: 505329745920n,
      userId: 1001,
      urgency: 16,
      state: 'DEPEND',
      tSubmit: 1795361589.7910175,
      tDepend: 1795361589.8026586,
      name: 'after_monitor',
      cwd: '/sdf/data/lcls/ds/mfx/mfxl1038923/scratch',
      ntasks: 1,
      ncores: 1,
      duration: 0,
      dependencies: ['after-success=ƒEC6YN4P'],
    });
    expect(queuedHold).toMatchObject({ urgency: 0, priority: 0, bank: 'physics', duration: 600, nnodes: 1 });
    expect('tRun' in queuedHold! || 'result' in queuedHold! || 'exception' in queuedHold!).toBe(false);
  });

  it('maps results, exceptions and wait status of inactive jobs', () => {
    const timeout = jobs.find((j) => j.result === 'TIMEOUT')!;
    expect(timeout.exception).toMatchObject({ occurred: true, type: 'timeout', severity: 0 });
    expect(timeout.success).toBe(false);
    const canceled = jobs.filter((j) => j.result === 'CANCELED');
    expect(canceled.map((j) => j.exception?.type)).toEqual(['cancel', 'cancel']);
    expect(canceled.some((j) => j.exception?.note === 'superseded by rerun')).toBe(true);
    const failed = jobs.find((j) => j.result === 'FAILED')!;
    expect(failed.waitStatus).toBe(768);
    expect(jobs.find((j) => j.name === 'geometry_opt')).toMatchObject({
      success: true,
      exception: { occurred: false },
      ntasks: 2,
    });
  });

  it('converts negative wire ids (≥ 2^63) and rejects broken entries', () => {
    expect(mapJobEntry({ id: -616, userid: 1, urgency: 16, state: 8, t_submit: 1 }).id).toBe(18446744073709551000n);
    expect(() => mapJobEntry({ id: 1, userid: 1, urgency: 16, state: 3, t_submit: 1 })).toThrow(FluxProtocolError);
    expect(() => mapJobEntry({ id: 1, userid: 1, urgency: 16, state: 8 })).toThrow(/t_submit/);
    expect(() => mapJobEntry({ id: 1, userid: '1', urgency: 16, state: 8, t_submit: 1 })).toThrow(/userid/);
  });

  it('maps list-id (fixture 07) like the streamed entry', () => {
    const [reply] = replies('07-');
    const job = mapJobEntry(reply!.job as Record<string, unknown>);
    expect(job).toMatchObject({
      id: 320142835712n,
      name: 'geometry_opt',
      state: 'INACTIVE',
      result: 'COMPLETED',
      nodelist: 'vm',
      ranks: '0',
    });
  });
});

describe('job-list constraints', () => {
  it('builds the fixture 02 request from a query', () => {
    const payload = buildListPayload({
      states: ['DEPEND', 'PRIORITY', 'SCHED', 'RUN', 'CLEANUP', 'INACTIVE'],
      since: 0,
    });
    expect(stringifyFluxJson(payload, { realStyle: 'python' })).toBe(
      cases.find((c) => c.name.startsWith('02-'))!.request.payload,
    );
  });

  it('combines every filter into one and', () => {
    expect(
      buildJobConstraint({
        states: ['SCHED', 'RUN'],
        results: ['FAILED', 'TIMEOUT'],
        userIds: [1001],
        names: ['sleep'],
        queues: ['batch'],
        hostlists: ['sdfmilan[001-004]', 'vm'],
        submitted: { from: 100, to: 200.5 },
        inactive: { from: 300 },
        banks: ['lcls'],
      }),
    ).toEqual({
      and: [
        { states: [24] },
        { results: [10] },
        { userid: [1001] },
        { name: ['sleep'] },
        { queue: ['batch'] },
        { hostlist: ['sdfmilan[001-004]', 'vm'] },
        { t_submit: ['>=100'] },
        { t_submit: ['<200.5'] },
        { t_inactive: ['>=300'] },
      ],
    });
    expect(buildJobConstraint({})).toEqual({ and: [] });
  });

  it('matches nodes on journal jobs as the broker does: any host of the filter in the job nodelist (jobChanges)', () => {
    const job = {
      id: 1n,
      userId: 1,
      urgency: 16,
      state: 'RUN',
      tSubmit: 1,
      nodelist: 'sdfmilan[003,010-012]',
    } as FluxJob;
    expect(matchesJobQuery({ hostlists: ['sdfmilan[001-004]'] }, job)).toBe(true);
    expect(matchesJobQuery({ hostlists: ['sdfmilan011'] }, job)).toBe(true);
    expect(matchesJobQuery({ hostlists: ['sdfmilan[004-009]', 'vm'] }, job)).toBe(false);
    expect(matchesJobQuery({ hostlists: ['sdfmilan003'] }, { ...job, nodelist: undefined })).toBe(false);
  });

  it('keeps max_entries off the broker when banks/projects filter client-side', () => {
    expect(buildListPayload({ maxEntries: 5 }).max_entries).toBe(5);
    expect(buildListPayload({ maxEntries: 5, banks: ['lcls'] }).max_entries).toBe(0);
    expect(matchesClientSide({ banks: ['lcls'] }, { bank: 'lcls' })).toBe(true);
    expect(matchesClientSide({ banks: ['lcls'] }, {})).toBe(false);
    expect(matchesClientSide({ projects: ['ml'] }, { project: 'ml', bank: 'ai' })).toBe(true);
  });
});

describe('job-info replies', () => {
  it('unwraps J (fixture 11) to the original jobspec with its environment', () => {
    const [reply] = replies('11-');
    const signed = unwrapSignedJobspec(reply!.J as string);
    expect(signed.header).toEqual({ version: 1, userid: 1001, mechanism: 'none' });
    expect(signed.signature).toBe('none');
    const system = (signed.jobspec.attributes as { system: { environment: Record<string, string> } }).system;
    expect(system.environment).toMatchObject({ EXPERIMENT: 'cxic00121', RUN_NUM: '7' });
    const urlSafe = (reply!.J as string)
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+(?=\.)/g, '');
    expect(unwrapSignedJobspec(urlSafe).jobspec).toEqual(signed.jobspec);
    expect(mapJobInfo(reply!).J).toEqual(signed.jobspec);
  });

  it('rejects a J that is not three parts of base64 JSON', () => {
    expect(() => unwrapSignedJobspec('abc')).toThrow(FluxProtocolError);
    expect(() => unwrapSignedJobspec('a.b!c.none')).toThrow(FluxProtocolError);
    expect(() => unwrapSignedJobspec(`a.${Buffer.from('[1]').toString('base64')}.none`)).toThrow(/object/);
  });

  it('parses jobspec strings and the eventlog (fixture 09) and decoded objects (fixture 10) alike', () => {
    const [strings] = replies('09-');
    const [decoded] = replies('10-');
    const a = mapJobInfo(strings!);
    const b = mapJobInfo(decoded!);
    expect(a.jobspec).toEqual(b.jobspec);
    expect(a.eventlog!.map((e) => e.name)).toEqual([
      'submit',
      'validate',
      'depend',
      'priority',
      'alloc',
      'start',
      'finish',
      'release',
      'free',
      'clean',
    ]);
    expect(a.eventlog![0]).toEqual({
      timestamp: 1795361578.7532885,
      name: 'submit',
      context: { userid: 1001, urgency: 16, flags: 0, version: 1 },
    });
    expect(a.eventlog![1]).toEqual({ timestamp: 1795361578.7646475, name: 'validate' });
    expect(b.R).toMatchObject({ version: 1, execution: { nodelist: ['vm'], expiration: 0 } });
  });
});

describe('job-stats', () => {
  it('maps fixture 18', () => {
    const [reply] = replies('18-');
    expect(mapJobStats(reply!)).toEqual({
      jobStates: { depend: 1, priority: 0, sched: 1, run: 1, cleanup: 0, inactive: 11, total: 14 },
      successful: 7,
      failed: 1,
      canceled: 2,
      timeout: 1,
      inactivePurged: 0,
      queues: [],
    });
    expect(mapJobStats({ queues: [{ name: 'batch', successful: 3 }] }).queues![0]).toMatchObject({
      name: 'batch',
      successful: 3,
      failed: 0,
    });
  });
});
