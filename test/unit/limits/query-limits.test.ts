import { buildSchema, parse } from 'graphql';
import { enforceQueryLimits, DEFAULT_QUERY_LIMITS } from '../../../src/server/limits/query-limits';
import { measureOperation } from '../../../src/server/limits/query-measure';

const schema = buildSchema(`
  type Query { job(id: ID!): Job  jobs(first: Int = 50, after: String): JobConnection! }
  type JobConnection { edges: [JobEdge!]! }
  type JobEdge { node: Job! cursor: String! }
  type Job { id: ID! name: String eventlog: [Event!] elogRun: Run }
  type Run { number: Int! jobs(first: Int = 50): JobConnection! }
  type Event { name: String! }
`);
const measure = (query: string, variables: Record<string, unknown> = {}, operationName?: string) =>
  measureOperation(schema, parse(query), operationName, variables);

describe('measureOperation', () => {
  it('multiplies a federation _entities selection by its number of representations (issue 16)', () => {
    const subgraph = buildSchema(`
      scalar _Any
      union _Entity = Job
      type Query { _entities(representations: [_Any!]!): [_Entity]! }
      type Job { id: ID! name: String }
    `);
    const query = 'query Q($r: [_Any!]!) { _entities(representations: $r) { ... on Job { id name } } }';
    const representations = Array.from({ length: 40 }, (_, i) => ({ __typename: 'Job', id: String(i) }));
    expect(measureOperation(subgraph, parse(query), undefined, { r: representations }).cost).toBe(1 + 40 * 2);
    expect(measureOperation(subgraph, parse(query), undefined, { r: [] }).cost).toBe(1 + 2);
  });
  it('counts depth, root fields and aliases', () => {
    const m = measure('{ a: job(id: 1) { id } b: job(id: 2) { id name } jobs { edges { node { id } } } }');
    expect(m).toMatchObject({ depth: 4, aliases: 2, rootFields: 3 });
  });
  it('multiplies nested connections by first, from literals, variables and defaults', () => {
    // jobs(first: 10): 1 + 10 * edges(1 + node(1 + id 1 + elogRun(1 + jobs(first 5)(1 + 5*(edges(1+node(1+id)))))))
    const literal = measure(
      '{ jobs(first: 10) { edges { node { id elogRun { jobs(first: 5) { edges { node { id } } } } } } } }',
    );
    const inner = 1 + 5 * (1 + (1 + 1)); // jobs(first 5) → edges → node → id
    expect(literal.cost).toBe(1 + 10 * (1 + (1 + 1 + (1 + inner))));
    const viaVariable = measure('query Q($n: Int) { jobs(first: $n) { edges { node { id } } } }', { n: 100 });
    expect(viaVariable.cost).toBe(1 + 100 * 3);
    const viaDefault = measure('{ jobs { edges { node { id } } } }');
    expect(viaDefault.cost).toBe(1 + 50 * 3);
  });
  it('expands fragments, counts a fragment cycle once, and measures the named operation', () => {
    const q =
      'fragment F on Job { id eventlog { name } ...F } query A { job(id: 1) { ...F } } query B { job(id: 1) { id } }';
    expect(measure(q, {}, 'A')).toMatchObject({ depth: 3, rootFields: 1 });
    expect(measure(q, {}, 'B')).toMatchObject({ depth: 2, cost: 2 });
  });
});

describe('enforceQueryLimits', () => {
  it('names the limit and the value', () => {
    const deep = parse(
      '{ jobs(first: 2) { edges { node { elogRun { jobs { edges { node { elogRun { jobs { edges { node { id } } } } } } } } } } } }',
    );
    expect(() => enforceQueryLimits({ ...DEFAULT_QUERY_LIMITS, maxDepth: 8 }, schema, deep, undefined, {})).toThrow(
      'query depth is 12, over the limit of 8',
    );
    const wide = parse(`{ ${Array.from({ length: 31 }, (_, i) => `j${i}: job(id: ${i}) { id }`).join(' ')} }`);
    try {
      enforceQueryLimits(DEFAULT_QUERY_LIMITS, schema, wide, undefined, {});
      throw new Error('expected a limit error');
    } catch (error) {
      expect((error as { extensions: unknown }).extensions).toMatchObject({
        code: 'QUERY_TOO_COMPLEX',
        limit: 'aliases',
        max: 30,
        actual: 31,
      });
    }
    const costly = parse(
      '{ jobs(first: 1000) { edges { node { elogRun { jobs(first: 1000) { edges { node { id } } } } } } } }',
    );
    expect(() => enforceQueryLimits(DEFAULT_QUERY_LIMITS, schema, costly, undefined, {})).toThrow(
      /query cost is \d+, over the limit of 50000/,
    );
  });
  it('lets an ordinary dashboard query through', () => {
    const q = parse('{ jobs(first: 100) { edges { node { id name eventlog { name } } } } }');
    expect(enforceQueryLimits(DEFAULT_QUERY_LIMITS, schema, q, undefined, {}).cost).toBe(
      1 + 100 * (1 + (1 + 1 + 1 + (1 + 1))),
    );
  });
});
