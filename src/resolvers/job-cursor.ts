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
 *
 * With several clusters (docs/clusters.md) the order is (submit time descending, cluster name
 * ascending, id descending), total across clusters, and the cursor carries the cluster too:
 * `v2:<t_submit>:<cluster>:<decimal id>`. One cluster keeps v1 cursors.
 */
export interface JobCursor {
  /** Submit time, epoch seconds, exactly as job-list reported it. */
  tSubmit: number;
  id: bigint;
  /** The job's cluster (v2 cursors, several clusters); absent in v1 cursors. */
  cluster?: string;
}

/** Encodes the key of a job as an opaque cursor (v2 when it names a cluster). */
export function encodeJobCursor(cursor: JobCursor): string {
  const text =
    cursor.cluster === undefined
      ? `v1:${cursor.tSubmit}:${cursor.id}`
      : `v2:${cursor.tSubmit}:${cursor.cluster}:${cursor.id}`;
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeJobCursor}; anything else is BAD_USER_INPUT naming it. */
export function decodeJobCursor(text: string): JobCursor {
  const fail = (): never => {
    throw new BadUserInputError(
      `invalid cursor ${JSON.stringify(text)}: pass an endCursor or edge cursor returned by jobs`,
      { value: text },
    );
  };
  if (!/^[A-Za-z0-9_-]{1,300}$/.test(text)) return fail();
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  const match =
    /^v1:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)():(\d{1,20})$/.exec(decoded) ??
    /^v2:(\d+(?:\.\d+)?(?:e[+-]?\d+)?):([A-Za-z0-9][A-Za-z0-9_.-]{0,62}):(\d{1,20})$/.exec(decoded);
  if (!match?.[1] || !match[3]) return fail();
  const tSubmit = Number(match[1]);
  const id = BigInt(match[3]);
  if (!Number.isFinite(tSubmit) || id >= 1n << 64n) return fail();
  return match[2] ? { tSubmit, id, cluster: match[2] } : { tSubmit, id };
}

/**
 * Orders jobs of several clusters by the v2 key (submit time descending, cluster ascending, id
 * descending): negative when `a` comes before `b`. Without clusters, as {@link compareJobKeys}.
 */
export function compareClusterJobKeys(a: JobCursor, b: JobCursor): number {
  if (a.tSubmit !== b.tSubmit || a.cluster === b.cluster) return compareJobKeys(a, b);
  return (a.cluster ?? '') < (b.cluster ?? '') ? -1 : 1;
}

/**
 * The single-cluster `after` key equivalent to the merged cursor `after` for `cluster`: jobs of
 * `cluster` below it in the merged order are exactly those below the result in that cluster's
 * own order. At the cursor's submit time, a cluster sorted before the cursor's has nothing left
 * (id -1 excludes every id), one sorted after has everything left (2^64 includes every id).
 */
export function clusterAfter(after: JobCursor, cluster: string): JobCursor {
  if (after.cluster === undefined || after.cluster === cluster) return { tSubmit: after.tSubmit, id: after.id };
  return { tSubmit: after.tSubmit, id: cluster < after.cluster ? -1n : 1n << 64n };
}

/**
 * Orders jobs by the cursor key, newest first: negative when `a` comes before `b`. Reads only `tSubmit` and
 * `id` (the pager passes its jobs themselves: no key object per comparison).
 */
export function compareJobKeys(a: JobCursor, b: JobCursor): number {
  if (a.tSubmit !== b.tSubmit) {
    // The difference's sign as -1 or 1 (small integers: the double itself was boxed per comparison of a
    // sort); NaN (never from Flux) stays NaN, as before.
    const later = b.tSubmit - a.tSubmit;
    return later > 0 ? 1 : later < 0 ? -1 : later;
  }
  return a.id === b.id ? 0 : a.id > b.id ? -1 : 1;
}

/**
 * Sorts `jobs` in place by the cursor key, newest first: the order `jobs.sort(compareJobKeys)` gives
 * (the same comparisons' outcomes, so the same stable order), with each job's submit time read once.
 * A page's jobs have many shapes (job-list's optional attributes), so `compareJobKeys` reads `tSubmit`
 * through a megamorphic load, which boxes the double anew on every read: ~3,300 comparisons of a
 * 650-job window read it 13,000 times (~200 KB per page). Here the times sit in a Float64Array and the
 * sort moves indexes; ids (no boxing) are read only on equal times.
 */
export function sortByJobKeys<T extends JobCursor>(jobs: T[]): void {
  const count = jobs.length;
  const times = new Float64Array(count);
  const order = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    times[i] = (jobs[i] as T).tSubmit;
    order[i] = i;
  }
  order.sort((i, j) => {
    const a = times[i] as number;
    const b = times[j] as number;
    if (a !== b) return a < b ? 1 : a > b ? -1 : Number.NaN;
    const x = (jobs[i] as T).id;
    const y = (jobs[j] as T).id;
    return x === y ? 0 : x > y ? -1 : 1;
  });
  const listed = jobs.slice();
  for (let k = 0; k < count; k++) jobs[k] = listed[order[k] as number] as T;
}
