import type { Partition } from './catalog';

/** RFC 22 idset text of sorted, distinct non-negative integers: `"3"`, `"0-3,7"`. */
export function idset(ids: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < ids.length) {
    const start = ids[i] as number;
    let end = start;
    while (i + 1 < ids.length && ids[i + 1] === end + 1) end = ids[++i] as number;
    parts.push(start === end ? String(start) : `${start}-${end}`);
    i++;
  }
  return parts.join(',');
}

/** The idset `0-(n-1)` (or `0`) without building the list. */
function firstN(n: number): string {
  return n > 1 ? `0-${n - 1}` : '0';
}

/** The same in brackets when it has more than one member, as resource summaries write it. */
function bracketedFirstN(n: number): string {
  return n > 1 ? `[0-${n - 1}]` : '0';
}

/** An allocation: consecutive nodes of one partition and the cores used on each. */
export interface Allocation {
  partition: Partition;
  /** Node indexes in the partition (0-based, consecutive). */
  nodeIndexes: number[];
  coresPerNode: number;
  gpusPerNode: number;
}

/** RFC 29 hostlist of the allocation: `sdfmilan017`, `sdfmilan[017-020]`. */
export function allocationHostlist(a: Allocation): string {
  const names = a.nodeIndexes.map((i) => String(i + 1).padStart(3, '0'));
  const first = names[0] ?? '';
  if (names.length === 1) return `${a.partition.hostPrefix}${first}`;
  return `${a.partition.hostPrefix}[${first}-${names[names.length - 1] ?? ''}]`;
}

/** Broker ranks of the allocated nodes. */
export function allocationRanks(a: Allocation): number[] {
  return a.nodeIndexes.map((i) => a.partition.firstRank + i);
}

/** The scheduler's `resource_summary` annotation, e.g. `rank17/core[0-7]`. */
export function resourceSummary(a: Allocation): string {
  const ranks = allocationRanks(a);
  const rankText = ranks.length > 1 ? `[${idset(ranks)}]` : idset(ranks);
  const gpus = a.gpusPerNode > 0 ? `,gpu${bracketedFirstN(a.gpusPerNode)}` : '';
  return `rank${rankText}/core${bracketedFirstN(a.coresPerNode)}${gpus}`;
}

/** R version 1 as the scheduler writes it (fixture 10 shape). */
export function buildR(a: Allocation, starttime: number, expiration: number, nslots: number): Record<string, unknown> {
  const children: Record<string, string> = { core: firstN(a.coresPerNode) };
  if (a.gpusPerNode > 0) children.gpu = firstN(a.gpusPerNode);
  return {
    version: 1,
    execution: {
      R_lite: [{ rank: idset(allocationRanks(a)), children }],
      starttime,
      expiration,
      nslots,
      nodelist: [allocationHostlist(a)],
    },
  };
}

/** Real-valued keys of R, for byte-exact JSON. */
export const R_REAL_KEYS: ReadonlySet<string> = new Set(['starttime', 'expiration']);
