import { escapeKey } from './elog-sim-json';
import { entryDoc, runDoc } from './elog-sim-docs';
import { htmlError, ok, textError, JSON_TYPE } from './elog-sim-responses';
import { TINY_PNG } from './elog-sim-seed';
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

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
/** A crude stand-in for Mongo's English stemmer: plural `s` / `es` folded. */
const stem = (w: string): string => w.replace(/(?<=[a-z0-9]{2})e?s$/, '');

/** Mongo `$text` on `content`+`title`: any word of `text`, whole words, any case, (crudely) stemmed. */
function textHits(entries: readonly SimEntry[], text: string): SimEntry[] {
  const wanted = new Set(words(text).map(stem));
  return entries.filter((e) => words(`${e.content} ${e.title ?? ''}`).some((w) => wanted.has(stem(w))));
}

/** explgbk's default search: author ∪ tag ∪ `$text` hits (or, with no `$text` hit, a case-blind substring of content). */
function freeTextHits(exp: SimExperiment, text: string): SimEntry[] {
  const hits = new Set<SimEntry>();
  if (exp.entries.some((e) => e.author === text)) for (const e of exp.entries) if (e.author === text) hits.add(e);
  for (const e of exp.entries) if (e.tags?.includes(text)) hits.add(e);
  let found = textHits(exp.entries, text);
  if (found.length === 0) found = exp.entries.filter((e) => e.content.toLowerCase().includes(text.toLowerCase()));
  for (const e of found) hits.add(e);
  return [...hits];
}

/** explgbk's `__get_root_and_parent_entries`, repeated until nothing is added: hits plus their thread context. */
function withParents(exp: SimExperiment, hits: readonly SimEntry[]): SimEntry[] {
  const out = new Map(hits.map((e) => [e._id, e]));
  for (let added = true; added;) {
    added = false;
    for (const e of [...out.values()])
      for (const id of [e.root, e.parent]) {
        const linked = id === undefined || out.has(id) ? undefined : exp.entries.find((x) => x._id === id);
        if (linked) {
          out.set(linked._id, linked);
          added = true;
        }
      }
  }
  return [...out.values()];
}

/**
 * `search_elog`: the first present selector wins (§3.9, explgbk `svc_search_elog`), then parents
 * and roots of the hits are added; `tag` alone selects by tag and narrows a free-text search.
 */
export function searchElog(exp: SimExperiment, q: URLSearchParams): SimReply {
  let hits: SimEntry[];
  const num = (k: string): number => Number(q.get(k));
  const text = q.get('search_text') ?? '';
  const tag = q.get('tag');
  const byTag = (t: string): SimEntry[] => exp.entries.filter((e) => e.tags?.includes(t));
  if (q.get('run_num')) hits = exp.entries.filter((e) => e.run_num === num('run_num'));
  else if (q.get('start_run_num') && q.get('end_run_num'))
    hits = exp.entries.filter(
      (e) => e.run_num !== undefined && e.run_num >= num('start_run_num') && e.run_num <= num('end_run_num'),
    );
  else if (q.get('_id')) hits = exp.entries.filter((e) => e._id === q.get('_id'));
  else if (q.get('start_date') && q.get('end_date')) {
    const from = Date.parse(q.get('start_date') as string);
    const to = Date.parse(q.get('end_date') as string);
    hits = exp.entries.filter((e) => e.relevance_time >= from && e.relevance_time <= to);
  } else if (text.startsWith('t:')) hits = byTag(text.slice(2));
  else if (text.startsWith('x:')) {
    const re = new RegExp(text.slice(2), 'm');
    hits = exp.entries.filter((e) => re.test(e.content));
  } else if (text === '' && tag) hits = byTag(tag);
  else {
    hits = freeTextHits(exp, text);
    if (tag) hits = hits.filter((e) => e.tags?.includes(tag));
  }
  return ok(
    withParents(exp, hits)
      .sort((a, b) => a.insert_time - b.insert_time)
      .map(entryDoc),
  );
}

/**
 * `attachment?entry_id=&attachment_id=[&prefer_preview=true]` (explgbk `svc_get_elog_attachment`):
 * the bytes typed as stored (`text/html` and empty relabelled JSON by the blueprint hook),
 * `Content-Disposition: attachment` unless an image or previewable; the preview is PNG (explgbk's
 * icon when there is none). An unknown entry, or one without attachments, crashes the handler (500).
 */
export function attachment(exp: SimExperiment, q: URLSearchParams): SimReply {
  const aid = q.get('attachment_id') ?? '';
  const entry = exp.entries.find((e) => e._id === q.get('entry_id'));
  if (!entry?.attachments) return htmlError(500, true);
  const found = entry.attachments.find((a) => a._id === aid);
  if (!found) return textError(404, `Cannot find attachment ${aid}`);
  const preview = q.get('prefer_preview')?.toLowerCase() === 'true';
  const stored = preview ? 'image/png' : found.type;
  const type = stored === '' || stored.startsWith('text/html') ? JSON_TYPE : stored;
  return {
    status: 200,
    contentType: type,
    body: preview ? (found.preview ?? TINY_PNG) : found.data,
    ...(found.type.startsWith('image') || found.preview_url
      ? {}
      : { headers: { 'content-disposition': `attachment; filename="${found.name}"` } }),
  };
}
