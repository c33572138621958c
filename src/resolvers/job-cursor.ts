import { BadUserInputError } from '../errors';

/**
 * Cursor design for `jobs` (live jobs from Flux).
 *
 * job-list returns jobs in its own order (pending by priority, running by start time,
 * inactive by end time), and a job moves between those groups as it changes state, so an
 * offset or a position in that order would skip or repeat jobs while paging. The gateway
 * therefore orders `jobs` by a key that never changes for a job: (submit time descending,
 * id descending). A cursor is that key of the last job of a page: `after` means "jobs whose
 * key is below this one", which stays exact however the jobs change state meanwhile; only
 * newly submitted jobs appear, and only at the head of the first page. The key is carried
 * in the cursor itself (no server-side state), encoded as base64url of
 * `v1:<t_submit as the broker sent it>:<decimal id>`; clients treat it as opaque.
 */
export interface JobCursor {
  /** Submit time, epoch seconds, exactly as job-list reported it. */
  tSubmit: number;
  id: bigint;
}

const VERSION = 'v1';

/** Encodes the key of a job as an opaque cursor. */
export function encodeJobCursor(cursor: JobCursor): string {
  return Buffer.from(`${VERSION}:${cursor.tSubmit}:${cursor.id}`, 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeJobCursor}; anything else is BAD_USER_INPUT naming it. */
export function decodeJobCursor(text: string): JobCursor {
  const fail = (): never => {
    throw new BadUserInputError(
      `invalid cursor ${JSON.stringify(text)}: pass an endCursor or edge cursor returned by jobs`,
      { value: text },
    );
  };
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return fail();
  const match = /^v1:(\d+(?:\.\d+)?(?:e[+-]?\d+)?):(\d{1,20})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match?.[1] || !match[2]) return fail();
  const tSubmit = Number(match[1]);
  const id = BigInt(match[2]);
  if (!Number.isFinite(tSubmit) || id >= 1n << 64n) return fail();
  return { tSubmit, id };
}

/** Orders jobs by the cursor key, newest first: negative when `a` comes before `b`. */
export function compareJobKeys(a: JobCursor, b: JobCursor): number {
  if (a.tSubmit !== b.tSubmit) return b.tSubmit - a.tSubmit;
  return a.id === b.id ? 0 : a.id > b.id ? -1 : 1;
}
