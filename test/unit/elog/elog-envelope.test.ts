import { errorForStatus, unwrapEnvelope } from '../../../src/datasources/elog/elog-errors';
import { runParamBatches } from '../../../src/datasources/elog/elog-queries';
import { countersTarget, overlayCounters } from '../../../src/datasources/elog/elog-run-status';
import { toWorkflow } from '../../../src/datasources/elog/elog-mappers';

const read = { route: 'runs', write: false };

describe('eLog envelope', () => {
  it('unwraps value, and a bare success', () => {
    expect(unwrapEnvelope({ success: true, value: [1, 2] }, read)).toEqual([1, 2]);
    expect(unwrapEnvelope({ success: true }, read)).toBeUndefined();
  });
  it('turns success:false into a typed error carrying errormsg', () => {
    const msg = 'Exception when inserting the document';
    expect(() => unwrapEnvelope({ success: false, errormsg: msg }, read)).toThrow(msg);
    const err = (() => {
      try {
        unwrapEnvelope({ success: false, errormsg: msg, value: null }, read);
      } catch (e) {
        return e as any;
      }
    })();
    expect(err.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', backend: 'elog' });
  });
  it("classes the caller's own mistakes as BAD_USER_INPUT", () => {
    const msg = 'Cannot find run with specified run number - 9999 for experiment mfxl1038923';
    expect(() => unwrapEnvelope({ success: false, errormsg: msg }, { route: 'new_elog_entry', write: true })).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', message: msg }),
    );
  });
  it("maps explgbk's workflow refusals (issue 17 item 3): the caller's mistakes, never UPSTREAM_ERROR", () => {
    const write = { route: 'create_update_workflow_def', write: true };
    const cases: Array<[string, string]> = [
      ["Create/update workflow missing keys {'location', 'trigger'}", 'BAD_USER_INPUT'],
      ['Invalid trigger run_end in create/update workflow', 'BAD_USER_INPUT'],
      ['Invalid location SRCF_FFB in create/update workflow', 'BAD_USER_INPUT'],
      ['Cannot create a workflow definition for the user mfxopr for security reasons', 'FORBIDDEN'],
      ['There already exists a workflow definition for smd_producer', 'BAD_USER_INPUT'],
      ['Cannot find workflow definition with id 65f0c4a1e4b0a1b2c3d4e101 ', 'NOT_FOUND'],
      ['Cannot find workflow object with id 65f0c4a1e4b0a1b2c3d4e101 ', 'NOT_FOUND'],
      ['Cannot delete workflow definition as we have 2 jobs using this definition.', 'BAD_USER_INPUT'],
      ["Create/update workflow job missing keys {'run_num'}", 'BAD_USER_INPUT'],
      ['Cannot find job definition for smd ', 'NOT_FOUND'],
    ];
    for (const [message, code] of cases)
      expect(() => unwrapEnvelope({ success: false, errormsg: message, value: null }, write)).toThrow(
        expect.objectContaining({
          code,
          message: message.trim(),
          extensions: expect.objectContaining({ maybeStored: false }),
        }),
      );
  });
  it('rejects bodies without the envelope', () => {
    expect(() => unwrapEnvelope([1], read)).toThrow(/without the success envelope/);
  });
  it('maps statuses to codes', () => {
    expect(errorForStatus(401, read).code).toBe('UNAUTHENTICATED');
    expect(errorForStatus(403, read).code).toBe('FORBIDDEN');
    expect(errorForStatus(404, read).code).toBe('NOT_FOUND');
    expect(errorForStatus(423, { route: 'add_run_params', write: true }).extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'EXPERIMENT_LOCKED',
      maybeStored: false,
    });
    expect(errorForStatus(503, { route: 'new_elog_entry', write: true, sentAt: 'x' }).extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      maybeStored: true,
      sentAt: 'x',
    });
    expect(errorForStatus(500, read).extensions).toMatchObject({
      code: 'UPSTREAM_ERROR',
      status: 500,
      backend: 'elog',
    });
  });
});

describe('eLog request helpers', () => {
  it('keeps every name in one batch unless the URL would pass the budget', () => {
    expect(runParamBatches(['a', 'b', 'a'], 6000)).toEqual([['a', 'b']]);
    const many = Array.from({ length: 400 }, (_, i) => `DAQ Detector Totals/Events ${i}`);
    const batches = runParamBatches(many, 6000);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual(many);
  });
  it('checks run-status URLs against the allow-list and derives get_counters', () => {
    const prefixes = ['https://psdm.slac.stanford.edu/arps3dfjid/jid/ws/'];
    const url = 'https://psdm.slac.stanford.edu/arps3dfjid/jid/ws/replace_counters/mfxl1038923/65f0';
    expect(countersTarget(url, {}, prefixes)).toEqual({
      updateUrl: url,
      getCountersUrl: 'https://psdm.slac.stanford.edu/arps3dfjid/jid/ws/mfxl1038923/get_counters',
      experiment: 'mfxl1038923',
      jobId: '65f0',
    });
    expect(countersTarget(undefined, { arpUpdateCounters: url }, prefixes).updateUrl).toBe(url);
    expect(() => countersTarget('https://evil.example/jid/ws/replace_counters/a/b', {}, prefixes)).toThrow(
      /JOBGRAPH_ELOG_JID_URL_PREFIXES/,
    );
    expect(() => countersTarget(undefined, {}, prefixes)).toThrow(/JID_UPDATE_COUNTERS/);
  });
  it('overlays counters keeping order and appending new keys', () => {
    expect(
      overlayCounters(
        [
          { key: 'a', value: '1' },
          { key: 'b', value: '2' },
        ],
        [
          { key: 'b', value: '3' },
          { key: 'c', value: '4' },
        ],
      ),
    ).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '3' },
      { key: 'c', value: '4' },
    ]);
  });
  it("falls back to LUTE's run_param_val", () => {
    expect(toWorkflow({ _id: 'x', name: 'w', run_param_name: 'SmallData', run_param_val: 'done' }).runParamValue).toBe(
      'done',
    );
  });
});
