import DataLoader from 'dataloader';
import { hasErrorCode, notConfigured } from '../errors';
import type { ElogDatasource } from '../datasources/elog/elog-datasource';
import type {
  ElogAttachment,
  ElogCallOptions,
  ElogEntry,
  ElogEntryFilter,
  ElogExperiment,
  ElogRunInfo,
  ElogWorkflowDefinition,
  ElogWorkflowJob,
} from '../datasources/elog/elog-types';
import { batchByGroup, settleEach } from './batch';
import { tracedBatch } from './traced-batch';

/** A run's parameters asked for by `ElogRun.params(names)`; no names = all of them. */
export interface ElogRunParamsKey {
  experiment: string;
  run: number;
  names?: readonly string[];
}

/** Per-request eLog loaders: each experiment's runs, tags and params are fetched once per GraphQL request. */
export interface ElogLoaders {
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
  /**
   * Runs of an experiment with every parameter, in ONE `runs?includeParams=true` (for `runs { params }`):
   * primes `runs` and `runParams` (no names) so neither asks again; null when the experiment does not exist.
   */
  runsWithParams: DataLoader<string, ElogRunInfo[] | null>;
  workflows: DataLoader<string, ElogWorkflowDefinition[]>;
  /** Locations an experiment's workflows may run at (one `dm_locations` per experiment). */
  workflowLocations: DataLoader<string, string[]>;
  /** Workflow jobs of an experiment, highest run first: one `workflow_jobs` per experiment, split per run by the resolvers. */
  workflowJobs: DataLoader<string, ElogWorkflowJob[]>;
  isActive: DataLoader<string, boolean>;
  /** Live entries of an experiment a filter selects, newest first; the same filter twice = one eLog request. */
  entries: DataLoader<ElogEntriesKey, ElogEntry[], string>;
  /** Live entries of runs, batched by experiment: all runs asked of one experiment in one run-range search. */
  runEntries: DataLoader<{ experiment: string; run: number }, ElogEntry[], string>;
  /** Attachment sizes (one HEAD request each, deduplicated). */
  attachmentSize: DataLoader<ElogAttachment, number | null, string>;
}

/** An experiment and the filter of `Experiment.entries`. */
export interface ElogEntriesKey {
  experiment: string;
  filter: ElogEntryFilter;
}

const filterKey = ({ experiment, filter }: ElogEntriesKey): string =>
  JSON.stringify([experiment, filter.run, filter.tag, filter.author, filter.text, filter.since?.getTime()]);

async function paramsOfExperiment(
  elog: ElogDatasource,
  call: ElogCallOptions,
  keys: readonly ElogRunParamsKey[],
): Promise<Array<Record<string, unknown>>> {
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
  return keys.map((k) => {
    const params = (k.names ? some : every)?.get(k.run) ?? {};
    return k.names ? Object.fromEntries(k.names.filter((n) => n in params).map((n) => [n, params[n]])) : params;
  });
}

/** Builds the eLog loaders of one request; `call` carries the caller's Negotiate token, if any. */
export function createElogLoaders(elog: ElogDatasource | undefined, call: ElogCallOptions = {}): ElogLoaders {
  const need = (): ElogDatasource => {
    if (!elog) throw notConfigured('elog');
    return elog;
  };
  const runs = new DataLoader<string, ElogRunInfo[] | null>(
    tracedBatch(
      'elog.runs',
      settleEach(async (experiment) => {
        try {
          return await need().runs(experiment, call);
        } catch (err) {
          if (hasErrorCode(err, 'NOT_FOUND')) return null;
          throw err;
        }
      }),
    ),
  );
  const runParams = new DataLoader<ElogRunParamsKey, Record<string, unknown>, string>(
    tracedBatch(
      'elog.runParams',
      batchByGroup(
        (k: ElogRunParamsKey) => k.experiment,
        (group) => paramsOfExperiment(need(), call, group),
      ),
    ),
    { cacheKeyFn: (k) => `${k.experiment}\u0000${k.run}\u0000${k.names ? k.names.join('\u0001') : '*'}` },
  );
  return {
    call,
    experiment: new DataLoader(
      tracedBatch(
        'elog.experiment',
        settleEach((name) => need().experiment(name, call)),
      ),
    ),
    runs,
    run: new DataLoader(
      tracedBatch(
        'elog.run',
        settleEach(async ({ experiment, run }) => (await runs.load(experiment))?.find((r) => r.number === run) ?? null),
      ),
      { cacheKeyFn: (k) => `${k.experiment}\u0000${k.run}` },
    ),
    runTags: new DataLoader(
      tracedBatch(
        'elog.runTags',
        settleEach((experiment) => need().runsToTags(experiment, call)),
      ),
    ),
    runParams,
    runsWithParams: new DataLoader(
      tracedBatch(
        'elog.runsWithParams',
        settleEach(async (experiment) => {
          const elog = need();
          if (elog.authMode === 'none') return runs.load(experiment);
          try {
            const both = await elog.runsWithParams(experiment, call);
            runs.prime(experiment, both.runs);
            for (const run of both.runs)
              runParams.prime({ experiment, run: run.number }, both.params.get(run.number) ?? {});
            return both.runs;
          } catch (err) {
            if (hasErrorCode(err, 'NOT_FOUND')) return null;
            throw err;
          }
        }),
      ),
    ),
    workflows: new DataLoader(
      tracedBatch(
        'elog.workflows',
        settleEach((experiment) => need().workflows(experiment, call)),
      ),
    ),
    workflowLocations: new DataLoader(
      tracedBatch(
        'elog.workflowLocations',
        settleEach((experiment) => need().workflowLocations(experiment, call)),
      ),
    ),
    workflowJobs: new DataLoader(
      tracedBatch(
        'elog.workflowJobs',
        settleEach((experiment) => need().workflowJobs(experiment, call)),
      ),
    ),
    isActive: new DataLoader(
      tracedBatch(
        'elog.isActive',
        settleEach((experiment) => need().isActive(experiment, call)),
      ),
    ),
    entries: new DataLoader(
      tracedBatch(
        'elog.entries',
        settleEach(({ experiment, filter }) => need().findEntries(experiment, filter, call)),
      ),
      { cacheKeyFn: filterKey },
    ),
    runEntries: new DataLoader(
      tracedBatch(
        'elog.runEntries',
        batchByGroup(
          (k: { experiment: string; run: number }) => k.experiment,
          async (group) => {
            const experiment = (group[0] as { experiment: string }).experiment;
            const byRun = await need().entriesOfRuns(
              experiment,
              group.map((k) => k.run),
              call,
            );
            return group.map((k) => byRun.get(k.run) ?? []);
          },
        ),
      ),
      { cacheKeyFn: (k) => `${k.experiment}\u0000${k.run}` },
    ),
    attachmentSize: new DataLoader(
      tracedBatch(
        'elog.attachmentSize',
        settleEach((a) => need().attachmentSize(a.experiment, a.entryId, a.id, call)),
      ),
      { cacheKeyFn: (a) => `${a.experiment}\u0000${a.entryId}\u0000${a.id}` },
    ),
  };
}
