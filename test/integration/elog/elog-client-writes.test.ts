import { randomBytes } from 'node:crypto';
import { startElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import type { ElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import { elogFixtureDataset } from '../../fixtures/elog/elog-dataset.fixture';
import { rejection, simClient, tempDir } from './elog-helpers';

describe('eLog client writes against the simulator', () => {
  let sim: ElogSimulator;
  beforeAll(async () => {
    sim = await startElogSimulator({
      dataset: elogFixtureDataset(),
      lockedExperiments: ['cxil1022721'],
      maxAttachmentBytes: 64 * 1024,
    });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.requests.splice(0));

  it('posts text, title, tags, run and attachments that arrive byte for byte', async () => {
    const client = simClient(sim, { mode: 'basic' }, { maxAttachmentBytes: 64 * 1024 });
    const png = randomBytes(40_000);
    const bin = Uint8Array.from([0, 255, 13, 10, 45, 45, 0]);
    const entry = await client.postMessage({
      experiment: 'mfxl1038923',
      text: 'Peak finder summary for run 42: 5634 hits',
      title: 'PeakFinderPyAlgos r0042',
      tags: ['SFX_SUMMARY', 'LUTE'],
      run: 12,
      attachments: [
        { name: 'peaks_r0012.png', data: png },
        { name: 'raw.bin', data: bin },
        { name: 'notes.txt', type: 'text/plain', data: Buffer.from('ü\r\n') },
      ],
    });
    expect(entry).toMatchObject({
      experiment: 'mfxl1038923',
      author: 'mfxopr',
      title: 'PeakFinderPyAlgos r0042',
      tags: ['SFX_SUMMARY', 'LUTE'],
      run: 12,
    });
    expect(entry.attachments.map((a) => [a.name, a.type, a.previewUrl !== undefined])).toEqual([
      ['peaks_r0012.png', 'image/png', true],
      ['raw.bin', 'application/octet-stream', false],
      ['notes.txt', 'text/plain', false],
    ]);
    const back = await client.attachment('mfxl1038923', entry.id, entry.attachments[0]?.id ?? '');
    expect(Buffer.from(back.data).equals(png)).toBe(true);
    expect(back.contentType).toBe('image/png');
    const raw = await client.attachment('mfxl1038923', entry.id, entry.attachments[1]?.id ?? '');
    expect(Buffer.from(raw.data).equals(Buffer.from(bin))).toBe(true);
    expect(raw.contentDisposition).toBe('attachment; filename="raw.bin"');
    expect((await client.runsToTags('mfxl1038923')).get(12)).toEqual(['SFX_SUMMARY', 'LUTE']);
    const found = await client.entries('mfxl1038923', { runNum: 12 });
    expect(found.map((e) => e.id)).toEqual([entry.id]);
    expect(sim.requestCounts().new_elog_entry).toBe(1);
  });

  it("refuses bad posts unsent and maps the server's own refusals", async () => {
    const client = simClient(sim, { mode: 'basic' }, { maxAttachmentBytes: 64 * 1024 });
    expect(await rejection(client.postMessage({ experiment: 'mfxl1038923', text: '  ' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(
      await rejection(client.postMessage({ experiment: 'mfxl1038923', text: 'x', tags: ['two words'] })),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(
      await rejection(
        client.postMessage({
          experiment: 'mfxl1038923',
          text: 'x',
          attachments: [{ name: 'a/b.png', data: new Uint8Array(1) }],
        }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(
      await rejection(
        client.postMessage({
          experiment: 'mfxl1038923',
          text: 'x',
          attachments: [{ name: 'big.bin', data: new Uint8Array(64 * 1024 + 1) }],
        }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { maybeStored: false } });
    expect(sim.requestCounts().new_elog_entry).toBeUndefined();
    const err = await rejection(client.postMessage({ experiment: 'mfxl1038923', text: 'x', run: 9999 }));
    expect(err).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Cannot find run with specified run number - 9999 for experiment mfxl1038923',
      extensions: { backend: 'elog', maybeStored: false },
    });
    const lax = simClient(sim, { mode: 'basic' }, { maxAttachmentBytes: 1 << 20 });
    expect(
      await rejection(
        lax.postMessage({
          experiment: 'mfxl1038923',
          text: 'x',
          attachments: [{ name: 'big.bin', data: new Uint8Array(64 * 1024 + 1) }],
        }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', message: 'We limit the size of attachments to 0.1 M' });
    expect(
      await rejection(simClient(sim, { mode: 'none' }).postMessage({ experiment: 'mfxl1038923', text: 'x' })),
    ).toMatchObject({ code: 'UNAUTHENTICATED', extensions: { maybeStored: false } });
    expect(sim.requestCounts().new_elog_entry).toBe(2);
  });

  it('a post that times out is not re-sent and says it may have been stored', async () => {
    sim.setDelay('new_elog_entry', 3_000);
    try {
      const client = simClient(sim, { mode: 'basic' }, { writeTimeoutMs: 300 });
      const before = sim.store.experiments.get('mfxl1038923')?.entries.length ?? 0;
      const err = await rejection(
        client.postMessage({ experiment: 'mfxl1038923', text: 'jg7f3a9c2e41b04d6e timed out post' }),
      );
      expect(err).toMatchObject({
        code: 'UPSTREAM_TIMEOUT',
        extensions: { backend: 'elog', maybeStored: true, sentAt: expect.any(String) },
      });
      expect(err.message).toMatch(/may or may not have been stored/);
      await new Promise((r) => setTimeout(r, 400));
      expect(sim.requestCounts().new_elog_entry).toBe(1);
      expect(sim.store.experiments.get('mfxl1038923')?.entries.length).toBe(before + 1);
      sim.setDelay('new_elog_entry', undefined);
      const check = await client.entries('mfxl1038923', { searchText: 'jg7f3a9c2e41b04d6e' });
      expect(check).toHaveLength(1);
    } finally {
      sim.setDelay('new_elog_entry', undefined);
    }
  });

  it('a 502 after storing is not retried either', async () => {
    sim.setFailAfterStore('new_elog_entry', 502);
    try {
      const err = await rejection(
        simClient(sim, { mode: 'basic' }).postMessage({ experiment: 'mfxl1038923', text: 'proxy hiccup' }),
      );
      expect(err).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', extensions: { maybeStored: true } });
      expect(sim.requestCounts().new_elog_entry).toBe(1);
    } finally {
      sim.setFailAfterStore('new_elog_entry', undefined);
    }
  });

  it('updates the run table, readable back through run parameters', async () => {
    const client = simClient(sim, { mode: 'basic' });
    await expect(
      client.updateRunTable('mfxl1038923', 42, {
        'IndexCrystFEL indexing rate': 0.47,
        'MFX:LUTE:STATUS.VAL': 'done',
        hits: [1, 2],
      }),
    ).resolves.toBe(true);
    expect(
      sim.store.experiments.get('mfxl1038923')?.runs.find((r) => r.num === 42)?.params['MFX:LUTE:STATUS\uFF0EVAL'],
    ).toBe('done');
    const params = await client.runParams(
      'mfxl1038923',
      ['IndexCrystFEL indexing rate', 'MFX:LUTE:STATUS.VAL'],
      [41, 42],
    );
    expect(params.get(42)).toEqual({ 'IndexCrystFEL indexing rate': 0.47, 'MFX:LUTE:STATUS.VAL': 'done' });
    expect(params.get(41)).toEqual({});
    expect(sim.requests.filter((r) => r.route === 'add_run_params').map((r) => [r.path, r.query])).toEqual([
      ['/ws-auth/lgbk/run_control/mfxl1038923/ws/add_run_params', '?run_num=42'],
    ]);
  });

  it('refuses unknown runs unsent, nested values, and maps a locked experiment', async () => {
    const client = simClient(sim, { mode: 'kerberos' });
    const call = { negotiate: sim.negotiateToken('jdoe') };
    expect(await rejection(client.updateRunTable('mfxl1038923', 999, { a: 1 }, call))).toMatchObject({
      code: 'NOT_FOUND',
      extensions: { maybeStored: false },
    });
    expect(await rejection(client.updateRunTable('mfxl1038923', 1, { a: { b: 1 } }, call))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(sim.requestCounts().add_run_params).toBeUndefined();
    expect(await rejection(client.updateRunTable('cxil1022721', 1, { a: 1 }, call))).toMatchObject({
      code: 'FORBIDDEN',
      extensions: { reason: 'EXPERIMENT_LOCKED', status: 423 },
    });
  });

  it('posts run status: reads counters with the bearer token, replaces them overlaid, unauthenticated', async () => {
    const tmp = tempDir();
    try {
      const updateUrl = `${sim.jidUrlPrefix}replace_counters/mfxl1038923/65f0c4a1`;
      sim.store.counters.set('mfxl1038923/65f0c4a1', [
        { key: 'IndexCrystFEL status', value: 'RUNNING' },
        { key: 'other', value: 'kept' },
      ]);
      const token = tmp.file('token', await sim.mintToken('jdoe', 'mfxl1038923'));
      const client = simClient(
        sim,
        { mode: 'bearer', bearerTokenFile: token },
        { arpEnvironment: { jidUpdateCounters: updateUrl, runNum: '42', user: 'jdoe' } },
      );
      await expect(client.postRunStatus({ 'IndexCrystFEL status': 'COMPLETED', 'Indexing rate': 0.47 })).resolves.toBe(
        true,
      );
      expect(sim.store.counters.get('mfxl1038923/65f0c4a1')).toEqual([
        { key: 'IndexCrystFEL status', value: 'COMPLETED' },
        { key: 'other', value: 'kept' },
        { key: 'Indexing rate', value: '0.47' },
      ]);
      expect(sim.requests.map((r) => [r.route, r.status])).toEqual([
        ['get_counters', 200],
        ['replace_counters', 200],
      ]);
      expect(
        await rejection(client.postRunStatus({ a: 1 }, 'http://evil.example/jid/ws/replace_counters/x/y')),
      ).toMatchObject({ code: 'BAD_USER_INPUT' });
      const noToken = simClient(sim, { mode: 'basic' }, { arpEnvironment: { jidUpdateCounters: updateUrl } });
      expect(await rejection(noToken.postRunStatus({ a: 1 }))).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(sim.requests).toHaveLength(2);
    } finally {
      tmp.cleanup();
    }
  });

  it('ping succeeds on any HTTP answer and fails when nothing listens', async () => {
    await expect(simClient(sim, { mode: 'none' }).ping()).resolves.toBeUndefined();
    const dead = await startElogSimulator({ dataset: { now: 0, experiments: [] } });
    const url = dead.url;
    await dead.close();
    const client = simClient(dead, { mode: 'none' }, { url, transport: { read: { readAttempts: 1 } } });
    expect(await rejection(client.ping())).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      extensions: { errno: 'ECONNREFUSED' },
    });
  });
});
