import type { FluxJobQuery, TimeWindow } from '../datasources/flux/flux-datasource';
import { decodeHostlist, hostlistCount } from '../datasources/flux/hostlist';
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

/** Most entries `filter.nodes` may list, and most hosts they may name together. */
export const MAX_FILTER_NODES = 1_000;
export const MAX_FILTER_HOSTS = 10_000;

const WILDCARD = /[*?]/;
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const shownValue = (text: string): string => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/**
 * Checks `filter.nodes`: RFC 29 hostlists (`sdfmilan[001-004],sdfrome017`) of plain host names, sent
 * as they are to job-list's `hostlist` operator. Wildcards (`sdf*`) are refused: the broker matches
 * whole host names only. BAD_USER_INPUT naming the entry and the rule.
 */
function checkNodes(nodes: readonly string[]): void {
  if (nodes.length > MAX_FILTER_NODES)
    throw new BadUserInputError(`filter.nodes: at most ${MAX_FILTER_NODES} entries, got ${nodes.length}`, {
      max: MAX_FILTER_NODES,
    });
  let hosts = 0;
  for (const node of nodes) {
    if (WILDCARD.test(node))
      throw new BadUserInputError(
        `filter.nodes: ${shownValue(node)} has a wildcard; Flux's hostlist constraint matches whole host names: list them, or a range such as sdfmilan[001-032]`,
        { value: node.slice(0, 200) },
      );
    const count = hostlistCount(node);
    const sample = decodeHostlist(node, 100);
    if (count === undefined || count === 0 || !sample?.every((host) => HOST_NAME.test(host)))
      throw new BadUserInputError(
        `filter.nodes: ${shownValue(node)} is not an RFC 29 hostlist (host names of letters, digits, '.', '_', '-', ranges in brackets)`,
        { value: node.slice(0, 200) },
      );
    hosts += count;
    if (hosts > MAX_FILTER_HOSTS)
      throw new BadUserInputError(`filter.nodes: at most ${MAX_FILTER_HOSTS} hosts in all`, { max: MAX_FILTER_HOSTS });
  }
}

/** Checks `filter.names`: job-list matches names exactly and has no wildcard operator, so `*` and `?` are refused. */
function checkNames(names: readonly string[]): void {
  const wild = names.find((name) => WILDCARD.test(name));
  if (wild !== undefined)
    throw new BadUserInputError(
      `filter.names: ${shownValue(wild)} has a wildcard; Flux's job-list matches job names exactly (it has no pattern operator): give whole names, or use jobHistory(filter: {nameText}) for forwarded jobs`,
      { value: wild.slice(0, 200) },
    );
}

/** The uids of `filter.users` entries (names resolved in one call; uids as given); BAD_USER_INPUT for an unknown or malformed one. */
export async function userIdsOf(users: readonly string[], userDb: UserDatabase): Promise<number[]> {
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
    ...(filter.names ? { names: (checkNames(filter.names), filter.names) } : {}),
    ...(filter.queues ? { queues: filter.queues } : {}),
    ...(filter.nodes ? { hostlists: (checkNodes(filter.nodes), filter.nodes) } : {}),
    ...(filter.banks ? { banks: filter.banks } : {}),
    ...(filter.projects ? { projects: filter.projects } : {}),
    ...(inactive ? { inactive } : {}),
  };
  return { query, submitted };
}
