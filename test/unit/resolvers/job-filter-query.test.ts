import { createStaticUserDatabase } from '../../../src/datasources/users/static-user-database';
import { MAX_JOBS_PAGE_SIZE, checkPageSize, toFluxJobQuery } from '../../../src/resolvers/job-filter-query';

const users = createStaticUserDatabase([
  { uid: 1001, name: 'alice' },
  { uid: 1002, name: 'bob' },
]);

describe('jobs filter', () => {
  it('maps every filter to the job-list query, user names to uids', async () => {
    const { query, submitted } = await toFluxJobQuery(
      {
        states: ['RUN', 'INACTIVE'],
        results: ['FAILED'],
        users: ['bob', '1003'],
        names: ['analysis'],
        queues: ['batch'],
        banks: ['lcls'],
        projects: ['mfx'],
        submitted: { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-02T00:00:00Z') },
        inactive: { from: new Date('2026-11-01T12:00:00Z') },
      },
      users,
    );
    expect(query).toEqual({
      states: ['RUN', 'INACTIVE'],
      results: ['FAILED'],
      userIds: [1002, 1003],
      names: ['analysis'],
      queues: ['batch'],
      banks: ['lcls'],
      projects: ['mfx'],
      inactive: { from: 1793534400 },
    });
    expect(submitted).toEqual({ from: 1793491200, to: 1793577600 });
  });
  it('rejects unordered windows and unknown users as BAD_USER_INPUT', async () => {
    const day = new Date('2026-11-01T00:00:00Z');
    await expect(toFluxJobQuery({ submitted: { from: day, to: day } }, users)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(
      toFluxJobQuery({ inactive: { from: new Date('2026-11-02T00:00:00Z'), to: day } }, users),
    ).rejects.toThrow(/filter\.inactive/);
    await expect(toFluxJobQuery({ users: ['mallory'] }, users)).rejects.toThrow(/unknown user "mallory"/);
  });
  it('caps first at the documented maximum', () => {
    expect(() => checkPageSize(MAX_JOBS_PAGE_SIZE, 'jobs')).not.toThrow();
    expect(() => checkPageSize(MAX_JOBS_PAGE_SIZE + 1, 'jobs')).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
    expect(() => checkPageSize(-1, 'jobs')).toThrow(/between 0 and 500/);
  });
});
