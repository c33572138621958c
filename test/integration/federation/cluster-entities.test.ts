import { formatJobId } from '../../../src/datasources/flux/job-id';
import { generateDataset } from '../../../src/simulators/dataset';
import type { DatasetJob } from '../../../src/simulators/dataset';
import { startClustersGateway } from '../../support/clusters-gateway';
import type { ClustersGateway } from '../../support/clusters-gateway';

const NOW = 1_795_400_000;
const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) { __typename ... on Job { id cluster name } }
}`;

interface EntitiesBody {
  _entities: Array<{ id: string; cluster: string; name: string | null } | null>;
}

/**
 * Issue 16 × 18 (audit, stop 2): `Job @key(fields: "id")` alone cannot name a job whose id two
 * clusters know. The second key `@key(fields: "id cluster")` resolves `{id, cluster}` to that
 * cluster's job; `{id}` stays what `job(id:)` answers (BAD_USER_INPUT naming both clusters).
 */
describe('_entities of Job by id and cluster', () => {
  const a = generateDataset({ seed: 3, jobCount: 200, now: NOW, days: 7 });
  const b0 = generateDataset({ seed: 4, jobCount: 150, now: NOW, days: 7 });
  const twin = a.jobs[a.jobs.length - 3] as DatasetJob;
  const twinOnB = { ...twin, job: { ...twin.job, name: `twin-${twin.job.name ?? ''}` } };
  const b = {
    ...b0,
    jobs: [...b0.jobs, twinOnB].sort((x, y) => x.job.tSubmit - y.job.tSubmit || (x.job.id < y.job.id ? -1 : 1)),
  };
  const onlyOnB = b0.jobs.find((j) => !a.jobs.some((k) => k.job.id === j.job.id)) as DatasetJob;
  let gateway: ClustersGateway;
  let solo: ClustersGateway;
  beforeAll(async () => {
    gateway = await startClustersGateway({ a: { dataset: a }, b: { dataset: b } }, { JOBGRAPH_FEDERATION: 'on' });
    solo = await startClustersGateway({ solo: { dataset: a } }, { JOBGRAPH_FEDERATION: 'on' });
  });
  afterAll(async () => {
    await gateway?.close();
    await solo?.close();
  });

  it('the subgraph declares both keys', async () => {
    const { body } = await gateway.query<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(body.data?._service.sdl).toContain('type Job @key(fields: "id") @key(fields: "id cluster")');
  });

  it('{id, cluster} names one job of a twin id; {id} alone is BAD_USER_INPUT naming both clusters', async () => {
    const id = formatJobId(twin.job.id);
    const { body } = await gateway.query<EntitiesBody>(ENTITIES, {
      representations: [
        { __typename: 'Job', id, cluster: 'a' },
        { __typename: 'Job', id, cluster: 'b' },
        { __typename: 'Job', id: formatJobId(onlyOnB.job.id), cluster: 'b' },
        { __typename: 'Job', id: formatJobId(onlyOnB.job.id), cluster: 'a' },
        { __typename: 'Job', id, cluster: 'zz' },
        { __typename: 'Job', id: formatJobId(onlyOnB.job.id), cluster: null },
        { __typename: 'Job', id },
      ],
    });
    expect(body.data?._entities).toEqual([
      { __typename: 'Job', id, cluster: 'a', name: twin.job.name },
      { __typename: 'Job', id, cluster: 'b', name: twinOnB.job.name },
      { __typename: 'Job', id: formatJobId(onlyOnB.job.id), cluster: 'b', name: onlyOnB.job.name },
      null,
      null,
      { __typename: 'Job', id: formatJobId(onlyOnB.job.id), cluster: 'b', name: onlyOnB.job.name },
      null,
    ]);
    expect(body.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.clusters])).toEqual([
      [['_entities', 6], 'BAD_USER_INPUT', 'a,b'],
    ]);
  });

  it('one cluster: {id, cluster} with the cluster’s name is the job, another name none', async () => {
    const id = formatJobId(twin.job.id);
    const { body } = await solo.query<EntitiesBody>(ENTITIES, {
      representations: [
        { __typename: 'Job', id, cluster: 'solo' },
        { __typename: 'Job', id, cluster: 'b' },
        { __typename: 'Job', id },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([
      { __typename: 'Job', id, cluster: 'solo', name: twin.job.name },
      null,
      { __typename: 'Job', id, cluster: 'solo', name: twin.job.name },
    ]);
  });

  it('a cluster that is not a string is BAD_USER_INPUT for that reference only', async () => {
    const { body } = await gateway.query<EntitiesBody>(ENTITIES, {
      representations: [
        { __typename: 'Job', id: formatJobId(onlyOnB.job.id), cluster: 7 },
        { __typename: 'Job', id: formatJobId(onlyOnB.job.id) },
      ],
    });
    expect(body.data?._entities[1]).toMatchObject({ cluster: 'b' });
    expect(body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['_entities', 0], 'BAD_USER_INPUT']]);
  });
});
