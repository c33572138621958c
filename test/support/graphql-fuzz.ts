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
import type { GraphQLField, GraphQLInputType, GraphQLList, GraphQLObjectType, GraphQLSchema } from 'graphql';

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

/** One request of the argument fuzzer: an operation whose every argument is a variable, the variables as JSON text. */
export interface HostileArgumentCase {
  /** `Query.jobs(filter.users[0])`: the argument or input field that got the hostile value. */
  target: string;
  /** What the value is (`NUL`, `1 MB string`, `100,000 items`, …). */
  hostile: string;
  query: string;
  variablesJson: string;
}

/** A hostile value as JSON text (some are too deep or too big for JSON.stringify to be the natural way). */
interface HostileValue {
  name: string;
  json: string;
  /** Heavy values (MBs of body) are sent once per target, not in the random rounds. */
  heavy?: boolean;
}

const MB_STRING = 'x'.repeat(1_000_000 - 200);
const HOSTILE_VALUES: HostileValue[] = [
  { name: 'NUL', json: JSON.stringify('bchen\u0000') },
  { name: 'control characters', json: JSON.stringify('\u0001\u0007\u001b[31m\u007f\r\n') },
  { name: 'lone surrogate', json: '"\\ud800x\\udfff"' },
  { name: 'option-like', json: JSON.stringify('--help') },
  { name: 'path traversal', json: JSON.stringify('../../../../etc/passwd') },
  { name: '20-digit number string', json: JSON.stringify('99999999999999999999') },
  { name: 'negative number string', json: JSON.stringify('-1') },
  { name: 'empty string', json: '""' },
  { name: '200 KB string', json: JSON.stringify('u'.repeat(200_000)), heavy: true },
  { name: '1 MB string', json: JSON.stringify(MB_STRING), heavy: true },
  { name: '2^31', json: '2147483648' },
  { name: '-2^31-1', json: '-2147483649' },
  { name: '2^53+1', json: '9007199254740993' },
  { name: '2^64', json: '18446744073709551616' },
  { name: '1e308', json: '1e308' },
  { name: '-1e308', json: '-1e308' },
  { name: '1e400 (Infinity)', json: '1e400' },
  { name: '-1', json: '-1' },
  { name: '-0', json: '-0' },
  { name: '1.5', json: '1.5' },
  { name: 'true', json: 'true' },
  { name: 'null', json: 'null' },
  { name: 'object', json: '{"a":{"b":[1,2]}}' },
  { name: 'empty object', json: '{}' },
  { name: 'empty list', json: '[]' },
  { name: 'list of mixed', json: '[1,"a",null,{},[]]' },
  { name: 'JSON nested 1,000 deep', json: `${'['.repeat(1_000)}1${']'.repeat(1_000)}` },
  { name: 'JSON nested 300,000 deep', json: `${'['.repeat(300_000)}1${']'.repeat(300_000)}`, heavy: true },
  {
    name: 'object nested 100,000 deep',
    json: `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`,
    heavy: true,
  },
  {
    name: 'wide object (50,000 keys)',
    json: `{${range(50_000)
      .map((i) => `"k${i}":${i}`)
      .join(',')}}`,
    heavy: true,
  },
];

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** A plausible value of an input type, as JSON text: what the other arguments and fields get. */
function plausible(type: GraphQLInputType): string {
  if (isNonNullType(type)) return plausible(type.ofType as GraphQLInputType);
  if (isListType(type)) return `[${plausible(type.ofType as GraphQLInputType)}]`;
  if (isEnumType(type)) return JSON.stringify(type.getValues()[0]?.name ?? null);
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter(
      (f) => isNonNullType(f.type) && f.defaultValue === undefined,
    );
    return `{${required.map((f) => `${JSON.stringify(f.name)}:${plausible(f.type)}`).join(',')}}`;
  }
  switch (type.name) {
    case 'Int':
    case 'Float':
      return '1';
    case 'Boolean':
      return 'true';
    case 'JobId':
      return '"ƒ7PFfdyq"';
    case 'DateTime':
      return '"2026-11-01T00:00:00.000Z"';
    case 'JSON':
      return '{"a":1}';
    default:
      return '"xpp12345"';
  }
}

/** One leaf position inside an argument: the path's JSON text builder around a hole. */
interface Position {
  label: string;
  /** The argument's JSON text with `hole` in the position. */
  wrap(hole: string): string;
  /** The type expected at the position (for lists of 100,000 items). */
  type: GraphQLInputType;
}

/** Every position inside a value of `type` (the value itself, list items, input fields, recursively up to `depth`). */
function positions(type: GraphQLInputType, label: string, depth: number): Position[] {
  const here: Position = { label, wrap: (hole) => hole, type };
  const inner = getNullableType(type) as GraphQLInputType;
  if (depth <= 0) return [here];
  if (isListType(inner)) {
    const item = inner.ofType as GraphQLInputType;
    return [
      here,
      ...positions(item, `${label}[0]`, depth - 1).map((p) => ({ ...p, wrap: (hole: string) => `[${p.wrap(hole)}]` })),
    ];
  }
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    return [
      here,
      ...fields.flatMap((field) =>
        positions(field.type, `${label}.${field.name}`, depth - 1).map((p) => ({
          ...p,
          wrap: (hole: string) => {
            const others = fields
              .filter((f) => f !== field && isNonNullType(f.type) && f.defaultValue === undefined)
              .map((f) => `${JSON.stringify(f.name)}:${plausible(f.type)}`);
            return `{${[...others, `${JSON.stringify(field.name)}:${p.wrap(hole)}`].join(',')}}`;
          },
        })),
      ),
    ];
  }
  return [here];
}

/**
 * Hostile values for every argument and input field of every query and mutation of `schema`,
 * read from the schema itself (fields added later are covered without touching this code): each
 * operation passes all its arguments as variables, plausible except one position, which gets a
 * hostile value: NUL and control characters, lone surrogates, 1 MB strings, numbers beyond every
 * range, JSON nested 300,000 deep, lists of 100,000 items, and values of the wrong type. First
 * every (position, value) pair once, then random pairs (seeded) until `count` cases.
 */
export function* hostileArgumentCases(
  schema: GraphQLSchema,
  count: number,
  seed: number,
): Generator<HostileArgumentCase> {
  const random = seededRandom(seed);
  const targets: Array<{
    label: string;
    type: GraphQLInputType;
    nested: boolean;
    query: string;
    variables(hole: string): string;
  }> = [];
  for (const [operation, root] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      if (field.args.length === 0) continue;
      const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
      const definitions = field.args.map((a, i) => `$a${i}: ${String(a.type)}`).join(', ');
      const uses = field.args.map((a, i) => `${a.name}: $a${i}`).join(', ');
      const query = `${operation} Fuzz(${definitions}) { ${field.name}(${uses})${selection} }`;
      field.args.forEach((arg, index) => {
        for (const position of positions(arg.type, `${root.name}.${field.name}(${arg.name}`, 3)) {
          targets.push({
            label: `${position.label})`,
            type: position.type,
            nested: position.label !== `${root.name}.${field.name}(${arg.name}`,
            query,
            variables: (hole) =>
              `{${field.args.map((a, i) => `"a${i}":${i === index ? position.wrap(hole) : plausible(a.type)}`).join(',')}}`,
          });
        }
      });
    }
  }
  const caseOf = (target: (typeof targets)[number], hostile: string, json: string): HostileArgumentCase => ({
    target: target.label,
    hostile,
    query: target.query,
    variablesJson: target.variables(json),
  });
  let sent = 0;
  for (const target of targets) {
    // Heavy values (MBs of body, seconds of a loaded CI machine each) go to every argument itself,
    // light ones to every position inside it too.
    const topLevel = target.nested === false;
    for (const value of HOSTILE_VALUES) {
      if (value.heavy && !topLevel) continue;
      yield caseOf(target, value.name, value.json);
      sent += 1;
    }
    if (!topLevel || !isListType(getNullableType(target.type))) continue;
    const item = plausible((getNullableType(target.type) as GraphQLList<GraphQLInputType>).ofType);
    yield caseOf(target, '100,000 items', `[${Array.from({ length: 100_000 }, () => item).join(',')}]`);
    sent += 1;
  }
  const light = HOSTILE_VALUES.filter((v) => !v.heavy);
  while (sent < count) {
    const target = targets[Math.floor(random() * targets.length)];
    const value = light[Math.floor(random() * light.length)];
    if (!target || !value) throw new Error('the schema has no arguments to fuzz');
    yield caseOf(target, value.name, value.json);
    sent += 1;
  }
}
