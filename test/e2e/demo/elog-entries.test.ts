import { startDemo } from '../support/demo-process';
import type { DemoProcess } from '../support/demo-process';

interface Attachment {
  name: string;
  type: string;
  size: number | null;
  downloadPath: string;
}
interface Experiment {
  name: string;
  entries: {
    totalCount: number;
    nodes: Array<{ id: string; title: string | null; attachments: Attachment[] }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** Issue 17 item 2 end to end: `jobgraph demo`, an eLog entries query, an attachment downloaded from the gateway. */
describe('eLog entries in jobgraph demo', () => {
  let demo: DemoProcess;
  beforeAll(async () => {
    demo = await startDemo();
  }, 120_000);
  afterAll(async () => {
    await demo?.stop();
  });

  it('reads entries back with attachments and serves an attachment byte-counted as listed', async () => {
    const graphql = async <T>(query: string): Promise<T> => {
      const response = await fetch(demo.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: T; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      return body.data;
    };
    const fields =
      'totalCount nodes { id title attachments { name type size downloadPath } } pageInfo { hasNextPage endCursor }';
    const active = await graphql<Record<string, Experiment | null>>(
      `{ ${['mfx', 'cxi', 'xpp', 'tmo']
        .map((h) => `${h}: activeExperiment(hutch: "${h}") { name entries(first: 100) { ${fields} } }`)
        .join(' ')} }`,
    );
    const experiments = Object.values(active).filter((e): e is Experiment => e !== null);
    expect(experiments.length).toBeGreaterThan(0);
    for (const e of experiments) expect(e.entries.totalCount).toBeGreaterThan(0);
    // The seeded attachments sit on an experiment's first tagged run's entry, its oldest: how many newer
    // entries lie before it depends on the time of day the demo starts (the logbooks grow through the
    // day), so page back through each active experiment until one is found.
    let text: Attachment | undefined;
    for (const experiment of experiments) {
      let page = experiment.entries;
      for (let pages = 0; !text && pages < 20; pages++) {
        text = page.nodes.flatMap((n) => n.attachments).find((f) => f.type === 'text/plain');
        if (text || !page.pageInfo.hasNextPage) break;
        const next = await graphql<{ experiment: Experiment }>(
          `{ experiment(name: "${experiment.name}") { name entries(first: 100, after: "${page.pageInfo.endCursor}") { ${fields} } } }`,
        );
        page = next.experiment.entries;
      }
      if (text) break;
    }
    expect(text?.size).toBeGreaterThan(0);
    const download = await fetch(`${demo.origin}${text?.downloadPath}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${text?.name}"`);
    expect((await download.arrayBuffer()).byteLength).toBe(text?.size);
  }, 60_000);
});
