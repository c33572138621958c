import { escapeKeys } from './elog-sim-json';
import { entryDoc, runDoc } from './elog-sim-docs';
import { htmlError, ok, refused, textError } from './elog-sim-responses';
import type { SimReply } from './elog-sim-responses';
import type { ElogSimStore, SimAttachment, SimEntry, SimExperiment } from './elog-sim-store';

/** A request body and its type, as the router read it. */
export interface SimBody {
  contentType: string;
  bytes: Buffer;
}

async function readForm(body: SimBody): Promise<FormData | undefined> {
  try {
    return await new Request('http://simulator.invalid/', {
      method: 'POST',
      headers: { 'content-type': body.contentType },
      body: new Uint8Array(body.bytes),
    }).formData();
  } catch {
    return undefined;
  }
}

function attachmentLimitMessage(limit: number): string {
  return `We limit the size of attachments to ${(limit / (1024 * 1024)).toFixed(1)} M`;
}

/** `new_elog_entry` (§3.7): form fields, files cut at `/`, size limit, run check, stored then echoed. */
export async function newElogEntry(
  store: ElogSimStore,
  exp: SimExperiment,
  author: string,
  body: SimBody,
  maxAttachmentBytes: number,
  now: number,
): Promise<SimReply> {
  const form = await readForm(body);
  const text = form?.get('log_text');
  if (!form || typeof text !== 'string') return htmlError(400, true);
  if (text.trim() === '') return textError(500, 'Cannot post empty message');
  const entry: SimEntry = {
    _id: store.newId(),
    relevance_time: now,
    insert_time: now,
    author,
    content: text,
    content_type: 'TEXT',
  };
  const title = form.get('log_title');
  if (typeof title === 'string' && title !== '') entry.title = title;
  const tags = form.get('log_tags');
  if (typeof tags === 'string' && tags.trim() !== '') entry.tags = tags.trim().split(/\s+/);
  const runField = form.get('run_num');
  if (typeof runField === 'string' && runField !== '') {
    const num = runField === 'current' ? exp.runs.at(-1)?.num : Number(runField);
    if (num === undefined || !exp.runs.some((r) => r.num === num))
      return refused(`Cannot find run with specified run number - ${runField} for experiment ${exp.id}`);
    entry.run_num = num;
  }
  const attachments: SimAttachment[] = [];
  for (const part of form.getAll('files')) {
    if (typeof part === 'string') continue;
    const name = part.name.split('/')[0] ?? '';
    if (name === '') continue;
    if (part.size > maxAttachmentBytes) return refused(attachmentLimitMessage(maxAttachmentBytes));
    const id = store.newId();
    const type = part.type;
    attachments.push({
      _id: id,
      name,
      type,
      url: `mongo://${store.newId()}`,
      ...(type.startsWith('image/') ? { preview_url: `mongo://${store.newId()}` } : {}),
      data: new Uint8Array(await part.arrayBuffer()),
    });
  }
  if (attachments.length > 0) entry.attachments = attachments;
  exp.entries.push(entry);
  return ok(entryDoc(entry));
}

/** `add_run_params` (§3.8): JSON object merged into the run's params (keys escaped). */
export function addRunParams(exp: SimExperiment, query: URLSearchParams, body: SimBody): SimReply {
  if (!body.contentType.startsWith('application/json')) return htmlError(415, true);
  let values: unknown;
  try {
    values = JSON.parse(body.bytes.toString('utf8'));
  } catch {
    return htmlError(400, true);
  }
  if (values === null || typeof values !== 'object' || Array.isArray(values)) return htmlError(400, true);
  const runParam = query.get('run_num');
  const run = runParam === null ? exp.runs.at(-1) : exp.runs.find((r) => String(r.num) === runParam);
  if (!run) return htmlError(500, true);
  if (Object.keys(values).length === 0) return ok();
  Object.assign(run.params, escapeKeys(values as Record<string, unknown>));
  return ok(runDoc(run, true));
}

/** JID `get_counters`: the job's current counters (`[]` when none). */
export function getCounters(store: ElogSimStore, experiment: string, body: SimBody): SimReply {
  let id: unknown;
  try {
    id = (JSON.parse(body.bytes.toString('utf8')) as { _id?: unknown })._id;
  } catch {
    return htmlError(400, false);
  }
  return ok(store.counters.get(`${experiment}/${String(id)}`) ?? []);
}

/** JID `replace_counters/<EXP>/<JOB_ID>`: the list replaces all counters. */
export function replaceCounters(store: ElogSimStore, experiment: string, jobId: string, body: SimBody): SimReply {
  let list: unknown;
  try {
    list = JSON.parse(body.bytes.toString('utf8'));
  } catch {
    return htmlError(400, false);
  }
  if (!Array.isArray(list)) return htmlError(400, false);
  store.counters.set(
    `${experiment}/${jobId}`,
    list.map((c: { key?: unknown; value?: unknown }) => ({ key: String(c.key), value: String(c.value) })),
  );
  return ok();
}
