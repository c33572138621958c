import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readExampleOperations } from '../../../src/server/playground/example-operations';

describe('readExampleOperations', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jobgraph-ops-'));
    await writeFile(path.join(dir, 'b-job.graphql'), 'query Job($id: JobId!) { job(id: $id) { id } }\n');
    await writeFile(path.join(dir, 'b-job.variables.json'), '{ "id": "ƒ2" }\n');
    await writeFile(path.join(dir, 'a-stats.graphql'), 'query Stats { jobStats { total } }\n');
    await writeFile(path.join(dir, 'notes.md'), 'not an operation');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads *.graphql in file-name order with sibling variables', async () => {
    await expect(readExampleOperations(dir)).resolves.toEqual([
      { query: 'query Stats { jobStats { total } }\n' },
      { query: 'query Job($id: JobId!) { job(id: $id) { id } }\n', variables: '{ "id": "ƒ2" }\n' },
    ]);
  });

  it('yields no tabs for a missing directory', async () => {
    await expect(readExampleOperations(path.join(dir, 'missing'))).resolves.toEqual([]);
  });
});
