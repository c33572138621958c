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

/**
 * The `search_elog` query string of the FIRST selector present, in the server's order (§3.9:
 * `run_num`; `start_run_num`+`end_run_num`; `_id`; `start_date`+`end_date`; `search_text`).
 * explgbk applies only that one and ignores the rest, so sending more would only mislead a
 * reader of the URL. Dates as JS `toISOString()` (`%Y-%m-%dT%H:%M:%S.%fZ`).
 */
export function searchQuery(search: ElogSearch): string {
  const q = new URLSearchParams();
  if (search.runNum !== undefined) q.set('run_num', String(search.runNum));
  else if (search.startRunNum !== undefined && search.endRunNum !== undefined) {
    q.set('start_run_num', String(search.startRunNum));
    q.set('end_run_num', String(search.endRunNum));
  } else if (search.id !== undefined) q.set('_id', search.id);
  else if (search.startDate && search.endDate) {
    q.set('start_date', search.startDate.toISOString());
    q.set('end_date', search.endDate.toISOString());
  } else if (search.searchText !== undefined) q.set('search_text', search.searchText);
  return q.toString();
}
