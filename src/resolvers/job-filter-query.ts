import type { FluxJobQuery, TimeWindow } from '../datasources/flux/flux-datasource';
import { MAX_UID, USER_NAME_PATTERN } from '../datasources/users/user-database';
import type { UserDatabase } from '../datasources/users/user-database';
import { BadUserInputError } from '../errors';
import type { JobFilter } from '../schema/job-filter.input';
import type { TimeWindowInput } from '../schema/time-window.input';

/** `jobs(first)` maximum, documented in the schema. */
export const MAX_JOBS_PAGE_SIZE = 500;

/** Checks `first` is within 0…{@link MAX_JOBS_PAGE_SIZE}. */
export function checkPageSize(first: number, field: string): void {
  if (!Number.isInteger(first) || first < 0 || first > MAX_JOBS_PAGE_SIZE) {
    throw new BadUserInputError(`${field}: first must be between 0 and ${MAX_JOBS_PAGE_SIZE}, got ${first}`, {
      value: first,
      max: MAX_JOBS_PAGE_SIZE,
    });
  }
}

/** A GraphQL time window as epoch seconds; BAD_USER_INPUT when `from` is not before `to`. */
export function toTimeWindow(window: TimeWindowInput | undefined | null, name: string): TimeWindow | undefined {
  if (!window) return undefined;
  const from = window.from ? window.from.getTime() / 1000 : undefined;
  const to = window.to ? window.to.getTime() / 1000 : undefined;
  if (from !== undefined && to !== undefined && from >= to) {
    throw new BadUserInputError(
      `filter.${name}: from (${window.from?.toISOString()}) must be before to (${window.to?.toISOString()})`,
      {
        field: name,
      },
    );
  }
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/** Most entries `filter.users` may list. */
export const MAX_FILTER_USERS = 1_000;

/** Checks each entry of `filter.users` is a user name or a uid in range (BAD_USER_INPUT naming the rule). */
function checkUsers(users: readonly string[]): void {
  if (users.length > MAX_FILTER_USERS)
    throw new BadUserInputError(`filter.users: at most ${MAX_FILTER_USERS} users, got ${users.length}`, {
      max: MAX_FILTER_USERS,
    });
  for (const user of users) {
    const shown = JSON.stringify(user.length > 40 ? `${user.slice(0, 40)}…` : user);
    if (/^\d+$/.test(user)) {
      if (user.length > 10 || Number(user) > MAX_UID)
        throw new BadUserInputError(`filter.users: uid ${shown} is out of range (0 to ${MAX_UID})`, { max: MAX_UID });
    } else if (!USER_NAME_PATTERN.test(user)) {
      throw new BadUserInputError(
        `filter.users: ${shown} is not a user name (letters, digits, '.', '_', '-', not '-' first, at most 64 characters)`,
      );
    }
  }
}

async function userIdsOf(users: readonly string[], userDb: UserDatabase): Promise<number[]> {
  checkUsers(users);
  const names = users.filter((u) => !/^\d+$/.test(u));
  const uids = await userDb.uidsByName(names);
  const unknown = names.filter((n) => !uids.has(n));
  if (unknown.length > 0)
    throw new BadUserInputError(`filter.users: unknown user ${unknown.map((n) => JSON.stringify(n)).join(', ')}`, {
      value: unknown.join(','),
    });
  return users.map((u) => (/^\d+$/.test(u) ? Number(u) : (uids.get(u) as number)));
}

/** Translates the `jobs` filter into a job-list query (user names resolved to uids) and its submit window. */
export async function toFluxJobQuery(
  filter: JobFilter | undefined | null,
  userDb: UserDatabase,
): Promise<{ query: Omit<FluxJobQuery, 'submitted' | 'maxEntries'>; submitted: TimeWindow }> {
  const submitted = toTimeWindow(filter?.submitted, 'submitted') ?? {};
  const inactive = toTimeWindow(filter?.inactive, 'inactive');
  if (!filter) return { query: {}, submitted };
  const query: Omit<FluxJobQuery, 'submitted' | 'maxEntries'> = {
    ...(filter.states ? { states: filter.states } : {}),
    ...(filter.results ? { results: filter.results } : {}),
    ...(filter.users ? { userIds: await userIdsOf(filter.users, userDb) } : {}),
    ...(filter.names ? { names: filter.names } : {}),
    ...(filter.queues ? { queues: filter.queues } : {}),
    ...(filter.banks ? { banks: filter.banks } : {}),
    ...(filter.projects ? { projects: filter.projects } : {}),
    ...(inactive ? { inactive } : {}),
  };
  return { query, submitted };
}
