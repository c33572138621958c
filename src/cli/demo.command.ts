import { Command } from 'commander';
import { addConfigFlags, configFromFlags } from './config-flags';
import type { ConfigFlagValues } from './config-flags';
import { generateDataset } from '../simulators/dataset';
import { startJobsAggsSimulator } from '../simulators/jobs-aggs/jobs-aggs.simulator';
import { runGateway } from './run-gateway';

/**
 * `jobgraph demo` (what `npm start` runs): starts every backend simulator over one seeded
 * dataset, then the gateway against them through the production code path (only the
 * addresses differ). Each simulator is started here with a few lines and closed on shutdown.
 */
export function demoCommand(): Command {
  return addConfigFlags(
    new Command('demo').description('start the backend simulators over a seeded dataset and the gateway against them; prints the playground URL'),
  ).action(async (flags: ConfigFlagValues) => {
    const config = configFromFlags(flags);
    const dataset = generateDataset();
    const closers: Array<() => Promise<void>> = [];
    // A configured jobs/aggs API wins; otherwise the simulator, with a quota no demo exhausts.
    const jobsAggs = config.jobsApi.url ? undefined : await startJobsAggsSimulator({ dataset, dailyQuota: 1_000_000 });
    if (jobsAggs) closers.push(jobsAggs.close);
    const jobsApi = jobsAggs
      ? { ...config.jobsApi, url: jobsAggs.url, tokenUrl: jobsAggs.tokenUrl, clientId: jobsAggs.clientId, clientSecret: jobsAggs.clientSecret }
      : config.jobsApi;
    await runGateway({
      config: { ...config, jobsApi },
      banner: 'jobgraph demo',
      onShutdown: async () => {
        await Promise.all(closers.map((close) => close()));
      },
    });
  });
}
