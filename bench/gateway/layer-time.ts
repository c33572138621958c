import pino from 'pino';
import type { Datasources } from '../../src/datasources/create-datasources';
import type { FluxDatasource, FluxJobQuery } from '../../src/datasources/flux/flux-datasource';
import type { FluxJobInfoKey } from '../../src/datasources/flux/flux-job';
import { JobWindowHints } from '../../src/resolvers/job-window-hints';
import type { GatewayServer } from '../../src/server/create-server';
import { createContext } from '../../src/server/context';
import { median } from './load';

/** Medians of {@link measureLayerTime}, ms per execution. */
export interface LayerTime {
  /** Context creation + Apollo's execution of the query (one at a time). */
  executionMs: number;
  /** The Flux calls that execution made, replayed with the bare client in the same order. */
  datasourceMs: number;
  /** Median over the interleaved pairs of execution − datasource calls: the GraphQL layer's own time. */
  layerMs: number;
}

/** The Flux calls of one execution: listings one after the other, then the lookups together. */
interface RecordedCalls {
  listings: FluxJobQuery[];
  lookups: { id: bigint; keys: FluxJobInfoKey[] }[];
}

const silent = pino({ level: 'silent' });
const caller = { user: 'bench', isOperator: true, via: 'none' as const };

function recording(flux: FluxDatasource, calls: RecordedCalls): FluxDatasource {
  return {
    ...flux,
    listJobs: (query, options) => (calls.listings.push(query), flux.listJobs(query, options)),
    lookup: (id, keys) => (calls.lookups.push({ id, keys: [...keys] }), flux.lookup(id, keys)),
  };
}

/**
 * The GraphQL layer's own time for `query`: one execution at a time through
 * `server.apollo.executeOperation` with a fresh context each (and the server's window hints, as
 * a served request has), alternating with the Flux calls one execution made (recorded once,
 * after warm-up) replayed with the bare client: listings in order, then every lookup in parallel.
 */
export async function measureLayerTime(
  server: GatewayServer,
  datasources: Datasources,
  query: string,
  rounds: number,
): Promise<LayerTime> {
  const jobWindowHints = new JobWindowHints();
  const execute = async (using = datasources): Promise<void> => {
    const contextValue = createContext({
      requestId: 'bench',
      logger: silent,
      caller,
      datasources: using,
      jobWindowHints,
    });
    const response = await server.apollo.executeOperation({ query }, { contextValue });
    if (response.body.kind !== 'single' || response.body.singleResult.errors)
      throw new Error(`layer-time query failed: ${JSON.stringify(response.body).slice(0, 300)}`);
  };
  for (let i = 0; i < 20; i++) await execute();
  const calls: RecordedCalls = { listings: [], lookups: [] };
  await execute({ ...datasources, flux: recording(datasources.flux, calls) });
  const bare = async (): Promise<void> => {
    // By batches of replies, as the pager reads them in the execution.
    for (const query of calls.listings) {
      const listing = datasources.flux.listJobs(query);
      if (!listing.batches) throw new Error('the bare client lists by batches');
      for await (const batch of listing.batches()) void batch;
    }
    await Promise.all(calls.lookups.map(({ id, keys }) => datasources.flux.lookup(id, keys)));
  };
  for (let i = 0; i < 20; i++) await bare();
  const time = async (run: () => Promise<void>): Promise<number> => {
    const t0 = performance.now();
    await run();
    return performance.now() - t0;
  };
  const exec: number[] = [];
  const ds: number[] = [];
  for (let i = 0; i < rounds; i++) {
    exec.push(await time(execute));
    ds.push(await time(bare));
  }
  return {
    executionMs: median(exec),
    datasourceMs: median(ds),
    layerMs: median(exec.map((e, i) => e - (ds[i] as number))),
  };
}
