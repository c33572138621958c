import type { FluxJobInfo } from '../flux/flux-job';

/** An experiment and run a job belongs to. */
export interface ElogJobLink {
  experiment: string;
  run: number;
}

/** Names of the jobspec `attributes.user` keys carrying the link (`JOBGRAPH_ELOG_EXPERIMENT_ATTRIBUTE` / `_RUN_ATTRIBUTE`). */
export interface ElogJobLinkKeys {
  experimentAttribute: string;
  runAttribute: string;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * A run number from an attribute or `RUN_NUM`: an integer, or a string of digits, or Airflow's
 * `<run>_<UTC time>` (digits before the first `_`, as LUTE). Anything else is undefined.
 */
export function parseRunNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const head = value.trim().split('_', 1)[0] ?? '';
  return /^\d{1,9}$/.test(head) ? Number(head) : undefined;
}

/** Default link keys: jobspec `attributes.user.experiment` and `.run`. */
export const DEFAULT_ELOG_JOB_LINK_KEYS: ElogJobLinkKeys = { experimentAttribute: 'experiment', runAttribute: 'run' };

/**
 * Each part of a job's eLog run on its own (contract §4 Joins): experiment and run from the
 * jobspec's user attributes (else J's), else from `EXPERIMENT` and `RUN_NUM` (else `RUN`) in J's
 * environment; run numbers parsed by {@link parseRunNumber}. A part that is missing or not valid
 * is undefined. The one rule shared by `Job.elogRun` and the forwarder's `experiment`/`run` fields.
 */
export function elogRunFieldsOfJob(
  info: Pick<FluxJobInfo, 'jobspec' | 'J'> | null | undefined,
  keys: ElogJobLinkKeys = DEFAULT_ELOG_JOB_LINK_KEYS,
): Partial<ElogJobLink> {
  if (!info) return {};
  const user = record(record(info.jobspec?.attributes)?.user) ?? record(record(info.J?.attributes)?.user) ?? {};
  const env = record(record(record(info.J?.attributes)?.system)?.environment) ?? {};
  const fromUser = user[keys.experimentAttribute];
  const experiment =
    typeof fromUser === 'string' && fromUser.trim() !== ''
      ? fromUser.trim()
      : typeof env.EXPERIMENT === 'string'
        ? env.EXPERIMENT.trim()
        : '';
  const run = parseRunNumber(user[keys.runAttribute]) ?? parseRunNumber(env.RUN_NUM ?? env.RUN);
  return { ...(experiment !== '' ? { experiment } : {}), ...(run !== undefined ? { run } : {}) };
}

/**
 * The eLog run of a job: {@link elogRunFieldsOfJob} when both parts are there. Needs `jobspec`
 * and `J` of one job-info lookup; null when either part is missing or not valid.
 */
export function elogLinkOfJob(
  info: Pick<FluxJobInfo, 'jobspec' | 'J'> | null | undefined,
  keys: ElogJobLinkKeys = DEFAULT_ELOG_JOB_LINK_KEYS,
): ElogJobLink | null {
  const { experiment, run } = elogRunFieldsOfJob(info, keys);
  return experiment !== undefined && run !== undefined ? { experiment, run } : null;
}
