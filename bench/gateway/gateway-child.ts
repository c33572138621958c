/**
 * Child process of the gateway benchmarks: the gateway (createServer, as `jobgraph serve` builds
 * it) over the Flux simulator at `argv[2]` (users of `generateDataset({ jobCount: argv[3], seed:
 * argv[4], now: argv[5] })`), so its CPU is measured alone, and beside it the hand-written page
 * endpoint (page-ceiling.ts) over the same client. Sends `{ url, ceilingUrl }` over IPC, then answers
 * `{ type: 'cpu' }` with its CPU time so far and `{ type: 'bare', jobs, rounds }` by listing
 * `jobs` jobs and looking up their eventlog and jobspec `rounds` times with the bare Flux client
 * (the same data a page of that size needs), replying with the CPU that took. Exits on disconnect.
 */
import 'reflect-metadata';
import pino from 'pino';
import { setGatewayV8Flags } from '../../src/cli/gateway-v8-flags';
import { loadConfig } from '../../src/config';
import { closeDatasources, createDatasources } from '../../src/datasources/create-datasources';
import { createStaticUserDatabase } from '../../src/datasources/users/static-user-database';
import { createServer } from '../../src/server/create-server';
import { generateDataset } from '../../src/simulators/dataset';
import { ownCpuMs } from '../process-cpu';
import { startPageCeiling } from './page-ceiling';

/** A message the parent sends. */
export type GatewayChildRequest = { type: 'cpu' } | { type: 'bare'; jobs: number; rounds: number };

async function main(): Promise<void> {
  // As `jobgraph serve` runs (src/cli/run-gateway.ts).
  setGatewayV8Flags();
  const [uri = '', jobCount = '5000', seed = '1', now = '0'] = process.argv.slice(2);
  const { users } = generateDataset({ jobCount: Number(jobCount), seed: Number(seed), now: Number(now) });
  const env: Record<string, string> = {
    FLUX_URI: uri,
    JOBGRAPH_PORT: '0',
    JOBGRAPH_PLAYGROUND: 'off',
    JOBGRAPH_COMPRESSION: 'off',
  };
  for (const [key, value] of Object.entries(process.env))
    if (key.startsWith('JOBGRAPH_') && value !== undefined) env[key] = value;
  const config = loadConfig({ env });
  const { datasources, policies } = createDatasources(config, { users: createStaticUserDatabase(users) });
  const server = await createServer({ config, datasources, policies, logger: pino({ level: 'silent' }) });
  const url = `${await server.listen()}/graphql`;
  const ceiling = await startPageCeiling(datasources.flux);
  const bare = async (jobs: number): Promise<void> => {
    const ids: bigint[] = [];
    // By batches of replies, as the gateway's pager reads its listings (one await per batch).
    const listing = datasources.flux.listJobs({ maxEntries: jobs });
    if (!listing.batches) throw new Error('the bare client lists by batches');
    for await (const batch of listing.batches()) for (const job of batch) ids.push(job.id);
    await Promise.all(ids.map((id) => datasources.flux.lookup(id, ['eventlog', 'jobspec'])));
  };
  process.on('message', (message: GatewayChildRequest) => {
    void (async () => {
      const before = ownCpuMs();
      if (message.type === 'bare') for (let i = 0; i < message.rounds; i++) await bare(message.jobs);
      process.send?.({ cpuMs: message.type === 'cpu' ? before : ownCpuMs() - before });
    })();
  });
  process.on('disconnect', () => {
    void Promise.all([server.close(1_000), ceiling.close()])
      .then(() => closeDatasources(datasources))
      .then(() => process.exit(0));
  });
  process.send?.({ url, ceilingUrl: ceiling.url });
}

void main();
