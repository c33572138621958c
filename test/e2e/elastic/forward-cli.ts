import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import { createFluxDatasource } from '../../../src/datasources/flux/create-flux-datasource';
import { elasticUrl } from './elastic-test-env';

/** The compiled CLI (`npm run build`; CI builds before the tests). */
export const CLI = path.resolve(__dirname, '../../../dist/src/cli/main.js');

/** Throws with the remedy when the CLI was not built. */
export function assertCliBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (CI builds before npm test)`);
}

/** How a `jobgraph forward` child ended and what it printed. */
export interface ForwardCliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** JSON progress lines (stderr is not a TTY). */
  progress: Array<{ listed: number; forwarded: number; since: number }>;
  /** The final report (`forward-done` on stdout) of a run that finished. */
  done?: { forwarded: number; since: number; previousSince: number };
  /** Milliseconds from spawn to the first progress line, when there was one. */
  firstProgressMs?: number;
  stderr: string;
}

/** Where and how the child forwards. */
export interface ForwardCliOptions {
  fluxUri: string;
  es: ElasticDatasource;
  batchSize: number;
  follow?: boolean;
  /** JOBGRAPH_ELASTICSEARCH_FORWARD_WINDOW_JOBS (jobs per listing); default the config's. */
  windowJobs?: number;
  /** SIGKILL this many ms after spawn. */
  killAfterMs?: number;
  /** SIGKILL `delayMs` after the first progress line whose watermark moved. */
  killAfterCommit?: { delayMs: number };
  /** More environment, last (e.g. JOBGRAPH_FLUX_CLUSTERS). */
  env?: Record<string, string>;
}

/** Runs `node dist/src/cli/main.js forward [--follow]` against the simulator and the test node. */
export function runForwardCli(options: ForwardCliOptions): Promise<ForwardCliRun> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, 'forward', ...(options.follow ? ['--follow'] : [])], {
    env: {
      ...process.env,
      FLUX_URI: options.fluxUri,
      JOBGRAPH_ELASTICSEARCH_URL: elasticUrl,
      JOBGRAPH_ELASTICSEARCH_INDEX: options.es.index,
      JOBGRAPH_ELASTICSEARCH_STATE_INDEX: options.es.stateIndex,
      JOBGRAPH_ELASTICSEARCH_FORWARD_BATCH_SIZE: String(options.batchSize),
      JOBGRAPH_ELASTICSEARCH_FOLLOW_INTERVAL_MS: '200',
      ...(options.windowJobs !== undefined
        ? { JOBGRAPH_ELASTICSEARCH_FORWARD_WINDOW_JOBS: String(options.windowJobs) }
        : {}),
      JOBGRAPH_LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: ForwardCliRun = { code: null, signal: null, progress: [], stderr: '' };
  const kill = () => child.kill('SIGKILL');
  const timer = options.killAfterMs !== undefined ? setTimeout(kill, options.killAfterMs) : undefined;
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (!line.startsWith('{"event":"forward-progress"')) {
      run.stderr += `${line}\n`;
      return;
    }
    const progress = JSON.parse(line) as ForwardCliRun['progress'][number];
    run.firstProgressMs ??= Date.now() - started;
    const previous = run.progress.at(-1)?.since;
    run.progress.push(progress);
    if (options.killAfterCommit && previous !== undefined && progress.since > previous)
      setTimeout(kill, options.killAfterCommit.delayMs);
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    const parsed = JSON.parse(line) as { event?: string } & ForwardCliRun['done'];
    if (parsed.event === 'forward-done') run.done = parsed;
  });
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ ...run, code, signal });
    }),
  );
}

/** Flux's inactive jobs as the real client lists them from the broker: decimal id → t_inactive. */
export async function fluxInactive(fluxUri: string): Promise<Map<string, number>> {
  const flux = createFluxDatasource({ uri: fluxUri, timeoutMs: 30_000 });
  try {
    const jobs = new Map<string, number>();
    for await (const job of flux.listJobs({ states: ['INACTIVE'] }))
      jobs.set(job.id.toString(), job.tInactive as number);
    return jobs;
  } finally {
    await flux.close();
  }
}

/** Every document id in the alias, ascending by id, with a scroll-free paged search. */
export async function storedIds(es: ElasticDatasource): Promise<string[]> {
  await es.refresh();
  const ids: string[] = [];
  let after: unknown[] | undefined;
  for (;;) {
    const page = await es.client.search({
      index: es.index,
      size: 5000,
      _source: false,
      sort: [{ 'ids.dothex': 'asc' }],
      ...(after ? { search_after: after as never } : {}),
    });
    ids.push(...page.hits.hits.map((hit) => hit._id as string));
    if (page.hits.hits.length < 5000) return ids;
    after = page.hits.hits.at(-1)?.sort;
  }
}
