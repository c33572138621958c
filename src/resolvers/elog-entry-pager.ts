import { BadUserInputError } from '../errors';
import type { ElogEntry } from '../datasources/elog/elog-types';
import type { ElogMessageConnection } from '../schema/elog-message-connection.type';

/** Largest `first` of `entries`. */
export const MAX_ENTRIES_PAGE = 500;

/** Opaque cursor of an entry: its insert time and id, so a page resumes even after entries were deleted. */
export function encodeEntryCursor(entry: ElogEntry): string {
  return Buffer.from(`${entry.insertedAt.getTime()}:${entry.id}`, 'utf8').toString('base64url');
}

function decodeEntryCursor(after: string): { at: number; id: string } {
  const m = /^(-?\d{1,16}):([0-9A-Za-z]{1,64})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!m) throw new BadUserInputError('after is not a cursor of an eLog entries page', { after });
  return { at: Number(m[1]), id: m[2] as string };
}

/** BAD_USER_INPUT unless 0 ≤ first ≤ {@link MAX_ENTRIES_PAGE} (checked before any eLog request). */
export function checkEntriesFirst(first: number): void {
  if (!Number.isInteger(first) || first < 0 || first > MAX_ENTRIES_PAGE)
    throw new BadUserInputError(`first must be between 0 and ${MAX_ENTRIES_PAGE}, got ${first}`, { first });
}

/**
 * One page of `entries` (already filtered and newest first): `first` entries after the cursor
 * `after` (those older than it, or as old with a smaller id), with `totalCount` of all of them.
 */
export function pageEntries(
  entries: readonly ElogEntry[],
  first: number,
  after?: string | null,
): ElogMessageConnection {
  checkEntriesFirst(first);
  const cursor = after == null ? undefined : decodeEntryCursor(after);
  const rest = cursor
    ? entries.filter((e) => {
        const at = e.insertedAt.getTime();
        return at < cursor.at || (at === cursor.at && e.id < cursor.id);
      })
    : entries;
  const page = rest.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeEntryCursor(node), node }));
  const last = edges.at(-1);
  return {
    edges,
    nodes: page,
    totalCount: entries.length,
    pageInfo: {
      hasNextPage: rest.length > first,
      hasPreviousPage: false,
      ...(edges[0] ? { startCursor: edges[0].cursor } : {}),
      ...(last ? { endCursor: last.cursor } : {}),
    },
  };
}
