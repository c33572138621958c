import { createHash } from 'node:crypto';
import { BadUserInputError } from '../../errors';

/** A sort value as Elasticsearch returns it: epoch ms, numbers, keywords, `null` or `"Infinity"` for missing. */
export type SortValue = string | number | boolean | null;

/**
 * What a jobHistory cursor carries (opaque to clients, base64url JSON): the point in time
 * (absent for first-page cursors: the PIT is opened on the second page), the hit's sort values,
 * and a digest of filter + sort so a cursor cannot be replayed against another query.
 */
export interface JobHistoryCursor {
  v: 1;
  pit?: string;
  after: SortValue[];
  query: string;
}

/** Digest of the filter and sort a cursor belongs to (bigints as decimal strings). */
export function queryDigest(filter: unknown, sort: unknown): string {
  const text = JSON.stringify([filter, sort], (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

/** Encodes a cursor for `after` / `endCursor`. */
export function encodeCursor(cursor: JobHistoryCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Decodes a client's `after`; BAD_USER_INPUT when it is not one of ours or belongs to another filter or sort. */
export function decodeCursor(text: string, digest: string): JobHistoryCursor {
  let cursor: Partial<JobHistoryCursor>;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<JobHistoryCursor>;
  } catch {
    throw new BadUserInputError('after: not a jobHistory cursor', { after: text.slice(0, 80) });
  }
  if (cursor?.v !== 1 || !Array.isArray(cursor.after) || (cursor.pit !== undefined && typeof cursor.pit !== 'string')) {
    throw new BadUserInputError('after: not a jobHistory cursor', { after: text.slice(0, 80) });
  }
  if (cursor.query !== digest) throw new BadUserInputError('after: this cursor belongs to a different filter or sort');
  return cursor as JobHistoryCursor;
}
