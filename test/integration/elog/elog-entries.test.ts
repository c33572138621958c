import { generateDataset } from '../../../src/simulators/dataset';
import type { Dataset } from '../../../src/simulators/dataset';
import { startElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import type { ElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import type { SimEntry } from '../../../src/simulators/elog/elog-sim-store';
import { TINY_PNG } from '../../../src/simulators/elog/elog-sim-seed';
import { tempDir } from './elog-helpers';
import { startElogGateway } from './elog-gateway';
import type { ElogGateway } from './elog-gateway';

interface Entry {
  id: string;
  run: number | null;
  author: string;
  tags: string[];
  text: string;
  parentId: string | null;
  attachments: Array<{
    id: string;
    name: string;
    type: string;
    size: number | null;
    hasPreview: boolean;
    downloadPath: string;
    previewPath: string | null;
  }>;
}
interface Page {
  totalCount: number;
  nodes: Entry[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const FIELDS = `totalCount pageInfo { hasNextPage endCursor }
  nodes { id run author tags text parentId attachments { id name type size hasPreview downloadPath previewPath } }`;

/** Issue 17 item 2: eLog entries read back, with attachments, through the gateway (real HTTP to the simulator). */
describe('eLog entries read back through the gateway', () => {
  let dataset: Dataset;
  let sim: ElogSimulator;
  let gateway: ElogGateway;
  let origin: string;
  let exp: string;
  const tmp = tempDir();
  beforeAll(async () => {
    dataset = generateDataset({ seed: 11, jobCount: 300, now: 1_760_000_000 });
    sim = await startElogSimulator({ dataset });
    gateway = await startElogGateway(sim, dataset, {
      JOBGRAPH_ELOG_AUTH: 'auto',
      JOBGRAPH_ELOG_OPR_PASSWORD_FILE: tmp.file('opr', `${sim.operatorPassword}\n`),
    });
    origin = gateway.origin;
    const active = dataset.experiments.find((e) => e.isActive && e.station === 0);
    exp = active?.name ?? '';
  });
  afterAll(async () => {
    await gateway.close();
    await sim.close();
    tmp.cleanup();
  });
  beforeEach(() => sim.requests.splice(0));

  /** The simulator's own live entries (deleted ones and old versions left out), newest first. */
  const live = (keep: (e: SimEntry) => boolean = () => true): SimEntry[] =>
    (sim.store.experiments.get(exp)?.entries ?? [])
      .filter((e) => e.deleted_by === undefined && keep(e))
      .sort((a, b) => b.insert_time - a.insert_time || (a._id < b._id ? 1 : -1));
  const entries = async (args: string): Promise<Page> => {
    const res = await gateway.query(`query($e: String!) { experiment(name: $e) { entries(${args}) { ${FIELDS} } } }`, {
      e: exp,
    });
    expect(res.errors).toBeUndefined();
    return res.data.experiment.entries as Page;
  };
  const searches = (): string[] =>
    sim.requests.filter((r) => r.route === 'search_elog' || r.route === 'elog').map((r) => `${r.route}${r.query}`);

  it('lists live entries newest first with their attachments; deleted entries and old versions are left out', async () => {
    const page = await entries('first: 500');
    const expected = live();
    expect(page.nodes.map((n) => n.id)).toEqual(expected.map((e) => e._id));
    expect(page.totalCount).toBe(expected.length);
    const stored = sim.store.experiments.get(exp)?.entries ?? [];
    // The seeded history exists, so leaving it out is a real check.
    expect(stored.filter((e) => e.deleted_by !== undefined)).toHaveLength(2);
    expect(page.nodes.some((n) => n.text.includes('wrong run'))).toBe(false);
    expect(page.nodes.find((n) => n.text.includes('(checked by jdoe)'))).toMatchObject({ author: 'jdoe' });
    const withFiles = page.nodes.find((n) => n.attachments.length > 0);
    const followUp = page.nodes.find((n) => n.parentId !== null);
    expect(followUp?.parentId).toBe(withFiles?.id);
    expect(withFiles?.attachments).toEqual([
      expect.objectContaining({ type: 'image/png', hasPreview: true, size: TINY_PNG.length }),
      expect.objectContaining({ type: 'text/plain', hasPreview: false, previewPath: null }),
    ]);
    const [png, txt] = withFiles?.attachments ?? [];
    expect(png?.downloadPath).toBe(`/elog/attachments/${exp}/${withFiles?.id}/${png?.id}`);
    expect(png?.previewPath).toBe(`${png?.downloadPath}?preview=true`);
    expect(searches()).toEqual(['elog']);
    // One HEAD per attachment asked, and only because size was asked.
    expect(sim.requests.filter((r) => r.method === 'HEAD')).toHaveLength(2);
    expect(txt?.size).toBe(Buffer.byteLength(`run ${withFiles?.run}\nhits 5634\nevents 71820\n`));
  });

  it('serves attachments byte for byte on the gateway, non-images as downloads, typed errors as statuses', async () => {
    const entry = live((e) => (e.attachments?.length ?? 0) > 0)[0];
    const [png, txt] = entry?.attachments ?? [];
    const get = (path: string) => fetch(`${origin}${path}`);
    const image = await get(`/elog/attachments/${exp}/${entry?._id}/${png?._id}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-disposition')).toBeNull();
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await image.arrayBuffer()).equals(Buffer.from(TINY_PNG))).toBe(true);
    const text = await get(`/elog/attachments/${exp}/${entry?._id}/${txt?._id}`);
    expect(text.headers.get('content-disposition')).toBe(`attachment; filename="${txt?.name}"`);
    expect(Buffer.from(await text.arrayBuffer()).equals(Buffer.from(txt?.data ?? []))).toBe(true);
    const preview = await get(`/elog/attachments/${exp}/${entry?._id}/${png?._id}?preview=true`);
    expect(preview.headers.get('content-type')).toBe('image/png');
    expect(sim.requests.filter((r) => r.route === 'attachment').map((r) => r.query)).toContain(
      `?entry_id=${entry?._id}&attachment_id=${png?._id}&prefer_preview=true`,
    );
    const missing = await get(`/elog/attachments/${exp}/${entry?._id}/${'0'.repeat(24)}`);
    expect(missing.status).toBe(404);
    // explgbk crashes (500) on an entry it does not know: an upstream error, not a 404 or a 500 of ours.
    const crash = await get(`/elog/attachments/${exp}/${'f'.repeat(24)}/${png?._id}`);
    expect(crash.status).toBe(502);
    expect(await crash.text()).toMatch(/HTTP 500 on attachment/);
    expect((await get(`/elog/attachments/${exp}/not-an-id/${png?._id}`)).status).toBe(404);
  });

  it('applies every filter with ONE search_elog selector, whatever the filters', async () => {
    const tagged = live((e) => e.run_num !== undefined && (e.tags?.length ?? 0) > 0);
    const target = tagged[Math.floor(tagged.length / 2)] as SimEntry;
    const tag = target.tags?.[0] as string;
    const since = new Date(target.insert_time - 86_400_000).toISOString();
    const cases: Array<[string, (e: SimEntry) => boolean, string]> = [
      [`run: ${target.run_num}`, (e) => e.run_num === target.run_num, `?run_num=${target.run_num}`],
      [
        `run: ${target.run_num}, tag: "${tag}", author: "${target.author}", since: "${since}"`,
        (e) =>
          e.run_num === target.run_num &&
          (e.tags ?? []).includes(tag) &&
          e.author === target.author &&
          e.relevance_time >= Date.parse(since),
        `?run_num=${target.run_num}`,
      ],
      // Tags match in any case (issue 17: one rule with runs(tag:)); a tag is never the selector.
      [
        `tag: "${tag.toLowerCase()}", author: "jdoe"`,
        (e) => (e.tags ?? []).some((t) => t.toLowerCase() === tag.toLowerCase()) && e.author === 'jdoe',
        '?search_text=jdoe',
      ],
      [`since: "${since}"`, (e) => e.relevance_time >= Date.parse(since), `?start_date=`],
      [`author: "jdoe"`, (e) => e.author === 'jdoe', '?search_text=jdoe'],
      [`tag: "${tag.toLowerCase()}"`, (e) => (e.tags ?? []).some((t) => t.toLowerCase() === tag.toLowerCase()), ''],
    ];
    for (const [args, keep, query] of cases) {
      sim.requests.splice(0);
      const page = await entries(`first: 500, ${args}`);
      expect(page.nodes.map((n) => n.id)).toEqual(live(keep).map((e) => e._id));
      const sent = searches();
      expect(sent).toHaveLength(1);
      if (query === '') expect(sent[0]).toBe('elog');
      else expect(sent[0]).toContain(`search_elog${query}`);
      // explgbk would apply only the first selector: never send a second one.
      expect(new URLSearchParams(sent[0]?.split('?')[1]).size).toBeLessThanOrEqual(2);
    }
    expect(live((e) => e.author === 'jdoe').length).toBeGreaterThan(0);
  });

  it("text is the eLog's own search; thread parents explgbk adds as context are dropped", async () => {
    const page = await entries('text: "threshold"');
    const followUp = live((e) => e.parent !== undefined)[0];
    expect(page.nodes.map((n) => n.id)).toEqual([followUp?._id]);
    // The server did send the parent along (explgbk adds roots and parents of hits).
    const answered = sim.requests.find((r) => r.route === 'search_elog');
    expect(answered?.query).toBe('?search_text=threshold');
    const bad = await gateway.query(
      `query($e: String!) { experiment(name: $e) { entries(text: "t:DARK") { totalCount } } }`,
      {
        e: exp,
      },
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(bad.errors?.[0]?.path).toEqual(['experiment', 'entries']);
    expect(searches()).toEqual(['search_elog?search_text=threshold']);
  });

  it('pages with cursors, and refuses a bad first or cursor before asking the eLog', async () => {
    const all = live().map((e) => e._id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i += 1) {
      const page: Page = await entries(`first: 7${after ? `, after: "${after}"` : ''}`);
      expect(page.totalCount).toBe(all.length);
      seen.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
    sim.requests.splice(0);
    for (const args of ['first: 501', 'first: -1', 'after: "bm9wZQ"']) {
      const res = await gateway.query(
        `query($e: String!) { experiment(name: $e) { name entries(${args}) { totalCount } } }`,
        {
          e: exp,
        },
      );
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(res.data.experiment).toMatchObject({ name: exp, entries: null });
    }
    expect(searches()).toEqual(['elog']);
  });

  it('ElogRun.entries of many runs costs one eLog request per experiment (a run-range search)', async () => {
    const res = await gateway.query(
      `query($e: String!) { experiment(name: $e) { runs(first: 120) { number entries(first: 20) { totalCount nodes { id run } } } } }`,
      { e: exp },
    );
    expect(res.errors).toBeUndefined();
    const runs = res.data.experiment.runs as Array<{ number: number; entries: Page }>;
    expect(runs.length).toBeGreaterThan(20);
    for (const run of runs)
      expect(run.entries.nodes.map((n) => n.id)).toEqual(live((e) => e.run_num === run.number).map((e) => e._id));
    expect(runs.filter((r) => r.entries.totalCount > 0).length).toBeGreaterThan(3);
    const sent = searches();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^search_elog\?start_run_num=\d+&end_run_num=\d+$/);
  });
});
