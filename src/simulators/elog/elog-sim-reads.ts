import { escapeKey } from './elog-sim-json';
import { entryDoc, runDoc } from './elog-sim-docs';
import { htmlError, ok, textError, JSON_TYPE } from './elog-sim-responses';
import type { SimReply } from './elog-sim-responses';
import type { ElogSimStore, SimEntry, SimExperiment } from './elog-sim-store';

/** `runs?includeParams=`: JSON-parsed by the server, so only lowercase `true`/`false` work. */
export function listRuns(exp: SimExperiment, query: URLSearchParams): SimReply {
  const raw = query.get('includeParams');
  if (raw !== null && raw !== 'true' && raw !== 'false') return htmlError(500, true);
  const withParams = raw !== 'false';
  return ok([...exp.runs].reverse().map((r) => runDoc(r, withParams)));
}

/** `runs/<n>`: an unknown run crashes the real handler (500 HTML). */
export function oneRun(exp: SimExperiment, n: string): SimReply {
  const run = exp.runs.find((r) => String(r.num) === n);
  return run ? ok(runDoc(run, true)) : htmlError(500, true);
}

/** `runs_for_calib`: epoch seconds, `run_num`, `run_type`. */
export function runsForCalib(exp: SimExperiment): SimReply {
  return ok(
    exp.runs.map((r) => ({
      begin_time: r.begin_time / 1000,
      end_time: r.end_time === null ? null : r.end_time / 1000,
      run_num: r.num,
      run_type: r.type,
    })),
  );
}

/** `get_run_params_for_all_runs?param_names=a,b`: every run, only the asked keys it has. */
export function runParamsForAllRuns(exp: SimExperiment, query: URLSearchParams): SimReply {
  const names = (query.get('param_names') ?? '')
    .split(',')
    .filter((n) => n !== '')
    .map(escapeKey);
  if (names.length === 0) return textError(500, 'Please specify the param_names');
  return ok(
    exp.runs.map((r) => ({
      _id: r._id,
      num: r.num,
      params: Object.fromEntries(names.filter((n) => n in r.params).map((n) => [n, r.params[n]])),
    })),
  );
}

/** `get_runs_with_tag?tag=`: no tag → 500 text. */
export function runsWithTag(store: ElogSimStore, exp: SimExperiment, query: URLSearchParams): SimReply {
  const tag = query.get('tag');
  if (!tag) return textError(500, 'Please specify the tag');
  return ok(store.runsWithTag(exp, tag));
}

function matchesText(entry: SimEntry, text: string): boolean {
  if (entry.author === text || entry.tags?.includes(text)) return true;
  const words = new Set(`${entry.content} ${entry.title ?? ''}`.toLowerCase().split(/[^a-z0-9]+/));
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
    .some((w) => words.has(w));
}

/** `search_elog`: the first present selector wins (§3.9). */
export function searchElog(exp: SimExperiment, q: URLSearchParams): SimReply {
  let hits: SimEntry[];
  const num = (k: string): number => Number(q.get(k));
  if (q.has('run_num')) hits = exp.entries.filter((e) => e.run_num === num('run_num'));
  else if (q.has('start_run_num') && q.has('end_run_num'))
    hits = exp.entries.filter(
      (e) => e.run_num !== undefined && e.run_num >= num('start_run_num') && e.run_num <= num('end_run_num'),
    );
  else if (q.has('_id')) hits = exp.entries.filter((e) => e._id === q.get('_id'));
  else if (q.has('start_date') && q.has('end_date')) {
    const from = Date.parse(q.get('start_date') as string);
    const to = Date.parse(q.get('end_date') as string);
    hits = exp.entries.filter((e) => e.relevance_time >= from && e.relevance_time <= to);
  } else {
    const text = q.get('search_text') ?? '';
    if (text.startsWith('t:')) hits = exp.entries.filter((e) => e.tags?.includes(text.slice(2)));
    else if (text.startsWith('x:')) {
      const re = new RegExp(text.slice(2));
      hits = exp.entries.filter((e) => re.test(e.content) || re.test(e.title ?? ''));
    } else hits = exp.entries.filter((e) => matchesText(e, text));
  }
  return ok([...hits].sort((a, b) => a.insert_time - b.insert_time).map(entryDoc));
}

/** `attachment?entry_id=&attachment_id=`: the bytes, typed as stored (`text/html` relabelled JSON). */
export function attachment(exp: SimExperiment, q: URLSearchParams): SimReply {
  const aid = q.get('attachment_id') ?? '';
  const found = exp.entries.find((e) => e._id === q.get('entry_id'))?.attachments?.find((a) => a._id === aid);
  if (!found) return textError(404, `Cannot find attachment ${aid}`);
  const type = found.type === '' || found.type.startsWith('text/html') ? JSON_TYPE : found.type;
  return {
    status: 200,
    contentType: type,
    body: found.data,
    ...(found.type.startsWith('image/')
      ? {}
      : { headers: { 'content-disposition': `attachment; filename="${found.name}"` } }),
  };
}
