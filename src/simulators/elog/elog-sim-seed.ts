import type { SimAttachment, SimEntry } from './elog-sim-store';

/** A 1×1 PNG (what explgbk's ImageMagick previews are: PNG). */
export const TINY_PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** Stored attachments of a seeded summary entry: a plot with a preview and a text file without one. */
function summaryAttachments(newId: () => string, run: number): SimAttachment[] {
  const text = Buffer.from(`run ${run}\nhits 5634\nevents 71820\n`, 'utf8');
  return [
    {
      _id: newId(),
      name: `peaks_r${String(run).padStart(4, '0')}.png`,
      type: 'image/png',
      url: `mongo://${newId()}`,
      preview_url: `mongo://${newId()}`,
      data: TINY_PNG,
      preview: TINY_PNG,
    },
    { _id: newId(), name: `summary_r${run}.txt`, type: 'text/plain', url: `mongo://${newId()}`, data: text },
  ];
}

/**
 * What a real logbook holds besides one entry per tagged run (contract §4.4; explgbk
 * `post_new_log_entry`, `modify_elog_entry`, `delete_elog_entry`), added to `entries` in place:
 * attachments on the first tagged run's entry and a follow-up to it (`parent`/`root`); the second
 * one edited (the current entry keeps its id and points at a `previous_version`, a deleted clone
 * whose `parent`/`root` is the entry); on the third run an entry deleted by `jdoe` (no tags, so
 * tag lookups are unchanged).
 */
export function seedEntryHistory(entries: SimEntry[], newId: () => string): void {
  const [first, second, third] = entries.filter((e) => e.run_num !== undefined);
  if (first?.run_num !== undefined) {
    first.attachments = summaryAttachments(newId, first.run_num);
    entries.push({
      _id: newId(),
      relevance_time: first.insert_time + 600_000,
      insert_time: first.insert_time + 600_000,
      author: 'jdoe',
      content: 'Follow-up: re-ran the peak finder with a lower threshold',
      content_type: 'TEXT',
      parent: first._id,
      root: first._id,
    });
  }
  if (second) {
    const editedAt = second.insert_time + 300_000;
    const history: SimEntry = {
      ...second,
      _id: newId(),
      relevance_time: editedAt,
      parent: second._id,
      root: second._id,
      deleted_by: 'jdoe',
      deleted_time: editedAt,
    };
    entries.push(history);
    second.content = `${second.content} (checked by jdoe)`;
    second.author = 'jdoe';
    second.previous_version = history._id;
  }
  if (third?.run_num !== undefined) {
    const at = third.insert_time + 120_000;
    entries.push({
      _id: newId(),
      relevance_time: at,
      insert_time: at,
      author: 'jdoe',
      content: 'Posted to the wrong run, please ignore',
      content_type: 'TEXT',
      run_num: third.run_num,
      deleted_by: 'jdoe',
      deleted_time: at + 60_000,
    });
  }
}
