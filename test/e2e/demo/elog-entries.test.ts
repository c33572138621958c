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
  entries: { totalCount: number; nodes: Array<{ id: string; title: string | null; attachments: Attachment[] }> };
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
    const response = await fetch(demo.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ ${['mfx', 'cxi', 'xpp', 'tmo']
          .map(
            (h) =>
              `${h}: activeExperiment(hutch: "${h}") { name entries(first: 100) { totalCount nodes { id title attachments { name type size downloadPath } } } }`,
          )
          .join(' ')} }`,
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Record<string, Experiment | null>; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    const experiments = Object.values(body.data).filter((e): e is Experiment => e !== null);
    expect(experiments.length).toBeGreaterThan(0);
    for (const e of experiments) expect(e.entries.totalCount).toBeGreaterThan(0);
    const files = experiments.flatMap((e) => e.entries.nodes.flatMap((n) => n.attachments));
    const text = files.find((f) => f.type === 'text/plain');
    expect(text?.size).toBeGreaterThan(0);
    const download = await fetch(`${demo.origin}${text?.downloadPath}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${text?.name}"`);
    expect((await download.arrayBuffer()).byteLength).toBe(text?.size);
  }, 60_000);
});
