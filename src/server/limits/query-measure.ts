import { Kind, getNamedType, isObjectType, isInterfaceType, isUnionType, valueFromASTUntyped } from 'graphql';
import type {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';

/** The size of one operation, measured before it runs. */
export interface QueryMeasure {
  /** Deepest field nesting (a root field is depth 1). */
  depth: number;
  /** Fields requested under another response name (`a: job(...)`). */
  aliases: number;
  /** Fields selected at the root of the operation (after fragments are expanded). */
  rootFields: number;
  /**
   * Estimated work: every field costs 1; a field taking `first` multiplies the cost of its
   * selection by `first` (its argument, a variable, or its schema default), so nested
   * connections multiply. Lists without `first` count once per field; a federation `_entities`
   * multiplies its selection by the number of representations.
   */
  cost: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  aliases: number;
  visiting: Set<string>;
}

/**
 * Measures the operation `operationName` (or the only one) of a parsed, validated document.
 * Fragment cycles (invalid GraphQL, but measured before validation may have run) count once.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
): QueryMeasure {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const empty = { depth: 0, aliases: 0, rootFields: 0, cost: 0 };
  if (!operation) return empty;
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return empty;
  const walk: Walk = { schema, variables, aliases: 0, visiting: new Set(), fragments: new Map() };
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) walk.fragments.set(d.name.value, d);
  const root = measureSelection(walk, operation.selectionSet, rootType, 1);
  return { depth: root.depth, aliases: walk.aliases, rootFields: root.fields, cost: root.cost };
}

function measureSelection(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  depth: number,
): { depth: number; cost: number; fields: number } {
  let maxDepth = 0;
  let cost = 0;
  let fields = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      fields += 1;
      if (selection.alias) walk.aliases += 1;
      const field = fieldOf(parent, selection.name.value);
      let childCost = 0;
      let childDepth = 0;
      if (selection.selectionSet && field) {
        const child = measureSelection(walk, selection.selectionSet, getNamedType(field.type), depth + 1);
        childCost = child.cost;
        childDepth = child.depth;
      }
      const multiplier = field ? firstArgument(walk, field, selection.arguments ?? []) : 1;
      cost += 1 + multiplier * childCost;
      maxDepth = Math.max(maxDepth, depth, childDepth);
      continue;
    }
    let inner: SelectionSetNode | undefined;
    let typeName: string | undefined;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = selection.selectionSet;
      typeName = selection.typeCondition?.name.value;
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      if (!fragment || walk.visiting.has(name)) continue;
      walk.visiting.add(name);
      inner = fragment.selectionSet;
      typeName = fragment.typeCondition.name.value;
    }
    const type = (typeName && walk.schema.getType(typeName)) || parent;
    const child = measureSelection(walk, inner, type, depth);
    if (selection.kind === Kind.FRAGMENT_SPREAD) walk.visiting.delete(selection.name.value);
    cost += child.cost;
    fields += child.fields;
    maxDepth = Math.max(maxDepth, child.depth);
  }
  return { depth: maxDepth, cost, fields };
}

function fieldOf(type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(type) || isInterfaceType(type)) return type.getFields()[name];
  if (isUnionType(type)) {
    for (const member of type.getTypes()) {
      const field = member.getFields()[name];
      if (field) return field;
    }
  }
  return undefined;
}

function firstArgument(
  walk: Walk,
  field: GraphQLField<unknown, unknown>,
  args: ReadonlyArray<{ name: { value: string }; value: Parameters<typeof valueFromASTUntyped>[0] }>,
): number {
  if (field.name === '_entities') return representationCount(walk, args);
  const definition = field.args.find((a) => a.name === 'first');
  if (!definition) return 1;
  const given = args.find((a) => a.name.value === 'first');
  const value = given ? valueFromASTUntyped(given.value, walk.variables) : definition.defaultValue;
  const n = typeof value === 'number' && Number.isFinite(value) ? value : Number(definition.defaultValue ?? 1);
  return Math.max(1, Math.floor(Number.isFinite(n) ? n : 1));
}

/** A federation `_entities` call resolves one entity per representation: its selection costs that many times. */
function representationCount(
  walk: Walk,
  args: ReadonlyArray<{ name: { value: string }; value: Parameters<typeof valueFromASTUntyped>[0] }>,
): number {
  const given = args.find((a) => a.name.value === 'representations');
  const value = given ? valueFromASTUntyped(given.value, walk.variables) : undefined;
  return Math.max(1, Array.isArray(value) ? value.length : 1);
}
