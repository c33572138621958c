import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { buildPlaygroundBundle } from '../../scripts/playground/build-playground';
import { ROOT, startDemo } from './support/demo-process';
import type { DemoProcess } from './support/demo-process';
import { newestRunningJob } from './support/running-job';

const CHROMIUM = '/usr/bin/chromium';
/** The docs' screenshot: this test takes it of the current build (commit it when the page changes). */
const SCREENSHOT = path.join(ROOT, 'docs', 'playground.png');
const QUERY = `query JobWithEventlog {
  jobs(first: 1, filter: { states: [INACTIVE] }) {
    nodes { id name userName status eventlog { name timestamp } }
  }
}`;

/**
 * Runs in the page: the text of a GraphiQL editor from its CodeMirror instance (the DOM holds only
 * the visible lines). A function, not a string: the playground's CSP forbids eval.
 */
const readEditor = (selector: string): string =>
  ((globalThis as any).document.querySelector(`${selector} .CodeMirror`)?.CodeMirror?.getValue() as
    string | undefined) ?? '';

function editorText(page: Page, selector: string): Promise<string> {
  return page.evaluate(readEditor, selector);
}

describe('the playground in a real browser', () => {
  let demo: DemoProcess;
  let context: BrowserContext;
  let profileDir: string;
  const requested: string[] = [];

  beforeAll(async () => {
    await buildPlaygroundBundle();
    demo = await startDemo();
    profileDir = await mkdtemp(path.join(tmpdir(), 'jobgraph-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context.on('request', (request) => requested.push(request.url()));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await demo?.stop();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });

  it('is the front door: / leads there, a welcome tab, name, release and backends, compressed bundle, every example runs as-is', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    const bundle = page.waitForResponse((response) => response.url().endsWith('/playground/assets/playground.js'));
    await page.goto(`${demo.origin}/`);
    expect(new URL(page.url()).pathname).toBe('/playground');
    expect(['br', 'gzip']).toContain((await bundle).headers()['content-encoding']);
    await page.waitForSelector('.graphiql-query-editor .CodeMirror');
    await expect(page.locator('.jobgraph-logo').innerText()).resolves.toMatch(/^jobgraph \d+\.\d+\.\d+[\s\S]*flux/);
    await expect(editorText(page, '.graphiql-query-editor')).resolves.toContain('Authorization');
    const tabs = page.locator('.graphiql-tab');
    const count = await tabs.count();
    expect(count).toBeGreaterThan(3);
    const failed: string[] = [];
    const run = async (): Promise<{ errors?: Array<{ message: string }> }> => {
      const answered = page.waitForResponse(
        (response) => response.url().endsWith('/graphql') && response.request().method() === 'POST',
      );
      await page.getByRole('button', { name: /Execute query/ }).click();
      return (await (await answered).json()) as { errors?: Array<{ message: string }> };
    };
    // A subscription tab runs over WebSocket: its first message shows in the response editor; then it is stopped.
    const runSubscription = async (): Promise<{ errors?: Array<{ message: string }> }> => {
      await page.evaluate((selector) => {
        (globalThis as any).document.querySelector(`${selector} .CodeMirror`)?.CodeMirror?.setValue('');
      }, '.graphiql-response');
      await page.getByRole('button', { name: /Execute query/ }).click();
      await page.waitForFunction(
        (selector) =>
          (
            ((globalThis as any).document.querySelector(`${selector} .CodeMirror`)?.CodeMirror?.getValue() as
              string | undefined) ?? ''
          ).startsWith('{'),
        '.graphiql-response',
      );
      const stop = page.getByRole('button', { name: /Stop query/ });
      if (await stop.isVisible()) await stop.click();
      return JSON.parse(await editorText(page, '.graphiql-response')) as { errors?: Array<{ message: string }> };
    };
    let subscriptionTabs = 0;
    for (let i = 0; i < count; i++) {
      await tabs.nth(i).locator('.graphiql-tab-button').click();
      await tabs.nth(i).and(page.locator('.graphiql-tab-active')).waitFor();
      // GraphiQL picks the tab's operation name a moment after the switch (a loaded machine shows the race).
      await page.waitForTimeout(300);
      const query = await editorText(page, '.graphiql-query-editor');
      if (/^subscription /m.test(query)) {
        subscriptionTabs++;
        const body = await runSubscription();
        if (body.errors) failed.push(`subscription tab ${i}: ${JSON.stringify(body.errors)}`);
        continue;
      }
      let body = await run();
      if (body.errors?.some((e) => e.message.startsWith('Unknown operation named'))) body = await run();
      if (body.errors)
        failed.push(`${query.split('\n').find((l) => l.startsWith('query')) ?? i}: ${JSON.stringify(body.errors)}`);
    }
    expect(failed).toEqual([]);
    expect(subscriptionTabs).toBeGreaterThan(0);
  }, 120_000);

  it('runs a subscription over WebSocket and shows each event of a running job as it arrives', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    const frames: string[] = [];
    page.on('websocket', (socket) => {
      if (socket.url() === `${demo.origin.replace(/^http/, 'ws')}/graphql`)
        socket.on('framereceived', (frame) => frames.push(String(frame.payload)));
    });
    await page.goto(`${demo.origin}/playground`);
    await page.waitForSelector('.graphiql-query-editor .CodeMirror');
    const id = await newestRunningJob(demo.graphqlUrl);
    await page.getByRole('button', { name: 'New tab' }).click();
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(`subscription FollowRunningJob { jobEvents(id: "${id}") { timestamp name } }`);
    // Run at once: GraphiQL still passes the previous tab's operation name; the playground's fetcher goes by the document.
    await page.getByRole('button', { name: /Execute query/ }).click();

    // The response editor shows the newest message: read it as events arrive, until the job's clean.
    const seen: string[] = [];
    const deadline = Date.now() + 90_000;
    while (!seen.includes('clean') && Date.now() < deadline) {
      const text = await editorText(page, '.graphiql-response');
      const name = /"name": "(\w+)"/.exec(text)?.[1];
      if (name && seen[seen.length - 1] !== name) seen.push(name);
      expect(text).not.toContain('"errors"');
      await page.waitForTimeout(50);
    }
    // At least two events read from the page: one of the backlog (up to start), then the live teardown ending at clean.
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen[seen.length - 1]).toBe('clean');
    // Every message came over the page's WebSocket, in eventlog order.
    const names = frames.flatMap((frame) => {
      const message = JSON.parse(frame) as { type: string; payload?: { data?: { jobEvents?: { name: string } } } };
      return message.type === 'next' && message.payload?.data?.jobEvents ? [message.payload.data.jobEvents.name] : [];
    });
    expect(names.slice(0, 2)).toEqual(['submit', 'validate']);
    expect(names.slice(-4)).toEqual(['finish', 'release', 'free', 'clean']);
    await page.getByRole('button', { name: /Execute query/ }).waitFor();
  }, 150_000);

  it('runs a query joining a job to its eventlog, loading nothing from another origin', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${demo.origin}/playground`);
    // A first visit, as a new user sees it: the tabs the test before opened persist in the browser.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector('.graphiql-query-editor .CodeMirror');

    const examples = (await readdir(path.join(ROOT, 'examples/operations'))).filter((name) =>
      name.endsWith('.graphql'),
    );
    // The welcome tab, then one tab per example.
    await expect(page.locator('.graphiql-tab').count()).resolves.toBe(examples.length + 1);

    await page.getByRole('button', { name: 'New tab' }).click();
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+A');
    // insertText types the query as one input event: CodeMirror's bracket auto-closing stays out of the way.
    await page.keyboard.insertText(QUERY);
    await page.getByText('Headers', { exact: true }).click();
    await page.locator('.graphiql-editor-tool .CodeMirror:visible').click();
    await page.keyboard.insertText('{"x-request-id": "playground-e2e"}');

    const answered = page.waitForResponse(
      (response) =>
        response.url().endsWith('/graphql') &&
        response.request().method() === 'POST' &&
        (response.request().postData() ?? '').includes('JobWithEventlog'),
    );
    await page.getByRole('button', { name: /Execute query/ }).click();
    const response = await answered;
    expect(response.headers()['x-request-id']).toBe('playground-e2e');
    await page.waitForFunction(
      (selector) =>
        (
          ((globalThis as any).document.querySelector(`${selector} .CodeMirror`)?.CodeMirror?.getValue() as
            string | undefined) ?? ''
        )
          .trim()
          .startsWith('{'),
      '.graphiql-response',
    );
    // The docs explorer lists the root types of the introspected schema; the history holds the query just run.
    await page.getByRole('button', { name: 'Show History' }).click();
    await expect(page.locator('.graphiql-history-item').count()).resolves.toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer-root-type').first().waitFor();
    await expect(page.locator('.graphiql-doc-explorer').innerText()).resolves.toMatch(/query: Query/);
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    const result = JSON.parse(await editorText(page, '.graphiql-response')) as {
      data: { jobs: { nodes: { id: string; eventlog: { name: string }[] }[] } };
      errors?: unknown;
    };
    expect(result.errors).toBeUndefined();
    const job = result.data.jobs.nodes[0];
    expect(job?.id).toMatch(/^ƒ/);
    expect(job?.eventlog.map((event) => event.name)).toEqual(expect.arrayContaining(['submit', 'clean']));

    const foreign = requested.filter((url) => !url.startsWith(`${demo.origin}/`) && !url.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(requested).toEqual(
      expect.arrayContaining([`${demo.origin}/playground/assets/playground.js`, `${demo.origin}/graphql`]),
    );
  }, 120_000);
});
