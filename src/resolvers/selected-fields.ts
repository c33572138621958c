import { Kind } from 'graphql';
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects, directly below it (through inline fragments and
 * fragment spreads), a field called `name` whose argument `argument` is absent or null — e.g.
 * `runs { params }` asks every parameter of each run. Lets a resolver fetch in one request what
 * its children would otherwise fetch in a second one.
 */
export function selectsWithoutArgument(info: GraphQLResolveInfo, name: string, argument: string): boolean {
  const unset = (field: FieldNode): boolean => {
    const arg = field.arguments?.find((a) => a.name.value === argument);
    if (!arg || arg.value.kind === Kind.NULL) return true;
    return arg.value.kind === Kind.VARIABLE && info.variableValues[arg.value.name.value] == null;
  };
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === name && unset(s);
      if (s.kind === Kind.INLINE_FRAGMENT) return walk(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return walk(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => walk(node.selectionSet));
}
