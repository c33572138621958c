import { Command, Option } from 'commander';
import { createStaticUserDatabase } from '../datasources/users/static-user-database';
import { generateDataset } from '../simulators/dataset';
import { startFluxSimulator } from '../simulators/flux/flux-simulator';
import { startJobsAggsSimulator } from '../simulators/jobs-aggs/jobs-aggs.simulator';
import { addConfigFlags, configFromFlags } from './config-flags';
import { startElogDemo } from './elog-demo';
import type { ConfigFlagValues } from './config-flags';
import { runGateway } from './run-gateway';
import { startSciagraphSimulator } from '../simulators/sciagraph/sciagraph.simulator';

/** Flags of `jobgraph demo` besides the common ones. */
interface DemoFlags extends ConfigFlagValues {
  seed: string;
  jobs: string;
  live: boolean;
}

/**
 * `jobgraph demo` (what `npm start` runs): generates one seeded dataset, starts every backend
 * simulator over it, then the gateway against them through the production code path: only
 * the addresses differ (FLUX_URI → the simulator's temporary socket, …) and the user database
 * is the dataset's uid → name table. A backend adds its simulator here: start it, point its
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
      .option(
        '--no-live',
        'freeze the simulated cluster (by default jobs keep moving: new submissions, starts, finishes)',
      )
      .addHelpText('after', '\nExample:\n  jobgraph demo --port 4000        # then open the printed playground URL'),
  ).action(async (flags: DemoFlags) => {
    const config = configFromFlags(flags);
    const dataset = generateDataset({ seed: Number(flags.seed), jobCount: Number(flags.jobs) });
    const closers: Array<() => Promise<void>> = [];

    const flux = await startFluxSimulator({ dataset, ...(flags.live ? { liveIntervalMs: 5_000 } : {}) });
    closers.push(() => flux.close());

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

    await runGateway({
      config: {
        ...config,
        flux: { ...config.flux, uri: flux.uri },
        jobsApi,
        elog: elogDemo?.elog ?? config.elog,
        sciagraph: { ...config.sciagraph, reports: [...config.sciagraph.reports, sciagraph.root] },
      },
      overrides: { users: createStaticUserDatabase(dataset.users) },
      banner: `jobgraph demo: ${dataset.jobs.length} simulated Flux jobs of ${dataset.users.length} users (Flux simulator at ${flux.uri}; ${sciagraph.reportCount} Sciagraph reports in ${sciagraph.root})${elogDemo ? `; ${elogDemo.summary}` : ''}`,
      onShutdown: async () => {
        await Promise.all(closers.map((close) => close()));
      },
    });
  });
}
