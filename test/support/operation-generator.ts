import {
  GraphQLNonNull,
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
import type { GraphQLField, GraphQLInputType, GraphQLObjectType, GraphQLScalarType, GraphQLSchema } from 'graphql';
import { seededRandom } from './seeded-random';

/** One generated operation with its variables. */
export interface GeneratedOperation {
  query: string;
  variables: Record<string, unknown>;
}

/** Job ids of a dataset, valid and invalid, for JobId variables. */
export interface GeneratorValues {
  jobIds: readonly string[];
}

/**
 * Valid-looking operations over any schema for the executor differential test: random fields of
 * Query to depth 3, arguments passed as variables (mostly valid values, sometimes wrong ones),
 * with aliases, fragments, `__typename` and `@include`/`@skip` on variables mixed in. Seeded:
 * the same seed gives the same operations.
 */
export class OperationGenerator {
  private readonly random: () => number;
  private variables: Record<string, unknown> = {};
  private definitions: string[] = [];
  private fragments: string[] = [];
  private aliases = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly values: GeneratorValues,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  next(): GeneratedOperation {
    const query = this.schema.getQueryType();
    if (!query) throw new Error('schema has no Query type');
    this.variables = {};
    this.definitions = [];
    this.fragments = [];
    const selection = this.selection(query, 3);
    const head = this.definitions.length ? `query Generated(${this.definitions.join(', ')})` : 'query Generated';
    return { query: [`${head} { ${selection} }`, ...this.fragments].join('\n'), variables: this.variables };
  }

  private selection(type: GraphQLObjectType, depth: number): string {
    const fields = Object.values(type.getFields()).filter((f) => !f.name.startsWith('_'));
    const chosen = fields.filter(() => this.random() < 0.3);
    if (chosen.length === 0) chosen.push(this.pick(fields));
    const parts = chosen.map((field) => this.field(field, depth));
    if (this.random() < 0.2) parts.push('__typename');
    if (this.random() < 0.15) {
      const name = `F${(this.aliases += 1)}`;
      this.fragments.push(`fragment ${name} on ${type.name} { ${this.field(this.pick(fields), depth, name)} }`);
      parts.push(`...${name}`);
    }
    if (this.random() < 0.1)
      parts.push(`... on ${type.name} { ${this.field(this.pick(fields), depth, `inline${(this.aliases += 1)}`)} }`);
    return parts.join(' ');
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number, alias?: string): string {
    const args = field.args
      .filter((a) => isNonNullType(a.type) || this.random() < 0.4)
      .map((a) => `${a.name}: ${this.variable(a.type)}`);
    let head = args.length ? `${field.name}(${args.join(', ')})` : field.name;
    if (alias !== undefined || this.random() < 0.1) head = `${alias ?? `a${(this.aliases += 1)}`}: ${head}`;
    if (this.random() < 0.05)
      head += ` @${this.pick(['include', 'skip'])}(if: ${this.variable(new GraphQLNonNull(booleanType(this.schema)))})`;
    const named = getNamedType(field.type);
    if (isLeafType(named)) return head;
    if (!isObjectType(named) || depth <= 0) return `${head} { __typename }`;
    return `${head} { ${this.selection(named, depth - 1)} }`;
  }

  private variable(type: GraphQLInputType): string {
    const name = `v${this.definitions.length}`;
    this.definitions.push(`$${name}: ${type.toString()}`);
    const value = this.value(type, 2);
    if (value !== undefined) this.variables[name] = value;
    return `$${name}`;
  }

  private value(type: GraphQLInputType, depth: number): unknown {
    if (!isNonNullType(type) && this.random() < 0.15) return this.random() < 0.5 ? null : undefined;
    const t = getNullableType(type);
    if (isListType(t)) return [this.value(t.ofType as GraphQLInputType, depth)];
    if (isEnumType(t)) return this.pick(t.getValues()).name;
    if (isInputObjectType(t)) {
      if (depth <= 0) return {};
      const fields = Object.values(t.getFields()).filter((f) => isNonNullType(f.type) || this.random() < 0.3);
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        const v = this.value(f.type, depth - 1);
        if (v !== undefined) out[f.name] = v;
      }
      return out;
    }
    if (!isScalarType(t)) return null;
    const wrong = this.random() < 0.02;
    switch (t.name) {
      case 'Int':
        return wrong ? 'ten' : this.pick([0, 1, 2, 3, 5, 10]);
      case 'Float':
        return wrong ? 'x' : this.pick([0, 1.5, 3600]);
      case 'Boolean':
        return wrong ? 1 : this.random() < 0.5;
      case 'JobId':
        return wrong ? this.pick(['not-an-id', '', '18446744073709551616']) : this.pick(this.values.jobIds);
      case 'DateTime':
        return wrong
          ? 'yesterday'
          : this.pick(['2026-11-01T00:00:00.000Z', '2020-01-01T00:00:00Z', '2030-01-01T00:00:00+02:00']);
      case 'JSON':
        return this.pick(['x', 7, { experiment: 'cxic00121' }]);
      default:
        return wrong ? { experiment: 'cxic00121' } : this.pick(['x', '', 'alice', 'cxic00121', 'batch']);
    }
  }

  private pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

function booleanType(schema: GraphQLSchema): GraphQLScalarType {
  const type = schema.getType('Boolean');
  if (!type || !isScalarType(type)) throw new Error('schema has no Boolean');
  return type;
}
