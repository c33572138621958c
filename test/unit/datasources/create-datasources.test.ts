import { loadConfig } from '../../../src/config';
import { backendsOf, closeDatasources, createDatasources } from '../../../src/datasources/create-datasources';
import { observeDatasourceCalls } from '../../../src/datasources/datasource-calls.observer';
import { createStaticUserDatabase } from '../../../src/datasources/users/static-user-database';

const config = loadConfig({
  env: {
    FLUX_URI: 'local:///nonexistent/flux.sock',
    JOBGRAPH_ELOG_URL: 'http://127.0.0.1:9/lgbk',
    JOBGRAPH_ELASTICSEARCH_URL: 'http://127.0.0.1:9',
  },
});

describe('fault policies stand apart from the datasources (#21 item 3)', () => {
  test('createDatasources returns the policies beside the datasources, by datasource name', async () => {
    const { datasources, policies } = createDatasources(config, { users: createStaticUserDatabase([]) });
    try {
      expect(Object.keys(datasources)).not.toContain('policies');
      expect(Object.keys(policies).sort()).toEqual(['elastic', 'elog', 'flux']);
      // eLog writes have their own breaker, on the eLog entry (no `elogWrites` name to build).
      expect(policies.elog?.writes).toBeDefined();
      expect(policies.elog?.writes).not.toBe(policies.elog?.calls);
      expect(policies.flux?.writes).toBeUndefined();
      expect(policies.flux?.calls.breakerState()).toBe('closed');
      // Every entry of the datasources is a backend or a helper: nothing the call observer must skip.
      expect(backendsOf(datasources).map(([name]) => name)).toEqual(expect.arrayContaining(['elog', 'elastic']));
    } finally {
      await closeDatasources(datasources);
    }
  });

  test('a datasource given as an override comes with no policy', async () => {
    const base = createDatasources(config, { users: createStaticUserDatabase([]) });
    const { datasources, policies } = createDatasources(config, {
      users: createStaticUserDatabase([]),
      elog: base.datasources.elog,
    });
    try {
      expect(policies.elog).toBeUndefined();
      expect(datasources.elog).toBe(base.datasources.elog);
    } finally {
      await closeDatasources(base.datasources);
      await closeDatasources(datasources);
    }
  });

  test('the call observer wraps every entry of the datasources', () => {
    const { datasources } = createDatasources(config, { users: createStaticUserDatabase([]) });
    const seen: string[] = [];
    const view = observeDatasourceCalls(datasources, (backend, method) => void seen.push(`${backend}.${method}`));
    void view.users.namesByUid([]);
    expect(seen).toEqual(['users.namesByUid']);
    return closeDatasources(datasources);
  });
});
