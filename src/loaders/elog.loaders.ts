import DataLoader from 'dataloader';
import { UpstreamUnavailableError } from '../errors';
import type { ElogDatasource } from '../datasources/elog/elog-datasource';
import type {
  ElogCallOptions,
  ElogExperiment,
  ElogRunInfo,
  ElogWorkflowDefinition,
} from '../datasources/elog/elog-types';

/** A run's parameters asked for by `ElogRun.params(names)`; no names = all of them. */
export interface ElogRunParamsKey {
  experiment: string;
  run: number;
  names?: readonly string[];
}

/** Per-request eLog loaders: each experiment's runs, tags and params are fetched once per GraphQL request. */
export interface ElogLoaders {
  /** The process-wide datasource for list, search and write calls; throws "not configured" without one. */
  datasource(): ElogDatasource;
  /** Per-call options of this request (the caller's Negotiate token). */
  call: ElogCallOptions;
  experiment: DataLoader<string, ElogExperiment | null>;
  /** Runs of an experiment, highest first; null when the experiment does not exist. */
  runs: DataLoader<string, ElogRunInfo[] | null>;
  /** One run, from its experiment's list (never `runs/<n>`: an unknown run crashes the server); null when absent. */
  run: DataLoader<{ experiment: string; run: number }, ElogRunInfo | null, string>;
  runTags: DataLoader<string, Map<number, string[]>>;
  /** Batched by experiment: the union of asked names for every asked run in one request. */
  runParams: DataLoader<ElogRunParamsKey, Record<string, unknown>, string>;
  workflows: DataLoader<string, ElogWorkflowDefinition[]>;
  isActive: DataLoader<string, boolean>;
}

/** Errors of every eLog field while `JOBGRAPH_ELOG_URL` is unset. */
export function elogNotConfigured(): UpstreamUnavailableError {
  return new UpstreamUnavailableError('elog', 'the eLog is not configured (set JOBGRAPH_ELOG_URL)');
}

function each<K, V>(fn: (key: K) => Promise<V>): (keys: readonly K[]) => Promise<(V | Error)[]> {
  // `fn` may throw synchronously (eLog not configured): run it inside the promise chain so the
  // typed error reaches the field instead of DataLoader's "errored synchronously" TypeError.
  return (keys) =>
    Promise.all(
      keys.map((k) =>
        Promise.resolve(k)
          .then(fn)
          .catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))),
      ),
    );
}

async function paramsOfExperiment(
  elog: ElogDatasource,
  call: ElogCallOptions,
  keys: readonly ElogRunParamsKey[],
): Promise<Map<ElogRunParamsKey, Record<string, unknown>>> {
  const experiment = (keys[0] as ElogRunParamsKey).experiment;
  const named = keys.filter((k) => k.names !== undefined);
  const all = keys.filter((k) => k.names === undefined);
  const [some, every] = await Promise.all([
    named.length > 0
      ? elog.runParams(
          experiment,
          [...new Set(named.flatMap((k) => k.names ?? []))],
          named.map((k) => k.run),
          call,
        )
      : undefined,
    all.length > 0
      ? elog.runParams(
          experiment,
          undefined,
          all.map((k) => k.run),
          call,
        )
      : undefined,
  ]);
  const out = new Map<ElogRunParamsKey, Record<string, unknown>>();
  for (const k of keys) {
    const params = (k.names ? some : every)?.get(k.run) ?? {};
    out.set(k, k.names ? Object.fromEntries(k.names.filter((n) => n in params).map((n) => [n, params[n]])) : params);
  }
  return out;
}

/** Builds the eLog loaders of one request; `call` carries the caller's Negotiate token, if any. */
export function createElogLoaders(elog: ElogDatasource | undefined, call: ElogCallOptions = {}): ElogLoaders {
  const need = (): ElogDatasource => {
    if (!elog) throw elogNotConfigured();
    return elog;
  };
  const runs = new DataLoader<string, ElogRunInfo[] | null>(
    each(async (experiment) => {
      try {
        return await need().runs(experiment, call);
      } catch (err) {
        if ((err as { code?: unknown }).code === 'NOT_FOUND') return null;
        throw err;
      }
    }),
  );
  return {
    datasource: need,
    call,
    experiment: new DataLoader(each((name) => need().experiment(name, call))),
    runs,
    run: new DataLoader(
      each(async ({ experiment, run }) => (await runs.load(experiment))?.find((r) => r.number === run) ?? null),
      { cacheKeyFn: (k) => `${k.experiment}\u0000${k.run}` },
    ),
    runTags: new DataLoader(each((experiment) => need().runsToTags(experiment, call))),
    runParams: new DataLoader(
      async (keys) => {
        const byExperiment = new Map<string, ElogRunParamsKey[]>();
        for (const k of keys) byExperiment.set(k.experiment, [...(byExperiment.get(k.experiment) ?? []), k]);
        const results = new Map<ElogRunParamsKey, Record<string, unknown> | Error>();
        await Promise.all(
          [...byExperiment.values()].map((group) =>
            paramsOfExperiment(need(), call, group).then(
              (m) => m.forEach((v, k) => results.set(k, v)),
              (e: unknown) => group.forEach((k) => results.set(k, e instanceof Error ? e : new Error(String(e)))),
            ),
          ),
        );
        return keys.map((k) => results.get(k) ?? new Error('missing run parameters'));
      },
      { cacheKeyFn: (k) => `${k.experiment}\u0000${k.run}\u0000${k.names ? k.names.join('\u0001') : '*'}` },
    ),
    workflows: new DataLoader(each((experiment) => need().workflows(experiment, call))),
    isActive: new DataLoader(each((experiment) => need().isActive(experiment, call))),
  };
}
