import { checkEntryFilter, selectEntries, selectorFor } from '../../../src/datasources/elog/elog-entry-filter';
import { searchQuery } from '../../../src/datasources/elog/elog-queries';
import { toEntry } from '../../../src/datasources/elog/elog-mappers';
import type { ElogEntry } from '../../../src/datasources/elog/elog-types';
import { encodeEntryCursor, pageEntries } from '../../../src/resolvers/elog-entry-pager';

const entry = (id: string, at: number, extra: Partial<ElogEntry> = {}): ElogEntry => ({
  id,
  experiment: 'mfxl1038923',
  insertedAt: new Date(at),
  author: 'mfxopr',
  text: 'Run 42: DARK',
  tags: [],
  attachments: [],
  ...extra,
});

describe('search_elog selectors (explgbk applies only the first it finds)', () => {
  it('sends exactly one selector: a query with several used to send them all and get the first only', () => {
    const since = new Date('2024-03-15T02:11:07.000Z');
    expect(searchQuery({ runNum: 42, startDate: since, endDate: since, searchText: 'peaks', id: 'abc' })).toBe(
      'run_num=42',
    );
    expect(searchQuery({ startRunNum: 3, endRunNum: 9, searchText: 'x' })).toBe('start_run_num=3&end_run_num=9');
    expect(searchQuery({ startDate: since, endDate: since, searchText: 'x' })).toBe(
      'start_date=2024-03-15T02%3A11%3A07.000Z&end_date=2024-03-15T02%3A11%3A07.000Z',
    );
    expect(searchQuery({ searchText: 't:DARK' })).toBe('search_text=t%3ADARK');
  });

  it('picks text first (only the server can run it), then run, since, author; a tag alone or nothing = the whole elog', () => {
    const since = new Date('2024-03-15T00:00:00Z');
    expect(selectorFor({ run: 42, tag: 'DARK', text: 'peaks', since })).toEqual({ searchText: 'peaks' });
    expect(selectorFor({ run: 42, tag: 'DARK', author: 'jdoe', since })).toEqual({ runNum: 42 });
    expect(selectorFor({ tag: 'DARK', since })).toEqual({
      startDate: since,
      endDate: new Date('9999-12-31T23:59:59.999Z'),
    });
    // A tag is never the selector: explgbk's t:TAG is exact, tags match in any case (issue 17).
    expect(selectorFor({ tag: 'DARK', author: 'jdoe' })).toEqual({ searchText: 'jdoe' });
    expect(selectorFor({ tag: 'dark' })).toBeUndefined();
    expect(selectorFor({ author: 'jdoe' })).toEqual({ searchText: 'jdoe' });
    expect(selectorFor({})).toBeUndefined();
  });

  it('refuses a text the eLog would read as a tag or a regular expression, and an empty one', () => {
    for (const text of ['t:DARK', 'x:^Run', '  '])
      expect(() => checkEntryFilter({ text })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => checkEntryFilter({ text: 'peaks t:' })).not.toThrow();
  });
});

describe('selecting entries from an eLog answer', () => {
  it('drops deleted entries and old versions, applies every filter, newest first', () => {
    const answer = [
      entry('a1', 1000, { run: 42, tags: ['DARK'] }),
      entry('a2', 2000, { run: 42, tags: ['DARK'], deleted: true }),
      entry('a3', 3000, { run: 43, tags: ['DARK'] }),
      entry('a4', 3000, { run: 42, tags: ['dark'] }),
      entry('a5', 4000, { run: 42, tags: ['DARK'], author: 'jdoe' }),
    ];
    // Tags in any case: a4's `dark` is DARK too.
    expect(selectEntries(answer, { run: 42, tag: 'DARK' }).map((e) => e.id)).toEqual(['a5', 'a4', 'a1']);
    expect(selectEntries(answer, { run: 42, tag: 'Dark' }).map((e) => e.id)).toEqual(['a5', 'a4', 'a1']);
    expect(selectEntries(answer, { since: new Date(3000) }).map((e) => e.id)).toEqual(['a5', 'a4', 'a3']);
    expect(selectEntries(answer, { author: 'jdoe' }).map((e) => e.id)).toEqual(['a5']);
  });

  it('drops the thread parents explgbk adds to text hits, but keeps a parent that is a hit itself', () => {
    const root = entry('r1', 1000, { text: 'Run 42 summary' });
    const reply = entry('c1', 2000, { text: 'Re-ran with a lower threshold', parentId: 'r1', rootId: 'r1' });
    expect(selectEntries([root, reply], { text: 'threshold' }).map((e) => e.id)).toEqual(['c1']);
    const hitRoot = entry('r2', 1000, { text: 'thresholds were too high' });
    const hitReply = entry('c2', 2000, { text: 'threshold lowered', parentId: 'r2' });
    expect(selectEntries([hitRoot, hitReply], { text: 'threshold' }).map((e) => e.id)).toEqual(['c2', 'r2']);
  });

  it('reads deleted_by, parent and root of an entry document, attachments knowing their entry', () => {
    const e = toEntry(
      {
        _id: '65f3a1c2e4b0a1b2c3d4e5f6',
        insert_time: '2024-03-15T02:13:07.512000+00:00',
        author: 'jdoe',
        content: 'x',
        parent: '65f3a1c2e4b0a1b2c3d4e500',
        root: '65f3a1c2e4b0a1b2c3d4e500',
        deleted_by: 'jdoe',
        attachments: [{ _id: '65f3a1c3e4b0a1b2c3d4e5f7', name: 'a.png', type: 'image/png', url: 'mongo://1' }],
      },
      'mfxl1038923',
    );
    expect(e).toMatchObject({ parentId: '65f3a1c2e4b0a1b2c3d4e500', deleted: true });
    expect(e.attachments[0]).toMatchObject({ experiment: 'mfxl1038923', entryId: '65f3a1c2e4b0a1b2c3d4e5f6' });
  });
});

describe('entry pages', () => {
  const list = [entry('c', 3000), entry('b', 2000), entry('a2', 2000), entry('a1', 1000)];
  it('resumes after a cursor even when that entry is gone', () => {
    const first = pageEntries(list, 2);
    expect(first.nodes.map((e) => e.id)).toEqual(['c', 'b']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, endCursor: encodeEntryCursor(list[1] as ElogEntry) });
    const without = list.filter((e) => e.id !== 'b');
    expect(pageEntries(without, 5, first.pageInfo.endCursor).nodes.map((e) => e.id)).toEqual(['a2', 'a1']);
    expect(pageEntries(list, 5, first.pageInfo.endCursor).totalCount).toBe(4);
  });
  it('refuses a cursor it did not make and a first out of range', () => {
    expect(() => pageEntries(list, 2, 'garbage!')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => pageEntries(list, 501)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
