import type { ElogSearch } from './elog-types';

/**
 * Splits parameter names into comma-joined batches whose encoded `param_names` query stays
 * under `budget` bytes (§3.4: one request per experiment unless the URL would pass 6,000 bytes).
 */
export function runParamBatches(names: readonly string[], budget: number): string[][] {
  const unique = [...new Set(names)];
  const batches: string[][] = [];
  let current: string[] = [];
  const size = (list: string[]): number => new URLSearchParams({ param_names: list.join(',') }).toString().length;
  for (const name of unique) {
    if (current.length > 0 && size([...current, name]) > budget) {
      batches.push(current);
      current = [];
    }
    current.push(name);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The `search_elog` query string; dates as JS `toISOString()` (`%Y-%m-%dT%H:%M:%S.%fZ`). */
export function searchQuery(search: ElogSearch): string {
  const q = new URLSearchParams();
  if (search.runNum !== undefined) q.set('run_num', String(search.runNum));
  if (search.startRunNum !== undefined) q.set('start_run_num', String(search.startRunNum));
  if (search.endRunNum !== undefined) q.set('end_run_num', String(search.endRunNum));
  if (search.id !== undefined) q.set('_id', search.id);
  if (search.startDate) q.set('start_date', search.startDate.toISOString());
  if (search.endDate) q.set('end_date', search.endDate.toISOString());
  if (search.searchText !== undefined) q.set('search_text', search.searchText);
  return q.toString();
}
