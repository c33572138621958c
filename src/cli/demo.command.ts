import { Command, Option } from 'commander';
import { createStaticUserDatabase } from '../datasources/users/static-user-database';
import { generateDataset } from '../simulators/dataset';
import { SCIENTISTS } from '../simulators/dataset/catalog';
import { clusterDataset } from '../simulators/dataset/cluster-dataset';
import { startFluxSimulator } from '../simulators/flux/flux-simulator';
import { startJobsAggsSimulator } from '../simulators/jobs-aggs/jobs-aggs.simulator';
import { addConfigFlags, configFromFlags } from './config-flags';
import { startElogDemo } from './elog-demo';
import type { ConfigFlagValues } from './config-flags';
import { runGateway } from './run-gateway';
import { forwardFromConfig } from './forward-from-config';
import { createLogger } from '../server/logger';
import { startSciagraphSimulator } from '../simulators/sciagraph/sciagraph.simulator';

/** Flags of `jobgraph demo` besides the common ones. */
interface DemoFlags extends ConfigFlagValues {
  seed: string;
  jobs: string;
  live: boolean;
  clusters: string;
}

/**
 * `jobgraph demo` (what `npm start` runs): generates one seeded dataset, starts every backend
 * simulator over it, then the gateway against them through the production code path: only
 * the addresses differ (FLUX_URI → the simulator's temporary socket, …) and the user database
 * is the dataset's uid → name table. With `JOBGRAPH_ELASTICSEARCH_URL` set, it also forwards the
 * simulated clusters' inactive jobs there (as `jobgraph forward --follow`). A backend adds its simulator here: start it, point its
 * config section at it, push its `close` onto `closers`.
 */
export function demoCommand(): Command {
  return addConfigFlags(
    new Command('demo')
      .description(
        'start the backend simulators over a seeded dataset and the gateway against them; prints the playground URL',
      )
      .addOption(new Option('--seed <n>', 'dataset seed (same seed, same jobs)').default('1'))
      .addOption(new Option('--jobs <n>', 'number of jobs in the dataset').default('5000'))
      .addOption(
        new Option(
          '--clusters <n>',
          'simulated Flux clusters: 2 = psana (every user, LCLS queues) and s3df (scientists only, a third of the load)',
        )
          .choices(['1', '2'])
          .default('2'),
      )
      .option(
        '--no-live',
        'freeze the simulated cluster (by default jobs keep moving: new submissions, starts, finishes)',
      )
      .addHelpText('after', '\nExample:\n  jobgraph demo --port 4000        # then open the printed playground URL'),
  ).action(async (flags: DemoFlags) => {
    const config = configFromFlags(flags);
    const dataset = generateDataset({ seed: Number(flags.seed), jobCount: Number(flags.jobs) });
    const closers: Array<() => Promise<void>> = [];

    // Two clusters by default (docs/clusters.md): psana runs the whole facility's jobs in LCLS queues;
    // s3df another dataset's jobs of the scientists alone, a third of the load, moving more slowly.
    const psana = flags.clusters === '1' ? dataset : clusterDataset(dataset, { queues: PSANA_QUEUES });
    const flux = await startFluxSimulator({
      dataset: psana,
      ...(flags.live ? { liveIntervalMs: 5_000, liveStep: LIVE_STEP } : {}),
    });
    closers.push(() => flux.close());
    const s3dfDataset =
      flags.clusters === '1'
        ? undefined
        : clusterDataset(
            generateDataset({ seed: Number(flags.seed) + 1, jobCount: Math.ceil(Number(flags.jobs) / 3) }),
            { users: SCIENTISTS.map((s) => s.uid) },
          );
    const s3df = s3dfDataset
      ? await startFluxSimulator({
          dataset: s3dfDataset,
          ...(flags.live ? { liveIntervalMs: 15_000, liveStep: LIVE_STEP } : {}),
        })
      : undefined;
    if (s3df) closers.push(() => s3df.close());
    const clusters = s3df
      ? [
          { name: 'psana', uri: flux.uri },
          { name: 's3df', uri: s3df.uri },
        ]
      : [];

    // A configured jobs/aggs API wins; otherwise the simulator, with a quota no demo exhausts.
    const jobsAggs = config.jobsApi.url ? undefined : await startJobsAggsSimulator({ dataset, dailyQuota: 1_000_000 });
    if (jobsAggs) closers.push(jobsAggs.close);
    const jobsApi = jobsAggs
      ? {
          ...config.jobsApi,
          url: jobsAggs.url,
          tokenUrl: jobsAggs.tokenUrl,
          clientId: jobsAggs.clientId,
          clientSecret: jobsAggs.clientSecret,
        }
      : config.jobsApi;

    const elogDemo = await startElogDemo(dataset, config.elog);
    if (elogDemo) closers.push(elogDemo.close);

    const sciagraph = await startSciagraphSimulator({ dataset });
    closers.push(sciagraph.close);

    const demoConfig = {
      ...config,
      flux: { ...config.flux, uri: flux.uri, clusters },
      jobsApi,
      elog: elogDemo?.elog ?? config.elog,
      sciagraph: { ...config.sciagraph, reports: [...config.sciagraph.reports, sciagraph.root] },
    };
    const overrides = { users: createStaticUserDatabase(dataset.users) };

    // With an Elasticsearch configured, the demo's inactive jobs go to its job history as `jobgraph
    // forward --follow` would send them, so jobHistory, ElogRun.jobs and the ELASTICSEARCH source answer.
    if (config.elastic.url) {
      const logger = createLogger(config.server.logLevel);
      const abort = new AbortController();
      const forwarding = forwardFromConfig(demoConfig, { follow: true, signal: abort.signal, logger, overrides }).catch(
        (error: unknown) => {
          if (!abort.signal.aborted) logger.error({ err: error }, 'the demo forwarder stopped');
        },
      );
      closers.unshift(async () => {
        abort.abort();
        await forwarding;
      });
    }

    await runGateway({
      config: demoConfig,
      overrides,
      banner: `jobgraph demo: ${psana.jobs.length + (s3dfDataset?.jobs.length ?? 0)} simulated Flux jobs of ${dataset.users.length} users (${s3df ? `clusters psana at ${flux.uri} and s3df at ${s3df.uri}` : `Flux simulator at ${flux.uri}`}; ${sciagraph.reportCount} Sciagraph reports in ${sciagraph.root})${elogDemo ? `; ${elogDemo.summary}` : ''}`,
      onShutdown: async () => {
        await Promise.all(closers.map((close) => close()));
      },
    });
  });
}

/**
 * Each live step finishes the longest-running job, starts the first scheduled one and submits a
 * new one, so the cluster never runs dry: jobs keep moving (and subscriptions keep receiving
 * events) however long the demo runs.
 */
const LIVE_STEP = { finish: 1, start: 1, submit: 1 } as const;

/** The demo's psana cluster names the generated queues like LCLS's (milan → psanaq, …). */
const PSANA_QUEUES = { milan: 'psanaq', roma: 'psfehq', ampere: 'psgpuq' } as const;
