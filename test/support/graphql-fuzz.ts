import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { seededRandom } from './seeded-random';
import type { GraphQLField, GraphQLInputType, GraphQLObjectType, GraphQLSchema } from 'graphql';

/** One generated request: what the fuzz test POSTs. */
export interface FuzzCase {
  kind: 'valid' | 'invalid' | 'deep' | 'wide' | 'wrong-types' | 'huge-strings';
  query: string;
  variables?: Record<string, unknown>;
}

const ID_FORMS = [
  'ƒ7PFfdyq',
  '243017973760',
  '0x3894000000',
  '0000.0038.9400.0000',
  'ƒjpXCZedGfVQ',
  'not-an-id',
  '',
  '18446744073709551616',
  'ƒ0OIl',
];

/** Generates GraphQL requests from a schema: valid ones, broken ones and hostile ones. */
export class GraphQLFuzzer {
  private readonly random: () => number;
  constructor(
    private readonly schema: GraphQLSchema,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  next(): FuzzCase {
    const kinds: FuzzCase['kind'][] = ['valid', 'valid', 'invalid', 'deep', 'wide', 'wrong-types', 'huge-strings'];
    const kind = this.pick(kinds);
    const query = this.schema.getQueryType();
    if (!query) throw new Error('schema has no Query type');
    switch (kind) {
      case 'valid':
        return { kind, query: `{ ${this.selection(query, 3)} }` };
      case 'invalid':
        return { kind, query: this.corrupt(`{ ${this.selection(query, 2)} }`) };
      case 'deep':
        return {
          kind,
          query: `{ ${'job(id: "ƒ7PFfdyq") { elogRun { jobs { edges { node { '.repeat(1 + Math.floor(this.random() * 8))} id ${'} } } } }'.repeat(1)} }`,
        };
      case 'wide':
        return {
          kind,
          query: `{ ${Array.from({ length: 10 + Math.floor(this.random() * 200) }, (_, i) => `a${i}: jobStats { __typename }`).join(' ')} }`,
        };
      case 'wrong-types':
        return {
          kind,
          query: 'query Q($id: JobId!, $n: Int) { job(id: $id) { id } jobs(first: $n) { edges { cursor } } }',
          variables: { id: this.wrongValue(), n: this.wrongValue() },
        };
      case 'huge-strings':
        return { kind, query: `{ job(id: "${'ƒ'.repeat(1 + Math.floor(this.random() * 200_000))}") { id } }` };
      default: {
        const unreachable: never = kind;
        throw new Error(String(unreachable));
      }
    }
  }

  private selection(type: GraphQLObjectType, depth: number): string {
    const fields = Object.values(type.getFields());
    const chosen = fields.filter(() => this.random() < 0.4);
    if (chosen.length === 0) chosen.push(this.pick(fields));
    return chosen.map((field) => this.field(field, depth)).join(' ');
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number): string {
    const args = field.args
      .filter((a) => isNonNullType(a.type) || this.random() < 0.3)
      .map((a) => `${a.name}: ${this.literal(a.type, 2)}`);
    const head = args.length ? `${field.name}(${args.join(', ')})` : field.name;
    const named = getNamedType(field.type);
    if (isLeafType(named)) return head;
    if (!isObjectType(named) || depth <= 0) return `${head} { __typename }`;
    return `${head} { ${this.selection(named, depth - 1)} }`;
  }

  private literal(type: GraphQLInputType, depth: number): string {
    const t = getNullableType(type);
    if (isListType(t)) return `[${this.literal(t.ofType as GraphQLInputType, depth)}]`;
    if (isEnumType(t)) return this.pick(t.getValues()).name;
    if (isInputObjectType(t)) {
      if (depth <= 0) return '{}';
      const fields = Object.values(t.getFields()).filter((f) => isNonNullType(f.type) || this.random() < 0.3);
      return `{ ${fields.map((f) => `${f.name}: ${this.literal(f.type, depth - 1)}`).join(', ')} }`;
    }
    if (isScalarType(t)) {
      switch (t.name) {
        case 'Int':
          return String(this.pick([0, 1, 5, 50, 1000, -1]));
        case 'Float':
          return String(this.pick([0, 1.5, -3, 1e300]));
        case 'Boolean':
          return this.pick(['true', 'false']);
        case 'JobId':
          return JSON.stringify(this.pick(ID_FORMS));
        case 'DateTime':
          return JSON.stringify(this.pick(['2026-11-01T00:00:00.000Z', 'yesterday', '2026-13-45T99:00:00Z']));
        default:
          return JSON.stringify(this.pick(['x', '', 'mfxl1038923', 'ƒ']));
      }
    }
    return 'null';
  }

  private corrupt(text: string): string {
    const at = Math.floor(this.random() * text.length);
    const damage = this.pick(['{', '}', '(', '$', '"', '...', '@skip', '\u0000', '#', ':', '']);
    return text.slice(0, at) + damage + text.slice(at + 1 + Math.floor(this.random() * 3));
  }

  private wrongValue(): unknown {
    return this.pick([1.5, 'ten', true, null, [], {}, { nested: [1, 2] }, 2 ** 64, '']);
  }

  private pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

/** Malformed HTTP bodies for POST /graphql. */
export function malformedBodies(count: number, seed: number): Array<{ contentType: string; body: Buffer }> {
  const random = seededRandom(seed);
  const shapes: Array<() => { contentType: string; body: Buffer }> = [
    () => ({
      contentType: 'application/json',
      body: Buffer.from('{"query": "{ jobStats { jobStates { total } } }"'.slice(0, Math.floor(random() * 40))),
    }),
    () => ({ contentType: 'application/json', body: Buffer.from(JSON.stringify({ query: 42, variables: 'x' })) }),
    () => ({ contentType: 'application/json', body: Buffer.from(JSON.stringify([{ query: '{ __typename }' }])) }),
    () => ({
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify({ query: '{ __typename }', variables: [1, 2] })),
    }),
    () => ({
      contentType: 'application/json',
      body: Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256))),
    }),
    () => ({ contentType: 'text/plain', body: Buffer.from('{ __typename }') }),
    () => ({ contentType: 'application/json', body: Buffer.from('null') }),
    () => ({ contentType: 'application/json', body: Buffer.from(`{"query":"${'{'.repeat(5000)}"}`) }),
    () => ({
      contentType: 'application/json',
      body: Buffer.from('{"query":"{ __typename }","operationName":{"a":1}}'),
    }),
    () => ({ contentType: 'application/x-www-form-urlencoded', body: Buffer.from('query=%7B__typename%7D') }),
  ];
  return Array.from({ length: count }, () => shapes[Math.floor(random() * shapes.length)]!());
}
