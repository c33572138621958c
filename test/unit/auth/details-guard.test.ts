import { createDetailsGuard } from '../../../src/auth/details-guard';
import { createStaticUserDatabase } from '../../../src/datasources/users/static-user-database';
import type { UserDatabase } from '../../../src/datasources/users/user-database';

/** The static table, counting how often the guard looks a caller up. */
function countingUsers(): UserDatabase & { lookups: number } {
  const base = createStaticUserDatabase([
    { uid: 1001, name: 'alice' },
    { uid: 1002, name: 'bob' },
  ]);
  const counted = Object.assign(Object.create(base) as UserDatabase, { lookups: 0 });
  counted.uidsByName = (names) => {
    counted.lookups += 1;
    return base.uidsByName(names);
  };
  return counted;
}

// The guard itself (not only the pure rule in job-visibility.ts): the caller's uid comes from the user
// database, once per request, and only when a non-operator asks for details.
describe('details guard of one request', () => {
  it('lets the owner through and refuses another user FORBIDDEN, looking the caller up once', async () => {
    const users = countingUsers();
    const guard = createDetailsGuard({ user: 'alice', isOperator: false, via: 'proxy-header' }, users);
    await expect(guard.assertDetails(1001, 'eventlog')).resolves.toBeUndefined();
    await expect(guard.assertDetails(1002, 'jobspec')).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(guard.assertDetailsOf(async () => 1001, 'environment')).resolves.toBeUndefined();
    expect(users.lookups).toBe(1);
  });

  it('refuses a job whose owner is unknown, and a caller the user database does not know', async () => {
    const alice = createDetailsGuard({ user: 'alice', isOperator: false, via: 'jwt' }, countingUsers());
    await expect(alice.assertDetails(undefined, 'eventlog')).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    const ghost = createDetailsGuard({ user: 'ghost', isOperator: false, via: 'jwt' }, countingUsers());
    await expect(ghost.assertDetails(1001, 'eventlog')).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('lets operators through without looking anyone up, not even the job’s owner', async () => {
    const users = countingUsers();
    const guard = createDetailsGuard({ user: 'flux', isOperator: true, via: 'jwt' }, users);
    const findOwner = jest.fn(async () => 1002);
    await expect(guard.assertDetails(1002, 'eventlog')).resolves.toBeUndefined();
    await expect(guard.assertDetailsOf(findOwner, 'jobspec')).resolves.toBeUndefined();
    expect(findOwner).not.toHaveBeenCalled();
    expect(users.lookups).toBe(0);
  });

  it('says allowsAll for operators only (the job resolvers skip assertDetails on it)', async () => {
    expect(createDetailsGuard({ user: 'flux', isOperator: true, via: 'jwt' }, countingUsers()).allowsAll).toBe(true);
    const alice = createDetailsGuard({ user: 'alice', isOperator: false, via: 'jwt' }, countingUsers());
    expect(alice.allowsAll).toBe(false);
    await expect(alice.assertDetails(1002, 'eventlog')).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
