import { BadUserInputError } from '../../errors';
import type { ElogEntry, ElogEntryFilter, ElogSearch } from './elog-types';

/** Latest date explgbk's `strptime('%Y-%m-%dT%H:%M:%S.%fZ')` reads: the open end of a `since` range. */
const END_OF_TIME = new Date('9999-12-31T23:59:59.999Z');

/**
 * Refuses filters the eLog cannot answer faithfully: an empty `text`, and a `text` starting with
 * `t:` or `x:`, which explgbk would read as a tag or a regular expression (use `tag`).
 */
export function checkEntryFilter(filter: ElogEntryFilter): void {
  if (filter.text !== undefined && filter.text.trim() === '')
    throw new BadUserInputError('text must not be empty', { text: filter.text });
  if (filter.text !== undefined && /^[tx]:/.test(filter.text))
    throw new BadUserInputError(
      'text must not start with "t:" or "x:" (the eLog reads those as a tag or a regular expression); use tag for tags',
      { text: filter.text },
    );
  if (filter.since !== undefined && Number.isNaN(filter.since.getTime()))
    throw new BadUserInputError('since is not a valid time');
}

/**
 * The ONE `search_elog` selector to send for `filter`, or undefined for the whole `elog` list.
 * explgbk applies only the first selector it finds and ignores the others (§3.9), so the gateway
 * sends one and applies every filter itself ({@link selectEntries}). `text` goes first because
 * only the server can run its stemmed text search; then the most selective of the rest. A tag is
 * never the selector: explgbk's `t:TAG` matches the stored spelling exactly, and tags match in any
 * case here (as `Experiment.runs(tag:)`), so a tag alone reads the whole `elog` list.
 */
export function selectorFor(filter: ElogEntryFilter): ElogSearch | undefined {
  if (filter.text !== undefined) return { searchText: filter.text };
  if (filter.run !== undefined) return { runNum: filter.run };
  if (filter.since !== undefined) return { startDate: filter.since, endDate: END_OF_TIME };
  // explgbk answers an author id with all of that author's entries (plus text hits, dropped here).
  if (filter.author !== undefined) return { searchText: filter.author };
  return undefined;
}

/** Tags compare in any case (`dark` finds DARK), the one rule of `entries(tag:)` and `runs(tag:)`. */
export function sameTag(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');

/**
 * Whether `entry` could be a hit of explgbk's text search for `text` (author, tag, a word of the
 * content or title up to a suffix, or the substring fallback); used only to drop the parents and
 * roots that explgbk adds to its hits as thread context.
 */
function couldMatchText(entry: ElogEntry, text: string): boolean {
  if (entry.author === text || entry.tags.includes(text)) return true;
  const body = `${entry.text}\n${entry.title ?? ''}`;
  if (body.toLowerCase().includes(text.toLowerCase())) return true;
  const have = words(body);
  return words(text).some((q) => have.some((w) => w === q || (w.length >= 3 && (w.startsWith(q) || q.startsWith(w)))));
}

/** Whether an entry passes the run, tag, author and since filters (`text` is the server's: not checked here). */
export function passesEntryFilter(entry: ElogEntry, filter: ElogEntryFilter): boolean {
  if (filter.run !== undefined && entry.run !== filter.run) return false;
  if (filter.tag !== undefined && !entry.tags.some((t) => sameTag(t, filter.tag as string))) return false;
  if (filter.author !== undefined && entry.author !== filter.author) return false;
  if (filter.since !== undefined && (entry.relevanceTime ?? entry.insertedAt).getTime() < filter.since.getTime())
    return false;
  return true;
}

/** Newest first by insert time; the id breaks ties (ObjectIds grow with time). */
export function newestFirst(a: ElogEntry, b: ElogEntry): number {
  return b.insertedAt.getTime() - a.insertedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * The entries of an `elog` / `search_elog` answer that `filter` selects, newest first: deleted
 * entries and old versions of edited ones dropped, every filter applied, and (for `text`) the
 * thread parents/roots explgbk adds to its hits dropped unless they could be hits themselves.
 */
export function selectEntries(entries: readonly ElogEntry[], filter: ElogEntryFilter): ElogEntry[] {
  const live = entries.filter((e) => !e.deleted && passesEntryFilter(e, filter));
  const text = filter.text;
  if (text === undefined) return live.sort(newestFirst);
  // Parents of every answered entry, old versions included (an edit's old version points at the entry).
  const context = new Set(entries.flatMap((e) => [e.parentId, e.rootId]).filter((id) => id !== undefined));
  return live.filter((e) => !context.has(e.id) || couldMatchText(e, text)).sort(newestFirst);
}
