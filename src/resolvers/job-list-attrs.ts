import type { GraphQLResolveInfo } from 'graphql';
import { JOB_ENTRY_REQUIRED_ATTRS } from '../datasources/flux/job.mapper';
import { fieldsSelectedAt } from './selected-fields';

/** Where a `JobConnection`'s jobs are, below the connection field. */
const JOB_PATHS = ['edges.node', 'nodes'];

/**
 * The job-list attributes (contract flux.md §5) each `Job` field reads from its FluxJob root,
 * including through its field resolver (job-fields.resolver.ts, job.resolver.ts, job-elog,
 * job-output, job-profile, job-cluster): e.g. `userName`, `eventlog`, `jobspec` read `userId`
 * (the name, the details guard), `runtimeSeconds` reads `t_run` and `t_cleanup`. `id` and the
 * gateway's `cluster` stamp need none. A field missing here (a new one) makes the listing ask
 * for every attribute; test/unit/resolvers/job-list-attrs.test.ts fails until it is added.
 */
export const JOB_FIELD_ATTRS: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  id: [],
  ids: [],
  cluster: [],
  elogRun: [],
  userId: ['userid'],
  userName: ['userid'],
  eventlog: ['userid'],
  jobspec: ['userid'],
  environment: ['userid'],
  output: ['userid'],
  profile: ['userid'],
  name: ['name'],
  queue: ['queue'],
  project: ['project'],
  bank: ['bank'],
  cwd: ['cwd'],
  state: ['state'],
  result: ['result'],
  status: ['state', 'result'],
  statusAbbrev: ['state', 'result'],
  urgency: ['urgency'],
  priority: ['priority'],
  submittedAt: ['t_submit'],
  startedAt: ['t_run'],
  cleanupAt: ['t_cleanup'],
  inactiveAt: ['t_inactive'],
  queuedSeconds: ['t_run', 't_submit', 'state'],
  runtimeSeconds: ['t_run', 't_cleanup'],
  remainingSeconds: ['state', 'expiration'],
  timeLimitSeconds: ['duration'],
  expiresAt: ['expiration'],
  ntasks: ['ntasks'],
  ncores: ['ncores'],
  nnodes: ['nnodes'],
  ranks: ['ranks'],
  nodelist: ['nodelist'],
  success: ['success'],
  exception: ['exception_occurred', 'exception_type', 'exception_severity', 'exception_note'],
  waitStatus: ['waitstatus'],
  exitCode: ['waitstatus', 'result'],
  annotations: ['annotations'],
  dependencies: ['dependencies'],
};

/**
 * The job-list attributes a `jobs` page must list for the Job fields `info` selects (under
 * `edges { node }` and `nodes`, through inline fragments and fragment spreads; fields under
 * `@skip`/`@include` count, so the set is a superset), plus the ones the mapper and the pager read
 * (`userid`, `urgency`, `state`, `t_submit`). Undefined — list every attribute — when a selected
 * Job field is not in {@link JOB_FIELD_ATTRS}.
 */
export function jobListAttrsOf(info: GraphQLResolveInfo): string[] | undefined {
  const attrs = new Set<string>(JOB_ENTRY_REQUIRED_ATTRS);
  for (const field of fieldsSelectedAt(info, JOB_PATHS).keys()) {
    if (!Object.hasOwn(JOB_FIELD_ATTRS, field)) return undefined;
    for (const attr of JOB_FIELD_ATTRS[field] as readonly string[]) attrs.add(attr);
  }
  return [...attrs];
}
