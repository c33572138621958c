import type { GraphQLResolveInfo } from 'graphql';
import { assertCanSeeJobDetails, canSeeJobDetails } from '../auth/job-visibility';
import type { ResolvedCaller } from '../auth/job-visibility';
import type { FluxJob, FluxJobInfo, FluxJobInfoKey } from '../datasources/flux/flux-job';
import type { JobEvent } from '../schema/job-event.type';
import type { Jobspec } from '../schema/jobspec.type';
import type { GraphQLContext } from './graphql-context';
import { toJobEvent } from './job-event.mapper';
import { jobspecView } from './jobspec-view';
import { fieldsSelectedAt } from './selected-fields';

/** Where a `JobConnection`'s jobs are, below the connection field. */
const JOB_PATHS = ['edges.node', 'nodes'];

/** Job fields whose resolver loads these job-info keys at once (in the same tick as the field runs). */
const AT_ONCE: Readonly<Record<string, FluxJobInfoKey>> = { eventlog: 'eventlog', jobspec: 'jobspec' };

/** Job fields whose resolver loads this key after its guard's await (still in the same loader batch). */
const AFTER_GUARD: Readonly<Record<string, FluxJobInfoKey>> = { environment: 'J' };

/**
 * Job fields that load job-info keys outside the look-ahead's reach (`elogRun`: jobspec and J, for
 * every caller): with one of them asked, a page stays lazy, so each job keeps ONE lookup of all its keys.
 */
const LAZY: ReadonlySet<string> = new Set(['elogRun']);

/**
 * The job-info keys the look-ahead takes for a page of jobs under the field being resolved, in the
 * order the fields' own loads would ask them; empty when it must not look ahead: no such field asked,
 * one asked only under a directive (@include/@skip: not evaluated here), or a field outside its reach.
 */
export function jobInfoKeysAhead(info: GraphQLResolveInfo): FluxJobInfoKey[] {
  const keys: FluxJobInfoKey[] = [];
  const later: FluxJobInfoKey[] = [];
  for (const [field, sure] of fieldsSelectedAt(info, JOB_PATHS)) {
    const key = AT_ONCE[field] ?? AFTER_GUARD[field];
    if (LAZY.has(field) || (key !== undefined && !sure)) return [];
    if (key !== undefined) (AT_ONCE[field] !== undefined ? keys : later).push(key);
  }
  return keys.length === 0 ? [] : [...keys, ...later];
}

/** A job the caller may not see the details of: its detail fields are FORBIDDEN without a lookup. */
const FORBIDDEN = Symbol('forbidden');

/** What the look-ahead settled for one job: the loader's answer (or error) per key; views built once. */
class JobAhead {
  private events: JobEvent[] | null | undefined;
  private spec: Jobspec | null | undefined;

  constructor(
    private readonly keys: readonly FluxJobInfoKey[],
    private readonly answers: ReadonlyArray<FluxJobInfo | null | Error>,
    private readonly at: number,
  ) {}

  /** The answer to `key` (its lookup's error thrown); undefined when `key` was not looked ahead. */
  private answer(key: FluxJobInfoKey): FluxJobInfo | null | undefined {
    const index = this.keys.indexOf(key);
    if (index < 0) return undefined;
    const answer = this.answers[this.at + index];
    if (answer instanceof Error) throw answer;
    return answer ?? null;
  }

  eventlog(): JobEvent[] | null | undefined {
    if (this.events !== undefined) return this.events;
    const info = this.answer('eventlog');
    if (info === undefined) return undefined;
    this.events = info?.eventlog?.map(toJobEvent) ?? null;
    return this.events;
  }

  jobspec(): Jobspec | null | undefined {
    if (this.spec !== undefined) return this.spec;
    const info = this.answer('jobspec');
    if (info === undefined) return undefined;
    this.spec = info?.jobspec ? jobspecView(info.jobspec) : null;
    return this.spec;
  }
}

/**
 * One request's job details looked up ahead (docs/performance.md): per job (by its root object) what
 * its page's look-ahead settled. `Job.eventlog` and `Job.jobspec` answer from it synchronously, so
 * the executor completes their subtree without a promise per field; a job or key not here is loaded
 * by the field as before.
 */
export class JobDetailsAhead {
  private readonly jobs = new Map<FluxJob, JobAhead | typeof FORBIDDEN>();

  /** @param caller the resolved caller when the guard does not allow all (operators: undefined). */
  constructor(private readonly caller: ResolvedCaller | undefined) {}

  /** Records a page: `answers` holds `keys.length` answers per job of `looked`, in order; `refused` are FORBIDDEN. */
  record(
    looked: readonly FluxJob[],
    keys: readonly FluxJobInfoKey[],
    answers: ReadonlyArray<FluxJobInfo | null | Error>,
    refused: readonly FluxJob[],
  ): void {
    looked.forEach((job, i) => this.jobs.set(job, new JobAhead(keys, answers, i * keys.length)));
    for (const job of refused) this.jobs.set(job, FORBIDDEN);
  }

  /** `Job.eventlog` of `job` as the field answers it (FORBIDDEN or the lookup's error thrown); undefined: not looked ahead. */
  eventlog(job: FluxJob): JobEvent[] | null | undefined {
    const ahead = this.settled(job, 'eventlog');
    return ahead && ahead.eventlog();
  }

  /** `Job.jobspec` of `job` as the field answers it (FORBIDDEN or the lookup's error thrown); undefined: not looked ahead. */
  jobspec(job: FluxJob): Jobspec | null | undefined {
    const ahead = this.settled(job, 'jobspec');
    return ahead && ahead.jobspec();
  }

  private settled(job: FluxJob, field: string): JobAhead | undefined {
    const ahead = this.jobs.get(job);
    if (ahead === FORBIDDEN) assertCanSeeJobDetails(this.caller as ResolvedCaller, job.userId, field);
    return ahead === FORBIDDEN ? undefined : ahead;
  }
}

/**
 * The look-ahead of a page of jobs: when the selection under the connection asks fields that load
 * job-info keys (eventlog, jobspec, environment), loads those keys of every job the caller may see
 * through the jobInfo loader's page path (`jobInfoPage`: one `job-info.lookup` per job with all its
 * keys, as the fields' loads would batch them; one run of the fault policy; the same errors; answers
 * left in the loader's cache) — waits for them, and records each
 * job's answers (or errors) in `ctx.jobDetailsAhead`. Jobs the caller may not see are recorded
 * FORBIDDEN (not looked up). Nothing happens when the fields are not asked, or when the caller
 * cannot be resolved (the fields then report it, each at its path).
 */
export async function lookAheadJobDetails(
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  jobs: readonly FluxJob[],
): Promise<void> {
  if (jobs.length === 0) return;
  const keys = jobInfoKeysAhead(info);
  if (keys.length === 0) return;
  let caller: ResolvedCaller | undefined;
  if (!ctx.guard.allowsAll) {
    try {
      caller = await ctx.guard.resolvedCaller();
    } catch {
      return;
    }
  }
  const seen = caller;
  const looked = seen === undefined ? jobs : jobs.filter((job) => canSeeJobDetails(seen, job.userId));
  const refused = seen === undefined ? [] : jobs.filter((job) => !canSeeJobDetails(seen, job.userId));
  const answers = await ctx.loaders.flux.jobInfoPage(looked, keys);
  (ctx.jobDetailsAhead ??= new JobDetailsAhead(caller)).record(looked, keys, answers, refused);
}
