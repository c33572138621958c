import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Datasources } from '../../../src/datasources/create-datasources';
import { formatJobId } from '../../../src/datasources/flux/job-id';
import { JobWindowHints } from '../../../src/resolvers/job-window-hints';
import { createContext } from '../../../src/server/context';
import type { GatewayServer } from '../../../src/server/create-server';
import { gatewaySchema } from '../../../src/server/gateway-schema';
import { generateDataset } from '../../../src/simulators/dataset';
import { startExecutorPair } from '../../support/executor-pair';
import type { ExecutorPair } from '../../support/executor-pair';
import { GraphQLFuzzer } from '../../support/graphql-fuzz';
import { OperationGenerator } from '../../support/operation-generator';

/**
 * The compiled path (JOBGRAPH_EXECUTOR=jit) answers byte for byte as graphql-js does: every
 * example operation, the fuzz corpus and generated operations with variables, executed through
 * Apollo on both engines against the same simulator state, same caller and same clock.
 */
const GENERATED = Number(process.env['JOBGRAPH_DIFFERENTIAL_OPERATIONS'] ?? 2000);
const FUZZ = Number(process.env['JOBGRAPH_DIFFERENTIAL_FUZZ'] ?? 400);
// Two days of jobs: a page fills in one or two submit windows (the pager starts with an hour).
const dataset = generateDataset({ seed: 19, jobCount: 300, days: 2, now: 1_795_400_000 });
const jobWindowHints = new JobWindowHints();

interface Operation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

function exampleOperations(): Operation[] {
  const dir = join(__dirname, '../../../examples/operations');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => {
      const vars = join(dir, file.replace(/\.graphql$/, '.variables.json'));
      let variables: Record<string, unknown> | undefined;
      try {
        variables = JSON.parse(readFileSync(vars, 'utf8')) as Record<string, unknown>;
      } catch {
        variables = undefined;
      }
      return { name: file, query: readFileSync(join(dir, file), 'utf8'), ...(variables ? { variables } : {}) };
    });
}

describe('executor differential: graphql-jit against graphql-js', () => {
  let pair: ExecutorPair;
  let datasources: Datasources;
  let reference: GatewayServer;
  let compiled: GatewayServer;
  const owner = dataset.users[1]?.name ?? 'nobody';
  const urls = new Map<GatewayServer, string>();
  const jobIds = dataset.jobs.slice(0, 40).map((j) => formatJobId(j.job.id));

  beforeAll(async () => {
    pair = await startExecutorPair(dataset);
    ({ datasources, reference, compiled } = pair);
    for (const server of [reference, compiled]) urls.set(server, await server.listen());
  });
  afterAll(() => pair.close());

  /** Runs `operation` on both engines (an operator, then a plain user who sees FORBIDDEN on others' details). */
  async function compare(operation: Operation, index: number): Promise<void> {
    const caller =
      index % 2 === 0
        ? { user: 'operator', isOperator: true, via: 'none' as const }
        : { user: owner, isOperator: false, via: 'none' as const };
    const run = async (server: GatewayServer): Promise<string> => {
      const contextValue = createContext({
        requestId: 'differential',
        logger: pair.logger,
        caller,
        datasources,
        now: dataset.now * 1000,
        jobWindowHints,
      });
      const response = await server.apollo.executeOperation(
        { query: operation.query, ...(operation.variables ? { variables: operation.variables } : {}) },
        { contextValue },
      );
      return JSON.stringify({ status: response.http.status, body: response.body });
    };
    const expected = await run(reference);
    const actual = await run(compiled);
    if (actual !== expected)
      throw new Error(
        `${operation.name} differs on jit\n${operation.query}\n${JSON.stringify(operation.variables)}\ngraphql-js: ${expected.slice(0, 2000)}\njit:        ${actual.slice(0, 2000)}`,
      );
  }

  async function executions(server: GatewayServer): Promise<Record<string, number>> {
    const text = await (await fetch(`${urls.get(server)}/metrics`)).text();
    const counts: Record<string, number> = {};
    for (const match of text.matchAll(
      /^jobgraph_graphql_executions_total\{executor="([^"]+)",reason="([^"]+)"\} (\d+)/gm,
    ))
      counts[`${match[1]}:${match[2]}`] = Number(match[3]);
    return counts;
  }

  it('the example operations and the shapes graphql-jit gets wrong', async () => {
    const id = jobIds[0] as string;
    const cases: Operation[] = [
      ...exampleOperations(),
      {
        name: 'non-null variable default omitted',
        query: 'query($first: Int! = 3) { jobs(first: $first) { edges { node { id } } } }',
      },
      {
        name: 'DateTime variable default',
        query:
          'query($from: DateTime = "2020-01-01T00:00:00Z") { jobs(first: 2, filter: { submitted: { from: $from } }) { edges { node { id submittedAt } } } }',
      },
      { name: 'inline JobId literal', query: `{ job(id: "${id}") { id state eventlog { name timestamp } } }` },
      {
        name: 'custom scalars out',
        query: `query($id: JobId!) { job(id: $id) { id submittedAt annotations jobspec { resources attributes } } }`,
        variables: { id },
      },
      { name: 'unknown job', query: 'query($id: JobId!) { job(id: $id) { id } }', variables: { id: 'ƒ2' } },
      {
        name: 'bad page size',
        query: 'query($n: Int!) { jobs(first: $n) { edges { cursor } } }',
        variables: { n: 100_000 },
      },
    ];
    for (const [i, operation] of cases.entries()) await compare(operation, i);
    const counts = await executions(compiled);
    expect(counts['graphql-js:variable-default']).toBeGreaterThanOrEqual(4);
    expect(counts['graphql-js:custom-scalar-literal']).toBeGreaterThanOrEqual(1);
    expect(counts['jit:compiled']).toBeGreaterThanOrEqual(4);
    expect(Object.keys(await executions(reference))).toEqual(['graphql-js:configured']);
  });

  it(`the fuzz corpus (${FUZZ} documents)`, async () => {
    const fuzzer = new GraphQLFuzzer(gatewaySchema(), 19);
    for (let i = 0; i < FUZZ; i++) {
      const fuzz = fuzzer.next();
      if (fuzz.kind === 'huge-strings') continue;
      await compare(
        {
          name: `fuzz #${i} (${fuzz.kind})`,
          query: fuzz.query,
          ...(fuzz.variables ? { variables: fuzz.variables } : {}),
        },
        i,
      );
    }
  }, 300_000);

  it(`${GENERATED} generated operations with variables`, async () => {
    const before = await executions(compiled);
    const generator = new OperationGenerator(gatewaySchema(), { jobIds }, 19);
    for (let i = 0; i < GENERATED; i++) {
      const operation = generator.next();
      await compare({ name: `generated #${i}`, ...operation }, i);
    }
    const after = await executions(compiled);
    // Most generated operations take the compiled path (they pass custom scalars as variables).
    expect((after['jit:compiled'] ?? 0) - (before['jit:compiled'] ?? 0)).toBeGreaterThan(GENERATED / 2);
  }, 600_000);
});
