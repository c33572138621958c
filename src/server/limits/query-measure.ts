import { Kind, getNamedType, isObjectType, isInterfaceType, isUnionType, valueFromASTUntyped } from 'graphql';
import type {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
} from 'graphql';

/** The size of one operation, measured before it runs. */
export interface QueryMeasure {
  /** Deepest field nesting (a root field is depth 1). */
  depth: number;
  /** Fields requested under another response name (`a: job(...)`), counted once per expanded occurrence. */
  aliases: number;
  /** Fields selected at the root of the operation (after fragments are expanded). */
  rootFields: number;
  /** Most fields selected in any one selection set, after fragments are expanded (the root's included). */
  breadth: number;
  /**
   * Estimated work: every field costs 1; a field taking `first` multiplies the cost of its
   * selection by `first` (its argument, a variable, or its schema default), so nested
   * connections multiply. Lists without `first` count once per field; a federation `_entities`
   * multiplies its selection by the number of representations.
   */
  cost: number;
}

/**
 * Selections the measure visits at most for one document. With every fragment measured once
 * (per type it is read as) a document cannot need more than a small multiple of its own size;
 * the cap only bounds a pathological case the memo does not foresee.
 */
export const MEASURE_WORK_CAP = 200_000;

/** Thrown by {@link measureOperation} when {@link MEASURE_WORK_CAP} is reached. */
export class MeasureWorkExceeded extends Error {
  constructor() {
    super(`measuring the document took more than ${MEASURE_WORK_CAP} steps`);
    this.name = 'MeasureWorkExceeded';
  }
}

/** What one selection set weighs; depth is relative (its own fields are depth 1). */
interface Weight {
  depth: number;
  cost: number;
  fields: number;
  aliases: number;
  breadth: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown> | undefined;
  visiting: Set<string>;
  /** Fragment weights by `name` and the type they were read as: each is walked once. */
  memo: Map<string, Weight>;
  steps: number;
}

const EMPTY: QueryMeasure = { depth: 0, aliases: 0, rootFields: 0, breadth: 0, cost: 0 };

/**
 * Measures the operation `operationName` (or the first one) of a parsed document, validated or
 * not. Linear in the document's size: each fragment is weighed once and its weight reused at
 * every spread, so a fragment spread twice by a fragment spread twice… costs its text, not its
 * expansion (which the numbers still describe: they may be astronomically large, or Infinity).
 * Fragment cycles (invalid GraphQL) count once. With `variables` undefined a `first` given by a variable counts 1: a lower bound whatever
 * the variables, for the check made before validation.
 * Throws {@link MeasureWorkExceeded} past {@link MEASURE_WORK_CAP} steps.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined = {},
): QueryMeasure {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  return operation ? (measureOperations(schema, document, [operation], variables)[0] ?? EMPTY) : EMPTY;
}

/**
 * Measures every operation of a document (in document order), sharing one fragment memo so the
 * whole document costs one walk; see {@link measureOperation}.
 */
export function measureOperations(
  schema: GraphQLSchema,
  document: DocumentNode,
  operations: readonly OperationDefinitionNode[] = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  ),
  variables: Record<string, unknown> | undefined = undefined,
): QueryMeasure[] {
  const walk: Walk = { schema, variables, visiting: new Set(), fragments: new Map(), memo: new Map(), steps: 0 };
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION && !walk.fragments.has(d.name.value)) walk.fragments.set(d.name.value, d);
  return operations.map((operation) => {
    const rootType = schema.getRootType(operation.operation);
    if (!rootType) return EMPTY;
    const root = weigh(walk, operation.selectionSet, rootType);
    return {
      depth: root.depth,
      aliases: root.aliases,
      rootFields: root.fields,
      breadth: root.breadth,
      cost: root.cost,
    };
  });
}

/**
 * Introspection's own fields: measured as one field each, as before this measure existed (the
 * standard introspection query nests `ofType` deeper than the depth limit). Execution expands a
 * fragment once per selection set, so what hides below them cannot fan out.
 */
const META_FIELDS = new Set(['__schema', '__type']);

/** `parent` undefined: below a field the schema does not have (still measured: validation will walk it too). */
function weigh(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined): Weight {
  const weight: Weight = { depth: 0, cost: 0, fields: 0, aliases: 0, breadth: 0 };
  for (const selection of selectionSet.selections) {
    walk.steps += 1;
    if (walk.steps > MEASURE_WORK_CAP) throw new MeasureWorkExceeded();
    if (selection.kind === Kind.FIELD) {
      weight.fields += 1;
      if (selection.alias) weight.aliases += 1;
      const field = parent && fieldOf(parent, selection.name.value);
      let child: Weight | undefined;
      if (selection.selectionSet && !META_FIELDS.has(selection.name.value))
        child = weigh(walk, selection.selectionSet, field ? getNamedType(field.type) : undefined);
      const multiplier = field ? firstArgument(walk, field, selection.arguments ?? []) : 1;
      weight.cost += 1 + multiplier * (child?.cost ?? 0);
      weight.depth = Math.max(weight.depth, 1 + (child?.depth ?? 0));
      weight.aliases += child?.aliases ?? 0;
      weight.breadth = Math.max(weight.breadth, child?.breadth ?? 0);
      continue;
    }
    const inner =
      selection.kind === Kind.INLINE_FRAGMENT
        ? weigh(walk, selection.selectionSet, typeOf(walk, selection.typeCondition?.name.value, parent))
        : weighFragment(walk, selection.name.value, parent);
    if (!inner) continue;
    weight.cost += inner.cost;
    weight.fields += inner.fields;
    weight.aliases += inner.aliases;
    weight.depth = Math.max(weight.depth, inner.depth);
    weight.breadth = Math.max(weight.breadth, inner.breadth);
  }
  weight.breadth = Math.max(weight.breadth, weight.fields);
  return weight;
}

function weighFragment(walk: Walk, name: string, parent: GraphQLNamedType | undefined): Weight | undefined {
  const fragment = walk.fragments.get(name);
  if (!fragment || walk.visiting.has(name)) return undefined;
  const type = typeOf(walk, fragment.typeCondition.name.value, parent);
  const key = `${name}\u0000${type?.name ?? ''}`;
  const known = walk.memo.get(key);
  if (known) return known;
  walk.visiting.add(name);
  const weight = weigh(walk, fragment.selectionSet, type);
  walk.visiting.delete(name);
  walk.memo.set(key, weight);
  return weight;
}

function typeOf(
  walk: Walk,
  name: string | undefined,
  parent: GraphQLNamedType | undefined,
): GraphQLNamedType | undefined {
  return (name !== undefined && walk.schema.getType(name)) || parent;
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
  args: ReadonlyArray<{ name: { value: string }; value: ValueNode }>,
): number {
  if (field.name === '_entities') return representationCount(walk, args);
  const definition = field.args.find((a) => a.name === 'first');
  if (!definition) return 1;
  const given = args.find((a) => a.name.value === 'first');
  if (given?.value.kind === Kind.VARIABLE && walk.variables === undefined) return 1;
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
